package org.zonetrust.core.state;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.zonetrust.core.internal.state.FileStoreEngine;

/**
 * The embedded {@link StateStore}: one file per key below a directory on a local POSIX file system.
 * Fits a single host; several processes on that host may share the directory. For a cluster use a
 * database-backed store.
 *
 * <pre>{@code
 * StateStore store = FileStateStore.builder()
 *     .directory(Path.of("/var/lib/zonetrust/state"))
 *     .clock(clock) // optional, defaults to Clock.systemUTC()
 *     .build();
 * }</pre>
 *
 * <p>Guarantees, beyond those of {@link StateStore}:
 *
 * <ul>
 *   <li>Each write goes to a temporary file in the key's directory, which is fsynced, renamed over
 *       the old file atomically, after which the directory is fsynced. A crash leaves the old or
 *       the new file, whole. Temporary files left by a crash are removed when a store is opened.
 *   <li>Files are created with mode 0600 and directories with 0700 (before any byte is written).
 *   <li>Every file carries its key, version and a CRC-32C checksum. A torn or corrupted file is
 *       reported as a {@link StateStoreException} naming the file; it is never used, and never
 *       silently overwritten (restore or delete it by hand).
 *   <li>Writes of one key are serialised by a lock that holds across threads and processes (a JVM
 *       lock plus an OS file lock, striped over 16 lock files). Reads take no lock.
 *   <li>Versions strictly increase per key, also across delete and re-creation: a delete leaves a
 *       small tombstone with the last version (and no value).
 *   <li>Lease records live apart from keys (a key and a lease may share a name), hold holder,
 *       expiry (by the injected clock) and fencing token, and are kept after release so that
 *       fencing tokens keep increasing.
 * </ul>
 *
 * <p>Interrupts: the rename of the new file is a write's commit point. A thread interrupted before
 * it (including one interrupted before calling) gets a {@link StateStoreException} and nothing is
 * written; one interrupted after it (during the directory fsync or the lock release) gets the
 * normal result, as the new value is already visible. Either way the interrupt flag stays set. An
 * exception therefore never means "written anyway" because of an interrupt. {@link Lease#close()}
 * is the exception to the refusal: it releases the lease on an interrupted thread too (clearing the
 * interrupt flag for the release and setting it again afterwards), so a lease closed by a cancelled
 * task's {@code try}-with-resources block is free at once, not held until it expires.
 *
 * <p>File names: on-disk names are all lower case. Each upper-case letter of a key is written as
 * {@code ^} and the lower-case letter ({@code acme/Orders} becomes {@code acme/^orders,v}), so keys
 * that differ only in case ({@code A} and {@code a}) map to distinct files also on a
 * case-insensitive file system such as the macOS default. Upper-case letters thus take two
 * characters of a path: a 512-character key of capitals needs a path of over 1024 bytes below the
 * store directory, more than macOS allows ({@code PATH_MAX}); writing such a key there fails with a
 * {@link StateStoreException}.
 *
 * <p>Limitations: the directory must be on a local POSIX file system. Symbolic links inside the
 * store directory are not followed by {@link #list}: they are ignored.
 *
 * <p>Values are limited to 64 MiB. Thread-safe. The store holds no open resources between calls, so
 * it needs no closing.
 */
public final class FileStateStore implements StateStore {

  private final FileStoreEngine engine;

  private FileStateStore(FileStoreEngine engine) {
    this.engine = engine;
  }

  /**
   * Starts configuring a store.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Opens (creating if needed) the store in {@code directory}; shorthand for the builder.
   *
   * @param directory the store directory
   * @param clock the clock that judges lease expiry
   * @return the store
   * @throws StateStoreException if the directory cannot be created or prepared
   */
  public static FileStateStore open(Path directory, Clock clock) throws StateStoreException {
    return builder().directory(directory).clock(clock).build();
  }

  @Override
  public Optional<Versioned> get(String key) throws StateStoreException {
    return engine.get(key);
  }

  @Override
  public Optional<Versioned> compareAndSet(String key, long expectedVersion, byte[] value)
      throws StateStoreException {
    return engine.compareAndSet(key, expectedVersion, value);
  }

  @Override
  public Versioned put(String key, byte[] value) throws StateStoreException {
    return engine.put(key, value);
  }

  @Override
  public boolean delete(String key, long expectedVersion) throws StateStoreException {
    return engine.delete(key, expectedVersion);
  }

  @Override
  public List<String> list(String prefix) throws StateStoreException {
    return engine.list(prefix);
  }

  @Override
  public Optional<Lease> tryAcquire(String name, String holder, Duration ttl)
      throws StateStoreException {
    return engine.tryAcquire(name, holder, ttl);
  }

  @Override
  public String toString() {
    return "FileStateStore[" + engine + "]";
  }

  /** Configures a {@link FileStateStore}; {@link #build()} validates. Not thread-safe. */
  public static final class Builder {
    private @Nullable Path directory;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /**
     * Sets the store directory (required). Created with mode 0700 if absent. It must be on a local
     * file system with POSIX permissions and working file locks (not NFS).
     *
     * @param directory the directory
     * @return this builder
     */
    public Builder directory(Path directory) {
      this.directory = Objects.requireNonNull(directory, "directory");
      return this;
    }

    /**
     * Sets the clock that judges lease expiry; defaults to {@code Clock.systemUTC()}. Tests and
     * simulations pass their own.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Validates the configuration, prepares the directory and removes temporary files that
     * interrupted writes left behind.
     *
     * @return the store
     * @throws IllegalStateException if the directory was not set
     * @throws StateStoreException if the directory cannot be created or prepared
     */
    public FileStateStore build() throws StateStoreException {
      if (directory == null) {
        throw new IllegalStateException(
            "FileStateStore needs a directory: call directory(Path) before build()");
      }
      return new FileStateStore(FileStoreEngine.open(directory, clock));
    }
  }
}
