package org.zonetrust.core.state;

import java.time.Duration;
import java.time.Instant;

/**
 * A time-limited, exclusive right to perform an operation, granted by {@link
 * StateStore#tryAcquire}. Used to make sure only one process works on one certificate order or one
 * zone's keys at a time.
 *
 * <p>A lease may expire while its holder still works (a long GC pause, a stalled disk). The {@link
 * #fencingToken()} protects against that: it increases with every grant of the same name, so a
 * resource that records the highest token it has seen can reject the late writes of a holder whose
 * lease has already been granted to someone else.
 *
 * <p>Thread-safe. {@link #close()} releases the lease and is idempotent.
 */
public interface Lease extends AutoCloseable {

  /**
   * The lease name.
   *
   * @return the name given to {@link StateStore#tryAcquire}
   */
  String name();

  /**
   * The fencing token: strictly greater than that of any earlier grant of this name.
   *
   * @return the token
   */
  long fencingToken();

  /**
   * When the lease expires unless renewed.
   *
   * @return the expiry instant, by the store's clock
   */
  Instant expiresAt();

  /**
   * Extends the lease to {@code ttl} from now, if it is still held.
   *
   * @param ttl the new duration from now
   * @return true if renewed, false if the lease had expired and was lost (stop working then)
   * @throws StateStoreException if the storage cannot be read or written
   */
  boolean renew(Duration ttl) throws StateStoreException;

  /**
   * Releases the lease if it is still held by this holder. Idempotent.
   *
   * <p>Works on an interrupted thread too, so that a lease in a {@code try}-with-resources block of
   * a cancelled task is released at once rather than held until it expires: the interrupt flag is
   * cleared while the lease is released and set again afterwards (also if releasing throws).
   *
   * @throws StateStoreException if the storage cannot be written; the lease then stays held until
   *     it expires or a later {@code close()} succeeds
   */
  @Override
  void close() throws StateStoreException;
}
