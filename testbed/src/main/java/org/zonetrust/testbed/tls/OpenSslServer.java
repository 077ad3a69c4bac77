package org.zonetrust.testbed.tls;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
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
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.zonetrust.testbed.TestbedException;
import org.zonetrust.testbed.Tools;

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
 * <p>It is ready when a TCP connection succeeds and {@code ss} shows the listening socket owned by
 * the started process (so a stray server on the same port is never mistaken for ours); it is
 * stopped by PID on {@link #close()} (SIGTERM, then SIGKILL).
 */
public final class OpenSslServer implements AutoCloseable {
  private static final int LOW = 20000;
  private static final int HIGH = 32000;
  private static final int ATTEMPTS = 5;
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(20);

  private final Process process;
  private final int port;
  private final Path log;
  private final Thread hook;

  private OpenSslServer(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
    this.hook = new Thread(process::destroyForcibly, "openssl-s_server-stop");
    Runtime.getRuntime().addShutdownHook(hook);
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
    // fails naming the Debian package when openssl is missing
    Tools.run(dir, "openssl", "version").requireOk();
    @Nullable TestbedException last = null;
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      int port = freePort();
      List<String> args = new ArrayList<>();
      args.add("openssl");
      args.addAll(
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
      Path log = dir.resolve("s_server-" + port + ".log");
      Process p;
      try {
        p =
            new ProcessBuilder(args)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .start();
      } catch (IOException e) {
        throw new TestbedException("cannot start " + args, e);
      }
      OpenSslServer server = new OpenSslServer(p, port, log);
      try {
        server.awaitReady(dir);
        return server;
      } catch (TestbedException e) {
        server.close();
        last = e;
      }
    }
    throw new TestbedException("openssl s_server did not start in " + ATTEMPTS + " attempts", last);
  }

  private void awaitReady(Path dir) {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (true) {
      if (!process.isAlive()) {
        throw new TestbedException(
            "openssl s_server exited with " + process.exitValue() + ":\n" + logText());
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
        break;
      } catch (IOException e) {
        if (System.nanoTime() > deadline) {
          throw new TestbedException(
              "openssl s_server not accepting on " + port + ":\n" + logText(), e);
        }
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new TestbedException("interrupted waiting for openssl s_server", e);
      }
    }
    Tools.Result ss = Tools.run(dir, "ss", "-Hltnp", "( sport = :" + port + " )").requireOk();
    checkOwnership(ss.output(), process.pid(), port);
  }

  /** Every listener on the port is ours, and ours is there. */
  static void checkOwnership(String ssOutput, long pid, int port) {
    boolean ours = false;
    for (String line : ssOutput.split("\n", -1)) {
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.trim().split("\\s+", -1);
      if (f.length < 4 || !f[3].endsWith(":" + port)) {
        continue;
      }
      if (!line.contains("pid=" + pid + ",")) {
        throw new TestbedException("port " + port + " is held by another process: " + line);
      }
      ours |= f[3].equals("127.0.0.1:" + port);
    }
    if (!ours) {
      throw new TestbedException(
          "openssl s_server (pid "
              + pid
              + ") does not listen on 127.0.0.1:"
              + port
              + ":\n"
              + ssOutput);
    }
  }

  private static int freePort() {
    for (int i = 0; i < 200; i++) {
      int port = ThreadLocalRandom.current().nextInt(LOW, HIGH);
      try (ServerSocket s = new ServerSocket()) {
        s.setReuseAddress(false);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return port;
      } catch (IOException e) {
        // taken: try another
      }
    }
    throw new TestbedException("no free loopback port in " + LOW + ".." + (HIGH - 1));
  }

  private String logText() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(log unreadable: " + e + ")";
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
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // the JVM is shutting down: the hook runs anyway
    }
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
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
