package org.zonetrust.core.internal.state;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zonetrust.core.state.Lease;
import org.zonetrust.core.state.StateStore;
import org.zonetrust.core.state.StateStoreException;
import org.zonetrust.core.state.Versioned;

/**
 * The engine of the file state store. Layout below the store directory:
 *
 * <pre>
 * keys/     one record file per key (see {@link KeyLayout}, {@link StoredRecord})
 * leases/   one record file per lease name, the value being a lease state
 * locks/    16 lock files, striped by key hash (see {@link StripedFileLocks})
 * </pre>
 *
 * <p>Writes (put, compare-and-set, delete, lease changes) hold the key's stripe lock from the read
 * of the current version to the durable rename of the new file. Reads take no lock: a rename is
 * atomic, so a reader sees the old or the new file, whole. A delete writes a tombstone that keeps
 * the version, so a re-created key continues from it; tombstones stay on disk (a few dozen bytes
 * each, no value).
 */
public final class FileStoreEngine implements StateStore {

  private static final Logger LOG = LoggerFactory.getLogger(FileStoreEngine.class);

  private final Path root;
  private final Path keysDir;
  private final Path leasesDir;
  private final Clock clock;
  private final StripedFileLocks locks;
  private volatile Runnable afterRename = () -> {};

  private FileStoreEngine(Path root, Clock clock, StripedFileLocks locks) {
    this.root = root;
    this.keysDir = root.resolve("keys");
    this.leasesDir = root.resolve("leases");
    this.clock = clock;
    this.locks = locks;
  }

  /**
   * Opens (creating if needed) a store directory and removes temporary files left by interrupted
   * writes.
   *
   * @param directory the store directory
   * @param clock the clock for lease expiry
   * @return the engine
   * @throws StateStoreException if the directory cannot be created, locked or cleaned
   */
  public static FileStoreEngine open(Path directory, Clock clock) throws StateStoreException {
    Path dir = directory.toAbsolutePath().normalize();
    if (!dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      throw new StateStoreException(
          "State directory "
              + dir
              + " is on a file system without POSIX permissions;"
              + " the file state store needs one to keep values readable by the owner only");
    }
    try {
      AtomicFiles.createDirectories(dir);
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(dir);
      if (perms.stream().anyMatch(p -> !p.name().startsWith("OWNER_"))) {
        LOG.warn("State directory {} is accessible by group or others; chmod 700 it", dir);
      }
      for (String sub : List.of("keys", "leases", "locks")) {
        AtomicFiles.createDirectories(dir.resolve(sub));
      }
      Path real = dir.toRealPath();
      FileStoreEngine engine =
          new FileStoreEngine(dir, clock, new StripedFileLocks(real, dir.resolve("locks")));
      engine.prepare();
      return engine;
    } catch (IOException e) {
      throw new StateStoreException("Cannot open state directory " + dir + ": " + e, e);
    }
  }

  /**
   * Under every stripe lock (so no write is in progress and no other process sweeps at the same
   * time): removes stray temporary files.
   */
  private void prepare() throws IOException {
    StripedFileLocks.Held[] all = locks.lockAll();
    try {
      removeStrayTempFiles();
    } finally {
      for (int i = all.length - 1; i >= 0; i--) {
        all[i].close();
      }
    }
  }

  /** Removes temporary files of interrupted writes; the caller holds every stripe lock. */
  private void removeStrayTempFiles() throws IOException {
    int removed = 0;
    List<Path> temps = new ArrayList<>();
    walk(keysDir, null, temps);
    walk(leasesDir, null, temps);
    for (Path t : temps) {
      if (Files.deleteIfExists(t)) {
        removed++;
      }
    }
    if (removed > 0) {
      LOG.info("Removed {} temporary files left by interrupted writes in {}", removed, root);
    }
  }

  @Override
  public String toString() {
    return root.toString();
  }

  Clock clock() {
    return clock;
  }

  @Override
  public Optional<Versioned> get(String key) throws StateStoreException {
    KeyLayout.requireValid("key", key);
    StoredRecord r = read(Area.KEYS, key);
    return r == null || r.tombstone()
        ? Optional.empty()
        : Optional.of(new Versioned(key, r.version(), r.value()));
  }

