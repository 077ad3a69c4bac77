package org.zonetrust.acme;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.zonetrust.acme.internal.KeyPairPem;

/**
 * The default {@link CertificateSink}: PEM files in one directory per certificate, as web servers
 * and control panels expect them.
 *
 * <p>For a certificate with id {@code example.com} it writes, below the base directory:
 *
 * <ul>
 *   <li>{@code example.com/cert.pem}: the leaf certificate (mode 0644);
 *   <li>{@code example.com/chain.pem}: the intermediates (0644);
 *   <li>{@code example.com/fullchain.pem}: leaf and intermediates (0644);
 *   <li>{@code example.com/privkey.pem}: the PKCS#8 private key (0600, created with that mode
 *       before any byte is written, so it is never readable by others).
 * </ul>
 *
 * <p>Atomicity: all four new files are first written to temporary files in the certificate's
 * directory and fsynced; then each is renamed over its old version and the directory is fsynced. A
 * crash leaves every file either old or new and whole; between the first and the last rename (a few
 * microseconds) a reader may see a new key with the old certificate, so a reader should load the
 * files again when a TLS handshake check fails. Delivering the same certificate twice leaves the
 * same files (idempotent). Thread-safe: concurrent deliveries of different ids do not interact;
 * those of the same id are serialised.
 */
public final class PemFileSink implements CertificateSink {
  private static final Set<PosixFilePermission> KEY_MODE =
      PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> CERT_MODE =
      PosixFilePermissions.fromString("rw-r--r--");
  private static final Set<PosixFilePermission> DIR_MODE =
      PosixFilePermissions.fromString("rwxr-xr-x");

  private final Path directory;
  // One monitor per certificate directory; bounded by the number of certificates.
  private final ConcurrentHashMap<Path, Object> locks = new ConcurrentHashMap<>();

  /**
   * Creates a sink writing below {@code directory} (created if missing, mode 0755).
   *
   * @param directory the base directory
   */
  public PemFileSink(Path directory) {
    this.directory = Objects.requireNonNull(directory, "directory");
  }

  /**
   * The base directory.
   *
   * @return the directory given to the constructor
   */
  public Path directory() {
    return directory;
  }

  /**
   * The directory that holds the files of a certificate.
   *
   * @param id the certificate id
   * @return {@code directory/id}
   */
  public Path directoryOf(String id) {
    return directory.resolve(id);
  }

  @Override
  public void deliver(CertificateDelivery delivery) throws IOException {
    Path dir = directoryOf(delivery.id());
    if (!directory.normalize().equals(dir.normalize().getParent())) {
      throw new IOException("certificate id " + delivery.id() + " escapes " + directory);
    }
    Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(DIR_MODE));
    Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIR_MODE));
    List<X509Certificate> chain = delivery.chain();
    String leaf = pem(chain.subList(0, 1));
    String intermediates = pem(chain.subList(1, chain.size()));
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("privkey.pem", privateKeyPem(delivery));
    files.put("cert.pem", leaf.getBytes(StandardCharsets.US_ASCII));
    files.put("chain.pem", intermediates.getBytes(StandardCharsets.US_ASCII));
    files.put("fullchain.pem", (leaf + intermediates).getBytes(StandardCharsets.US_ASCII));
    synchronized (lockFor(dir)) {
      List<Path> temps = new ArrayList<>();
      try {
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
          Set<PosixFilePermission> mode = f.getKey().equals("privkey.pem") ? KEY_MODE : CERT_MODE;
          temps.add(writeTemp(dir, f.getKey(), f.getValue(), mode));
        }
        int i = 0;
        for (String name : files.keySet()) {
          move(temps.get(i++), dir.resolve(name));
        }
        temps.clear();
        fsyncDirectory(dir);
      } finally {
        for (Path t : temps) {
          Files.deleteIfExists(t);
        }
      }
    }
  }

  private Object lockFor(Path dir) {
    return locks.computeIfAbsent(dir.toAbsolutePath().normalize(), p -> new Object());
  }

  private static Path writeTemp(Path dir, String name, byte[] data, Set<PosixFilePermission> mode)
      throws IOException {
    Path temp =
        Files.createTempFile(
            dir, "." + name + ".", ".tmp", PosixFilePermissions.asFileAttribute(mode));
    try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
      ByteBuffer buf = ByteBuffer.wrap(data);
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(true);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(temp);
      throw e;
    }
    // createTempFile applies the mode under the umask; make it exact.
    Files.setPosixFilePermissions(temp, mode);
    return temp;
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException("file system of " + to + " cannot rename atomically", e);
    }
  }

  private static void fsyncDirectory(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }

  private static byte[] privateKeyPem(CertificateDelivery delivery) {
    return KeyPairPem.block("PRIVATE KEY", delivery.privateKey().getEncoded())
        .getBytes(StandardCharsets.US_ASCII);
  }

  private static String pem(List<X509Certificate> certificates) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (X509Certificate c : certificates) {
      try {
        sb.append(KeyPairPem.block("CERTIFICATE", c.getEncoded()));
      } catch (CertificateEncodingException e) {
        throw new IOException("cannot encode certificate " + c.getSubjectX500Principal(), e);
      }
    }
    return sb.toString();
  }

  /**
   * Shows the base directory.
   *
   * @return e.g. {@code PemFileSink[/etc/zonetrust/certs]}
   */
  @Override
  public String toString() {
    return "PemFileSink[" + directory + "]";
  }
}
