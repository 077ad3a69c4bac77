package org.zonetrust.core.internal.state;

import java.io.IOException;
import java.nio.ByteBuffer;
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

/**
 * Durable file primitives: atomic replace (temporary file in the same directory, fsync, atomic
 * rename, fsync of the directory), owner-only permissions set at creation, bounded reads.
 */
final class AtomicFiles {

  static final FileAttribute<Set<PosixFilePermission>> FILE_PERMISSIONS =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
  static final FileAttribute<Set<PosixFilePermission>> DIR_PERMISSIONS =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));

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

  /** Replaces {@code target} with {@code bytes} atomically and durably; mode 0600. */
  static void writeAtomically(Path target, byte[] bytes) throws IOException {
    Path dir =
        Objects.requireNonNull(target.getParent(), () -> target + " has no parent directory");
    createDirectories(dir);
    Path temp = newTempFile(dir);
    boolean moved = false;
    try {
      try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      moved = true;
      fsyncDirectory(dir);
    } finally {
      if (!moved) {
        Files.deleteIfExists(temp);
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