  @Override
  public Optional<Versioned> compareAndSet(String key, long expectedVersion, byte[] value)
      throws StateStoreException {
    KeyLayout.requireValid("key", key);
    if (expectedVersion < 0) {
      throw new IllegalArgumentException("expectedVersion must be >= 0, got " + expectedVersion);
    }
    byte[] copy = checkedCopy(key, value);
    return locked(
        Area.KEYS,
        key,
        "compare-and-set",
        () -> {
          StoredRecord cur = read(Area.KEYS, key);
          long live = cur == null || cur.tombstone() ? Versioned.ABSENT : cur.version();
          if (live != expectedVersion) {
            return Optional.empty();
          }
          return Optional.of(write(key, cur, copy));
        });
  }

  @Override
  public Versioned put(String key, byte[] value) throws StateStoreException {
    KeyLayout.requireValid("key", key);
    byte[] copy = checkedCopy(key, value);
    return locked(Area.KEYS, key, "put", () -> write(key, read(Area.KEYS, key), copy));
  }

  @Override
  public boolean delete(String key, long expectedVersion) throws StateStoreException {
    KeyLayout.requireValid("key", key);
    return locked(
        Area.KEYS,
        key,
        "delete",
        () -> {
          StoredRecord cur = read(Area.KEYS, key);
          if (cur == null || cur.tombstone() || cur.version() != expectedVersion) {
            return false;
          }
          writeRecord(Area.KEYS, new StoredRecord(key, cur.version(), true, new byte[0]));
          return true;
        });
  }

  private Versioned write(String key, @Nullable StoredRecord cur, byte[] value) throws IOException {
    long next = cur == null ? 1 : Math.addExact(cur.version(), 1);
    writeRecord(Area.KEYS, new StoredRecord(key, next, false, value));
    return new Versioned(key, next, value);
  }

  private static byte[] checkedCopy(String key, byte[] value) {
    Objects.requireNonNull(value, "value");
    if (value.length > StoredRecord.MAX_VALUE_BYTES) {
      throw new IllegalArgumentException(
          "value for key '"
              + key
              + "' has "
              + value.length
              + " bytes; the file state store takes at most "
              + StoredRecord.MAX_VALUE_BYTES);
    }
    return value.clone();
  }

  @Override
  public List<String> list(String prefix) throws StateStoreException {
    Objects.requireNonNull(prefix, "prefix");
    Path start = KeyLayout.searchRoot(keysDir, prefix);
    List<Path> files = new ArrayList<>();
    try {
      if (!isPlainDirectoryBelow(keysDir, start)) {
        return List.of();
      }
      walk(start, files, null);
      List<String> keys = new ArrayList<>();
      for (Path f : files) {
        String key = KeyLayout.keyOf(keysDir, f);
        if (key != null && key.startsWith(prefix) && !isTombstone(f)) {
          keys.add(key);
        }
      }
      Collections.sort(keys);
      return List.copyOf(keys);
    } catch (IOException e) {
      throw new StateStoreException("Cannot list keys '" + prefix + "*' in " + keysDir, e);
    }
  }

