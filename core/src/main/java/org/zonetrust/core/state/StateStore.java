package org.zonetrust.core.state;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Durable key-value state shared by ZoneTrust components: ACME accounts and orders in flight, key
 * life-cycle state, rollover plans. Values are opaque bytes; keys are slash-separated paths such as
 * {@code acme/orders/example.com}.
 *
 * <p>Every value carries a version that increases on each write, so that concurrent writers (two
 * threads, two processes, two cluster nodes) detect each other with {@link #compareAndSet} instead
 * of overwriting each other. {@link Lease}s serialise whole operations across processes and carry a
 * fencing token that increases with each grant.
 *
 * <p>Obligations of an implementation:
 *
 * <ul>
 *   <li><b>Durable and atomic:</b> when a write returns, the new value survives a crash of the
 *       process or the machine; a crash at any instant leaves either the old or the new value,
 *       never a torn one.
 *   <li><b>Linearizable per key:</b> a read after a successful write sees that write or a later
 *       one, from any process sharing the store.
 *   <li><b>Thread-safe</b>, and safe for several processes sharing the same backing storage.
 *   <li><b>Secret-safe:</b> values may hold private keys; they are stored readable by the owner
 *       only and never logged.
 *   <li><b>Errors:</b> storage failures are {@link StateStoreException}s naming the key, never the
 *       value.
 * </ul>
 *
 * <p>Key syntax: 1 to 512 characters of {@code [A-Za-z0-9._-]} in segments separated by single
 * {@code /}; no segment is {@code .} or {@code ..}. Keys outside this syntax are rejected with
 * {@link IllegalArgumentException}.
 */
public interface StateStore {

  /**
   * Reads a value.
   *
   * @param key the key
   * @return the value and its version, or empty if the key is absent
   * @throws StateStoreException if the storage cannot be read
   */
  Optional<Versioned> get(String key) throws StateStoreException;

  /**
   * Writes {@code value} under {@code key} only if the key's current version equals {@code
   * expectedVersion}; {@link Versioned#ABSENT} means "only if the key does not exist".
   *
   * @param key the key
   * @param expectedVersion the version the caller read, or {@link Versioned#ABSENT}
   * @param value the new value (copied)
   * @return the stored value with its new version, or empty if the current version differed
   *     (nothing was written)
   * @throws StateStoreException if the storage cannot be written
   */
  Optional<Versioned> compareAndSet(String key, long expectedVersion, byte[] value)
      throws StateStoreException;

  /**
   * Writes {@code value} under {@code key} unconditionally.
   *
   * @param key the key
   * @param value the new value (copied)
   * @return the stored value with its new version
   * @throws StateStoreException if the storage cannot be written
   */
  Versioned put(String key, byte[] value) throws StateStoreException;

  /**
   * Deletes a key if its current version equals {@code expectedVersion}.
   *
   * @param key the key
   * @param expectedVersion the version the caller read
   * @return true if the key was deleted, false if it was absent or its version differed
   * @throws StateStoreException if the storage cannot be written
   */
  boolean delete(String key, long expectedVersion) throws StateStoreException;

  /**
   * Lists the keys that start with {@code prefix}, in lexicographic order.
   *
   * @param prefix a key prefix; {@code ""} lists every key
   * @return the matching keys
   * @throws StateStoreException if the storage cannot be read
   */
  List<String> list(String prefix) throws StateStoreException;

  /**
   * Tries to acquire the lease named {@code name} for {@code ttl}. A lease whose holder did not
   * renew or release it in time expires and may be granted to someone else.
   *
   * @param name the lease name, in key syntax (e.g. {@code locks/acme/example.com})
   * @param holder who asks (e.g. host name and process id), recorded for diagnostics
   * @param ttl how long the lease lasts unless renewed
   * @return the lease, or empty if another holder has an unexpired lease of that name
   * @throws StateStoreException if the storage cannot be read or written
   */
  Optional<Lease> tryAcquire(String name, String holder, Duration ttl) throws StateStoreException;
}
