package org.zonetrust.core.internal.state;

import java.io.IOException;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exclusive locks that hold across threads and processes: a fixed set of lock files ({@code
 * locks/00} to {@code locks/15}), each guarded by a JVM-level {@link ReentrantLock} and an OS
 * {@link FileLock}. A key's stripe is chosen by its hash; lock files are never deleted, so there is
 * no race between deleting a lock file and locking it.
 *
 * <p>The JVM-level locks live in one registry per JVM, keyed by the real path of the store
 * directory. That is the one piece of static state in the store, and deliberately so: POSIX record
 * locks belong to the process, not to a channel, so two store instances on the same directory in
 * one JVM must share them (otherwise closing one instance's channel would silently drop the other
 * instance's lock, and {@code FileChannel.lock} would throw {@code OverlappingFileLockException}).
 * A lock file is opened, locked, unlocked and closed only while its JVM lock is held.
 *
 * <p>The registry holds its lock sets weakly: every {@code StripedFileLocks} (so every store
 * instance) and every {@link Held} lock references its set strongly, so the set of a directory
 * stays the same while any store on it is reachable or any of its locks is held, and its entry is
 * dropped once neither is the case (stores have no {@code close()}).
 */
final class StripedFileLocks {

  static final int STRIPES = 16;

  private static final Logger LOG = LoggerFactory.getLogger(StripedFileLocks.class);

  private static final ConcurrentMap<Path, LocksRef> REGISTRY = new ConcurrentHashMap<>();
  private static final ReferenceQueue<ReentrantLock[]> COLLECTED = new ReferenceQueue<>();

  private final Path lockDir;
  private final ReentrantLock[] jvmLocks;

  StripedFileLocks(Path storeRealPath, Path lockDir) {
    this.lockDir = lockDir;
    this.jvmLocks = locksFor(storeRealPath);
  }

  /** The lock set of a directory: the registered one if still reachable, else a new one. */
  private static ReentrantLock[] locksFor(Path storeRealPath) {
    expungeCollected();
    ReentrantLock[][] result = new ReentrantLock[1][];
    REGISTRY.compute(
        storeRealPath,
        (path, ref) -> {
          ReentrantLock[] locks = ref == null ? null : ref.get();
          if (locks == null) {
            locks = newLocks();
            ref = new LocksRef(path, locks);
          }
          result[0] = locks; // strongly held from here on
          return ref;
        });
    return result[0];
  }

  /** Removes the entries whose lock sets were collected. */
  private static void expungeCollected() {
    for (Reference<?> r; (r = COLLECTED.poll()) != null; ) {
      LocksRef ref = (LocksRef) r;
      REGISTRY.remove(ref.path, ref); // only if not replaced by a newer set meanwhile
    }
  }

  private static ReentrantLock[] newLocks() {
    ReentrantLock[] locks = new ReentrantLock[STRIPES];
    for (int i = 0; i < STRIPES; i++) {
      locks[i] = new ReentrantLock();
    }
    return locks;
  }

  /** A registry entry: a weak reference that remembers its key for removal. */
  private static final class LocksRef extends WeakReference<ReentrantLock[]> {
    private final Path path;

    LocksRef(Path path, ReentrantLock[] locks) {
      super(locks, COLLECTED);
      this.path = path;
    }
  }

  /** Whether the registry holds locks for a store directory (for tests). */
  static boolean isRegistered(Path storeRealPath) {
    expungeCollected();
    return REGISTRY.containsKey(storeRealPath);
  }

  boolean sharesWith(StripedFileLocks other) {
    return jvmLocks == other.jvmLocks;
  }

  static int stripeOf(String area, String key) {
    return Math.floorMod((area + ":" + key).hashCode(), STRIPES);
  }

  /** Takes the lock of one stripe; blocks until every other holder released it. */
  Held lock(int stripe) throws IOException {
    ReentrantLock[] lockSet = jvmLocks;
    ReentrantLock jvm = lockSet[stripe];
    jvm.lock();
    FileChannel channel = null;
    try {
      Path file = lockDir.resolve(String.format("%02d", stripe));
      channel =
          FileChannel.open(
              file,
              java.util.Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
              AtomicFiles.FILE_PERMISSIONS);
      FileLock fileLock = channel.lock();
      return new Held(lockSet, jvm, channel, fileLock);
    } catch (IOException | RuntimeException e) {
      if (channel != null) {
        closeQuietly(channel, e);
      }
      jvm.unlock();
      throw e;
    } finally {
      Reference.reachabilityFence(lockSet);
    }
  }

  /** Takes every stripe, in order (writers hold one stripe at a time, so this cannot deadlock). */
  Held[] lockAll() throws IOException {
    Held[] all = new Held[STRIPES];
    int i = 0;
    try {
      for (; i < STRIPES; i++) {
        all[i] = lock(i);
      }
      return all;
    } catch (IOException | RuntimeException e) {
      for (int j = i - 1; j >= 0; j--) {
        all[j].close();
      }
      throw e;
    }
  }

  private static void closeQuietly(FileChannel channel, Exception primary) {
    try {
      channel.close();
    } catch (IOException suppressed) {
      primary.addSuppressed(suppressed);
    }
  }

  /**
   * A held stripe lock; {@link #close()} releases it. Releasing runs after a write has committed,
   * so it never throws: it clears the thread's interrupt flag (which would close the channel and
   * fail the release), restores it afterwards, and logs a failure instead. Closing the channel
   * releases the OS lock in any case.
   */
  static final class Held implements AutoCloseable {
    private final ReentrantLock[] lockSet;
    private final ReentrantLock jvm;
    private final FileChannel channel;
    private final FileLock fileLock;

    private Held(
        ReentrantLock[] lockSet, ReentrantLock jvm, FileChannel channel, FileLock fileLock) {
      this.lockSet = lockSet;
      this.jvm = jvm;
      this.channel = channel;
      this.fileLock = fileLock;
    }

    @Override
    public void close() {
      boolean interrupted = Thread.interrupted();
      try {
        try {
          fileLock.release();
        } finally {
          channel.close();
        }
      } catch (IOException e) {
        LOG.warn("Releasing a state store lock file failed (closing it released the lock): {}", e);
      } finally {
        jvm.unlock();
        // the set must not be collected (and replaced by a new one) while a lock of it is held
        Reference.reachabilityFence(lockSet);
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }
}
