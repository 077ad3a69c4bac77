package org.zonetrust.core.internal.state;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Durable file primitives: atomic replace (temporary file in the same directory, fsync, atomic
 * rename, fsync of the directory), owner-only permissions set at creation, bounded reads.
 */
final class AtomicFiles {

  static final FileAttribute<Set<PosixFilePermission>> FILE_PERMISSIONS =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
  static final FileAttribute<Set<PosixFilePermission>> DIR_PERMISSIONS =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));

  private static final Logger LOG = LoggerFactory.getLogger(AtomicFiles.class);

  private AtomicFiles() {}

  /** Creates {@code dir} and its missing parents (mode 0700), making each new entry durable. */
  static void createDirectories(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    Path parent = dir.getParent();
    if (parent != null) {
      createDirectories(parent);
    }
    try {
      Files.createDirectory(dir, DIR_PERMISSIONS);
    } catch (FileAlreadyExistsException e) {
      if (!Files.isDirectory(dir)) {
        throw e;
      }
      return;
    }
    if (parent != null) {
      fsyncDirectory(parent);
    }
  }

  /**
   * Replaces {@code target} with {@code bytes} atomically and durably; mode 0600.
   *
   * <p>The rename is the commit point. Before it, any failure (including an interrupt of the
   * calling thread, which closes the channel being written) throws, with the temporary file removed
   * and the target untouched; an interrupt flag already set when the rename is due aborts the write
   * too. After it, the method returns normally: the directory fsync runs with the interrupt flag
   * cleared (and restored afterwards), and its failure is logged, not thrown, because the new value
   * is already visible.
   *
   * @param afterRename run right after the rename (a test hook)
   */
  static void writeAtomically(Path target, byte[] bytes, Runnable afterRename) throws IOException {
    Path dir =
        Objects.requireNonNull(target.getParent(), () -> target + " has no parent directory");
    createDirectories(dir);
    Path temp = newTempFile(dir);
    try {
      try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      if (Thread.currentThread().isInterrupted()) {
        throw new InterruptedIOException("thread interrupted before the rename; nothing written");
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException | Error e) {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
    // committed: from here on nothing may turn the write into a failure
    afterRename.run();
    fsyncDirectoryAfterCommit(dir);
  }

  /**
   * Fsyncs {@code dir} after a committed rename, never throwing. A channel is closed by an
   * interrupt of the thread using it, so the interrupt flag is cleared first, each attempt opens a
   * fresh channel, and the flag is restored at the end.
   */
  private static void fsyncDirectoryAfterCommit(Path dir) {
    boolean interrupted = Thread.interrupted();
    try {
      for (int attempt = 1; ; attempt++) {
        try {
          fsyncDirectory(dir);
          return;
        } catch (ClosedByInterruptException e) {
          interrupted |= Thread.interrupted();
          if (attempt == 3) {
            LOG.warn("Directory {} not fsynced after a write: interrupted {} times", dir, attempt);
            return;
          }
        } catch (IOException e) {
          LOG.warn(
              "Directory {} not fsynced after a write; the write is visible but may not survive"
                  + " a power loss: {}",
              dir,
              e.toString());
          return;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Creates an empty temporary file, mode 0600 from the start, before any byte is written. */
  private static Path newTempFile(Path dir) throws IOException {
    while (true) {
      Path temp =
          dir.resolve(
              KeyLayout.TEMP_PREFIX
                  + ProcessHandle.current().pid()
                  + "-"
                  + Long.toHexString(ThreadLocalRandom.current().nextLong()));
      try {
        FileChannel.open(
                temp,
                Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                FILE_PERMISSIONS)
            .close();
        return temp;
      } catch (FileAlreadyExistsException e) {
        // name clash with another writer: draw another name
      }
    }
  }

  /**
   * Reads a whole file.
   *
   * @return the bytes, or null if the file does not exist
   * @throws IOException if it cannot be read, or is larger than {@code maxBytes}
   */
  static byte @Nullable [] readIfExists(Path file, long maxBytes) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      if (size > maxBytes) {
        throw new IOException("file is larger than " + maxBytes + " bytes: " + size);
      }
      ByteBuffer buf = ByteBuffer.allocate((int) size);
      while (buf.hasRemaining()) {
        if (ch.read(buf) < 0) {
          break;
        }
      }
      if (buf.hasRemaining()) {
        throw new IOException("file shrank while being read");
      }
      return buf.array();
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  /** Makes directory entries (creations, renames, deletions) in {@code dir} durable. */
  static void fsyncDirectory(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }
}
