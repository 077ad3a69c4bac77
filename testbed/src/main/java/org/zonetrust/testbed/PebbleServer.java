package org.zonetrust.testbed;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Pebble: ACME test CA validating DNS-01 through BIND, HTTPS certificate from {@link TestCa}. */
final class PebbleServer {
  /** Validation without Pebble's random sleeps, and no nonce rejection unless asked for. */
  static final Map<String, String> DEFAULT_ENV =
      Map.of("PEBBLE_VA_NOSLEEP", "1", "PEBBLE_WFE_NONCEREJECT", "0");

  private final int port;
  private final int managementPort;
  private final ServerProcess process;

  private PebbleServer(int port, int managementPort, ServerProcess process) {
    this.port = port;
    this.managementPort = managementPort;
    this.process = process;
  }

  /**
   * Writes the configuration, starts {@code pebble}, waits until {@code /dir} is served over HTTPS
   * trusted by {@code ca}, and checks that its ports are its own.
   *
   * @throws PortOwnership.PortCollisionException when another process holds a chosen port
   */
  static PebbleServer start(Path root, TestCa ca, int dnsPort, Duration timeout) {
    return start(root, "pebble", ca, dnsPort, timeout, Map.of(), Map.of());
  }

  /**
   * Starts a Pebble named {@code name} (its directory below {@code root} and its log file), with
   * {@code extraEnv} added to (or overriding) the default environment; a non-empty {@code eabKeys}
   * (key id to base64url HMAC key) makes External Account Binding required.
   *
   * @throws PortOwnership.PortCollisionException when another process holds a chosen port
   */
  static PebbleServer start(
      Path root,
      String name,
      TestCa ca,
      int dnsPort,
      Duration timeout,
      Map<String, String> extraEnv,
      Map<String, String> eabKeys) {
    Binaries.find("pebble");
    int[] ports = Ports.pick(4);
    Path dir = root.resolve(name);
    Path conf = dir.resolve("pebble-config.json");
    try {
      Files.createDirectories(dir);
      Files.writeString(conf, config(ca, ports, eabKeys));
    } catch (IOException e) {
      throw new TestbedException("cannot write Pebble configuration in " + dir, e);
    }
    Map<String, String> env = new HashMap<>(DEFAULT_ENV);
    env.putAll(extraEnv);
    ServerProcess process =
        ServerProcess.start(
            name,
            "pebble",
            List.of("-config", conf.toString(), "-dnsserver", "127.0.0.1:" + dnsPort),
            dir,
            root.resolve("logs"),
            Map.copyOf(env));
    PebbleServer pebble = new PebbleServer(ports[0], ports[1], process);
    try {
      HttpClient client =
          HttpClient.newBuilder()
              .sslContext(ca.sslContext())
              .connectTimeout(Duration.ofMillis(500))
              .build();
      HttpRequest request =
          HttpRequest.newBuilder(pebble.directory()).timeout(Duration.ofSeconds(2)).build();
      Poll.untilTrue(
          "Pebble to serve " + pebble.directory(),
          timeout,
          process,
          () -> get(client, request) == 200);
      PortOwnership.verify(dir, process, ports[0], List.of("tcp 127.0.0.1"));
      PortOwnership.verify(dir, process, ports[1], List.of("tcp 127.0.0.1"));
      return pebble;
    } catch (RuntimeException e) {
      process.stop();
      throw e;
    }
  }

  private static int get(HttpClient client, HttpRequest request) {
    try {
      return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      throw new TestbedException("GET " + request.uri() + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TestbedException("interrupted", e);
    }
  }

  URI directory() {
    return URI.create("https://127.0.0.1:" + port + "/dir");
  }

  URI management() {
    return URI.create("https://127.0.0.1:" + managementPort + "/");
  }

  ServerProcess process() {
    return process;
  }

  private static String config(TestCa ca, int[] ports, Map<String, String> eabKeys) {
    StringBuilder keys = new StringBuilder();
    eabKeys.forEach(
        (kid, hmac) -> {
          if (!kid.matches("[A-Za-z0-9_-]+") || !hmac.matches("[A-Za-z0-9_-]+")) {
            throw new TestbedException("EAB key id and HMAC must be base64url: " + kid);
          }
          keys.append(keys.length() == 0 ? "" : ", ")
              .append('"')
              .append(kid)
              .append("\": \"")
              .append(hmac)
              .append('"');
        });
    return String.join(
        "\n",
        "{ \"pebble\": {",
        "  \"listenAddress\": \"127.0.0.1:" + ports[0] + "\",",
        "  \"managementListenAddress\": \"127.0.0.1:" + ports[1] + "\",",
        "  \"certificate\": \"" + ca.serverCert() + "\",",
        "  \"privateKey\": \"" + ca.serverKey() + "\",",
        "  \"httpPort\": " + ports[2] + ",",
        "  \"tlsPort\": " + ports[3] + ",",
        "  \"ocspResponderURL\": \"\",",
        "  \"externalAccountBindingRequired\": " + !eabKeys.isEmpty() + ",",
        "  \"externalAccountMACKeys\": {" + keys + "}",
        "} }",
        "");
  }
}
