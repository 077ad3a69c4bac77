package org.zonetrust.dnssec.internal;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
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
 * Writes files atomically and durably: a temporary file in the target's directory, written with its
 * final permissions from the start, forced to disk, then moved into place, and the directory forced
 * to disk. {@link #createNew} never replaces an existing file (key files); {@link #write} replaces
 * one atomically (signed zones).
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

  /**
   * Replaces (or creates) a file with what the body writes, readable by all (mode 0644: a signed
   * zone holds no secret and name servers running under their own user must read it).
   *
   * @param file the file to write
   * @param body writes the content
   * @throws IOException if writing fails; the previous file is then left unchanged
   */
  public static void write(Path file, Body body) throws IOException {
    Path target = file.toAbsolutePath();
    Path dir = target.getParent();
    if (dir == null) {
      throw new IOException("cannot write " + target + ": it has no parent directory");
    }
    Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
    boolean done = false;
    try {
      if (Files.getFileStore(tmp).supportsFileAttributeView(PosixFileAttributeView.class)) {
        Files.setPosixFilePermissions(tmp, PUBLIC);
      }
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        Writer w =
            new BufferedWriter(
                new OutputStreamWriter(Channels.newOutputStream(ch), StandardCharsets.UTF_8),
                1 << 16);
        body.writeTo(w);
        w.flush();
        ch.force(true);
      }
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      done = true;
      forceDirectory(dir);
    } finally {
      if (!done) {
        Files.deleteIfExists(tmp);
      }
    }
  }

  /** Writes a file's content. */
  public interface Body {
    /**
     * Writes the content.
     *
     * @param w the writer (buffered; the caller flushes and syncs)
     * @throws IOException if writing fails
     */
    void writeTo(Writer w) throws IOException;
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
