package org.zonetrust.testbed;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@code openssl s_server} on a free port of 127.0.0.1, presenting a key, a leaf and a chain: the
 * peer TLS server of the DANE agreement tests. It runs in {@code -www} mode (it answers HTTP GET
 * with a status page), so a client that only handshakes and closes is served and the next one is
 * accepted.
 *
 * <pre>{@code
 * try (OpenSslServer server = OpenSslServer.start(dir, key, List.of(leaf, ca))) {
 *   connect to server.address()
 * }
 * }</pre>
 *
 * <p>Started like the testbed's other servers: it is ready when a TCP connection succeeds and
 * {@code ss} shows the listening socket owned by the started process (so a stray server on the same
 * port is never mistaken for ours; a collision is retried on other ports); it logs to {@code
 * s_server-PORT.log} in the given directory and is stopped by PID on {@link #close()} (SIGTERM,
 * then SIGKILL).
 */
public final class OpenSslServer implements AutoCloseable {
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(20);

  private final ServerProcess process;
  private final int port;

  private OpenSslServer(ServerProcess process, int port) {
    this.process = process;
    this.port = port;
  }

  /**
   * Writes the key (mode 0600) and certificates as PEM into {@code dir} and starts the server.
   *
   * @param dir a directory of the test's own
   * @param key the server's private key (RSA, EC or Ed25519)
   * @param chain the certificates to send, leaf first
   * @return the running server
   * @throws TestbedException if openssl is missing, fails to start or does not become ready
   */
  public static OpenSslServer start(Path dir, PrivateKey key, List<X509Certificate> chain) {
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("the chain needs at least the leaf certificate");
    }
    try {
      Files.createDirectories(dir);
      Path keyFile = dir.resolve("key.pem");
      Files.deleteIfExists(keyFile);
      Files.createFile(
          keyFile,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(keyFile, pem("PRIVATE KEY", key.getEncoded()), StandardCharsets.US_ASCII);
      Path leaf = dir.resolve("leaf.pem");
      Files.writeString(leaf, pem(chain.get(0)), StandardCharsets.US_ASCII);
      Path rest = null;
      if (chain.size() > 1) {
        StringBuilder sb = new StringBuilder();
        for (X509Certificate c : chain.subList(1, chain.size())) {
          sb.append(pem(c));
        }
        rest = dir.resolve("chain.pem");
        Files.writeString(rest, sb.toString(), StandardCharsets.US_ASCII);
      }
      return start(dir, keyFile, leaf, rest);
    } catch (IOException e) {
      throw new TestbedException("cannot write the s_server key and certificates in " + dir, e);
    }
  }

  /**
   * Starts the server from PEM files.
   *
   * @param dir the working directory (the log goes there)
   * @param keyPem the private key
   * @param leafPem the leaf certificate
   * @param chainPem the further certificates to send, or {@code null} for none
   * @return the running server
   * @throws TestbedException if openssl is missing, fails to start or does not become ready
   */
  public static OpenSslServer start(Path dir, Path keyPem, Path leafPem, @Nullable Path chainPem) {
    return Servers.retryOnCollision(
        "openssl s_server", () -> startOnce(dir, keyPem, leafPem, chainPem));
  }

  private static OpenSslServer startOnce(
      Path dir, Path keyPem, Path leafPem, @Nullable Path chainPem) {
    int port = Ports.pick(1)[0];
    List<String> args =
        new ArrayList<>(
            List.of(
                "s_server",
                "-accept",
                "127.0.0.1:" + port,
                "-key",
                keyPem.toString(),
                "-cert",
                leafPem.toString(),
                "-www",
                "-quiet"));
    if (chainPem != null) {
      args.add("-cert_chain");
      args.add(chainPem.toString());
    }
    ServerProcess process =
        ServerProcess.start("s_server-" + port, "openssl", args, dir, dir, Map.of());
    try {
      Poll.untilTrue(
          "openssl s_server to accept on 127.0.0.1:" + port,
          READY_TIMEOUT,
          process,
          () -> accepts(port));
      PortOwnership.verify(dir, process, port, List.of("tcp 127.0.0.1"));
      return new OpenSslServer(process, port);
    } catch (RuntimeException e) {
      process.stop();
      throw e;
    }
  }

  private static boolean accepts(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * The port on 127.0.0.1.
   *
   * @return the port
   */
  public int port() {
    return port;
  }

  /**
   * The listening address.
   *
   * @return 127.0.0.1 and the port
   */
  public InetSocketAddress address() {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
  }

  /**
   * The process id, for tests of the stop.
   *
   * @return the PID
   */
  public long pid() {
    return process.pid();
  }

  /** Stops the server by PID: SIGTERM, then SIGKILL after 5 s. */
  @Override
  public void close() {
    process.stop();
  }

  private static String pem(X509Certificate c) {
    try {
      return pem("CERTIFICATE", c.getEncoded());
    } catch (CertificateEncodingException e) {
      throw new TestbedException("cannot encode " + c.getSubjectX500Principal(), e);
    }
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }
}
