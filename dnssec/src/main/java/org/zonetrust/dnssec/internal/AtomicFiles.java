package org.zonetrust.dnssec.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Creates files atomically and durably: a temporary file in the target's directory, written with
 * its final permissions from the start, forced to disk, then moved into place without replacing an
 * existing file, and the directory forced to disk.
 */
public final class AtomicFiles {
  /** Owner read and write only, for files with private key material. */
  public static final Set<PosixFilePermission> PRIVATE =
      PosixFilePermissions.fromString("rw-------");

  /** Owner read and write, everyone read: public key files. */
  public static final Set<PosixFilePermission> PUBLIC =
      PosixFilePermissions.fromString("rw-r--r--");

  private AtomicFiles() {}

  /**
   * Creates a new file with the given content.
   *
   * @param target the file to create
   * @param content its content
   * @param permissions its POSIX permissions (ignored on file systems without them)
   * @throws FileAlreadyExistsException if the target exists; it is left unchanged
   * @throws IOException if writing fails; no partial target is left behind
   */
  public static void createNew(Path target, byte[] content, Set<PosixFilePermission> permissions)
      throws IOException {
    Path dir = java.util.Objects.requireNonNull(target.toAbsolutePath().getParent(), "directory");
    if (Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      throw new FileAlreadyExistsException(target.toString());
    }
    boolean posix = Files.getFileStore(dir).supportsFileAttributeView(PosixFileAttributeView.class);
    Path temp =
        posix
            ? Files.createTempFile(
                dir,
                "." + target.getFileName(),
                ".tmp",
                PosixFilePermissions.asFileAttribute(permissions))
            : Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
    try {
      if (posix) {
        // the umask may have narrowed (or, for public files, must not narrow) the mode
        Files.setPosixFilePermissions(temp, permissions);
      }
      try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ByteBuffer buf = ByteBuffer.wrap(content);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      publish(temp, target);
      forceDirectory(dir);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** A hard link refuses to replace an existing file, which a rename would silently do. */
  private static void publish(Path temp, Path target) throws IOException {
    try {
      Files.createLink(target, temp);
    } catch (FileAlreadyExistsException e) {
      throw e;
    } catch (UnsupportedOperationException | FileSystemException e) {
      if (Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        throw new FileAlreadyExistsException(target.toString());
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    }
  }

  private static void forceDirectory(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // some platforms cannot open a directory for reading; the rename itself has happened
      if (Files.getFileStore(dir).supportsFileAttributeView(PosixFileAttributeView.class)) {
        throw e;
      }
    }
  }
}