  /** Reads only the header; a file whose header is unreadable counts as live, so get reports it. */
  private static boolean isTombstone(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer head = ByteBuffer.allocate(5);
      while (head.hasRemaining() && ch.read(head) >= 0) {
        // fill
      }
      return !head.hasRemaining() && head.get(4) == 1;
    } catch (NoSuchFileException e) {
      return true;
    }
  }

  /**
   * Collects value files and temporary files below {@code dir}. Temporary files are told apart by
   * name only (no stat), so that files renamed away during the walk do no harm. Other entries are
   * examined without following symbolic links: directories are descended into, regular files with
   * the value suffix collected, and symbolic links (and anything else) ignored, so a link loop or a
   * link out of the store cannot make the walk loop, escape or list foreign files.
   */
  private static void walk(Path dir, @Nullable List<Path> values, @Nullable List<Path> temps)
      throws IOException {
    List<Path> subdirs = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path e : entries) {
        if (KeyLayout.isTemp(e)) {
          if (temps != null) {
            temps.add(e);
          }
          continue;
        }
        BasicFileAttributes attrs;
        try {
          attrs = Files.readAttributes(e, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException gone) {
          continue;
        }
        if (attrs.isDirectory()) {
          subdirs.add(e);
        } else if (attrs.isRegularFile()
            && e.getFileName().toString().endsWith(KeyLayout.VALUE_SUFFIX)
            && values != null) {
          values.add(e);
        }
      }
    } catch (NoSuchFileException | NotDirectoryException e) {
      return;
    }
    for (Path d : subdirs) {
      walk(d, values, temps);
    }
  }

  /** Whether every component of {@code dir} below {@code area} is a directory, not a link. */
  private static boolean isPlainDirectoryBelow(Path area, Path dir) throws IOException {
    if (dir.equals(area)) {
      return true;
    }
    Path p = area;
    for (Path name : area.relativize(dir)) {
      p = p.resolve(name);
      try {
        if (!Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
            .isDirectory()) {
          return false;
        }
      } catch (NoSuchFileException e) {
        return false;
      }
    }
    return true;
  }

  @Override
  public Optional<Lease> tryAcquire(String name, String holder, Duration ttl)
      throws StateStoreException {
    return FileLease.tryAcquire(this, name, holder, ttl);
  }

  /** Where records of one kind live. */
  enum Area {
    KEYS("key"),
    LEASES("lease");

    private final String noun;

    Area(String noun) {
      this.noun = noun;
    }
  }

  /** An action run under a stripe lock. */
  @FunctionalInterface
  interface LockedAction<T> {
    T run() throws IOException, StateStoreException;
  }

  /**
   * Runs {@code action} under the stripe lock of {@code key}. A thread interrupted before the call
   * is refused up front (nothing is written, the flag stays set; {@link FileLease#close} clears the
   * flag around its call, so a release is not refused); an interrupt during the action fails it
   * only before its commit point (see {@link AtomicFiles#writeAtomically}); releasing the lock
   * never fails the action.
   */
  @SuppressWarnings("try") // the lock is held for the body; the resource is not referenced
  <T> T locked(Area area, String key, String what, LockedAction<T> action)
      throws StateStoreException {
    if (Thread.currentThread().isInterrupted()) {
      throw new StateStoreException(
          what
              + " of "
              + area.noun
              + " '"
              + key
              + "' not attempted on "
              + fileOf(area, key)
              + ": the thread is interrupted (nothing was written; the interrupt flag is kept)");
    }
    int stripe = StripedFileLocks.stripeOf(area.name(), key);
    try (StripedFileLocks.Held held = locks.lock(stripe)) {
      return action.run();
    } catch (IOException e) {
      throw new StateStoreException(
          what + " of " + area.noun + " '" + key + "' failed on " + fileOf(area, key) + ": " + e,
          e);
    }
  }

  Path fileOf(Area area, String key) {
    return KeyLayout.fileFor(area == Area.KEYS ? keysDir : leasesDir, key);
  }

  /** Reads a record, null if absent; corruption is an exception naming the file. */
  @Nullable StoredRecord read(Area area, String key) throws StateStoreException {
    Path file = fileOf(area, key);
    byte[] bytes;
    try {
      bytes = AtomicFiles.readIfExists(file, StoredRecord.MAX_VALUE_BYTES + 1024L);
    } catch (IOException e) {
      throw new StateStoreException(
          "Cannot read " + area.noun + " '" + key + "' from " + file + ": " + e, e);
    }
    if (bytes == null) {
      return null;
    }
    try {
      return StoredRecord.decode(key, bytes);
    } catch (IllegalArgumentException e) {
      throw new StateStoreException(
          "State file "
              + file
              + " of "
              + area.noun
              + " '"
              + key
              + "' is corrupt: "
              + e.getMessage()
              + "; restore it from a backup or delete it",
          e);
    }
  }

  void writeRecord(Area area, StoredRecord record) throws IOException {
    AtomicFiles.writeAtomically(fileOf(area, record.key()), record.encode(), afterRename);
  }

  /** Whether two engines use the same JVM-level locks (for tests). */
  boolean sharesLocksWith(FileStoreEngine other) {
    return locks.sharesWith(other.locks);
  }

  /** Test hook: runs on the writing thread right after each rename (the commit point). */
  void afterRenameForTests(Runnable hook) {
    this.afterRename = Objects.requireNonNull(hook, "hook");
  }
}
