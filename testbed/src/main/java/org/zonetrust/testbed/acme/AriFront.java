package org.zonetrust.testbed.acme;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import org.zonetrust.testbed.Testbed;
import org.zonetrust.testbed.TestbedException;

/**
 * A small HTTPS front that adds what Pebble 2.4.0 lacks: ACME Renewal Information (RFC 9773) and
 * ACME profiles ({@code meta.profiles}). <b>Everything else stays Pebble's.</b>
 *
 * <ul>
 *   <li>{@code GET /dir} returns Pebble's directory JSON, fetched anew on each request, with two
 *       additions: {@code "renewalInfo": "https://127.0.0.1:PORT/renewalInfo"} (this front) and
 *       {@code meta.profiles} (configurable; default {@code classic}, {@code tlsserver}, {@code
 *       shortlived}). All other URLs in it ({@code newNonce}, {@code newAccount}, {@code newOrder},
 *       ...) still point at Pebble, so JWS-signed requests go to Pebble directly and Pebble's
 *       checks of the JWS {@code url} header stay intact.
 *   <li>{@code GET /renewalInfo/<certID>} answers {@code {"suggestedWindow": {"start", "end"}}}
 *       with a {@code Retry-After} header (seconds), per certificate id or a default window. The
 *       front does not check that the certID names a real certificate.
 *   <li>Anything else is 404.
 * </ul>
 *
 * <p>What this does <em>not</em> give: Pebble itself ignores the {@code profile} and {@code
 * replaces} fields of a new order (it neither rejects an unknown profile nor answers {@code
 * alreadyReplaced}); tests of those answers need a fake at the {@code Renewer} level.
 *
 * <p>TLS: the front presents Pebble's own HTTPS certificate (for {@code 127.0.0.1}, signed by the
 * testbed CA), so {@link Testbed#acmeTrustStore()} trusts both. It listens on an ephemeral port of
 * 127.0.0.1 (an in-process Java server, which cannot share a port silently).
 *
 * <pre>{@code
 * try (AriFront front = AriFront.builder(testbed)
 *     .window(start, end).retryAfter(Duration.ofHours(6)).start()) {
 *   URI directory = front.directory();   // give this to the ACME client instead of Pebble's
 *   front.window(certId, otherStart, otherEnd);
 *   front.renewalInfoRequests();         // the certIDs asked for
 * }
 * }</pre>
 */
public final class AriFront implements AutoCloseable {
  private static final Pattern META = Pattern.compile("\"meta\"\\s*:\\s*\\{\\s*");

  private final HttpsServer server;
  private final ExecutorService executor;
  private final HttpClient upstream;
  private final URI pebbleDirectory;
  private final Map<String, String> profiles;
  private final Map<String, Window> windows = new ConcurrentHashMap<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private volatile Window defaultWindow;
  private volatile Duration retryAfter;

  private record Window(Instant start, Instant end) {}

  private AriFront(Builder b, HttpsServer server, ExecutorService executor, SSLContext trust) {
    this.server = server;
    this.executor = executor;
    this.upstream =
        HttpClient.newBuilder().sslContext(trust).connectTimeout(Duration.ofSeconds(2)).build();
    this.pebbleDirectory = b.testbed.acmeDirectory();
    this.profiles = Map.copyOf(b.profiles);
    this.defaultWindow = b.window;
    this.retryAfter = b.retryAfter;
  }

  /**
   * Starts configuring a front for the testbed's Pebble.
   *
   * @param testbed the running testbed
   * @return a builder
   */
  public static Builder builder(Testbed testbed) {
    return new Builder(testbed);
  }

  /**
   * The directory URL to give an ACME client.
   *
   * @return {@code https://127.0.0.1:PORT/dir}
   */
  public URI directory() {
    return base().resolve("/dir");
  }

  /**
   * The renewalInfo URL announced in the directory.
   *
   * @return {@code https://127.0.0.1:PORT/renewalInfo}
   */
  public URI renewalInfo() {
    return base().resolve("/renewalInfo");
  }

  /**
   * Sets the window answered for one certID.
   *
   * @param certId the RFC 9773 certID
   * @param start window start
   * @param end window end
   */
  public void window(String certId, Instant start, Instant end) {
    windows.put(certId, new Window(start, end));
  }

  /**
   * Sets the window answered for certIDs without their own.
   *
   * @param start window start
   * @param end window end
   */
  public void defaultWindow(Instant start, Instant end) {
    defaultWindow = new Window(start, end);
  }

  /**
   * Sets the Retry-After of renewalInfo answers.
   *
   * @param retryAfter whole seconds are sent
   */
  public void retryAfter(Duration retryAfter) {
    this.retryAfter = Objects.requireNonNull(retryAfter);
  }

  /**
   * The certIDs asked for so far, in order.
   *
   * @return a copy
   */
  public List<String> renewalInfoRequests() {
    return List.copyOf(requests);
  }

  /** Stops the server. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private URI base() {
    return URI.create("https://127.0.0.1:" + server.getAddress().getPort());
  }

  private void handle(HttpExchange exchange) throws IOException {
    try {
      route(exchange);
    } catch (RuntimeException e) {
      send(exchange, 502, "text/plain", "ARI front: " + e.getMessage());
    } finally {
      exchange.close();
    }
  }

  private void route(HttpExchange exchange) throws IOException {
    {
      String path = exchange.getRequestURI().getPath();
      if (!exchange.getRequestMethod().equals("GET")) {
        send(exchange, 405, "text/plain", "only GET is served by the ARI front");
      } else if (path.equals("/dir")) {
        send(exchange, 200, "application/json", directoryJson());
      } else if (path.startsWith("/renewalInfo/") && path.length() > "/renewalInfo/".length()) {
        String certId = path.substring("/renewalInfo/".length());
        requests.add(certId);
        Window w = windows.getOrDefault(certId, defaultWindow);
        exchange.getResponseHeaders().set("Retry-After", Long.toString(retryAfter.toSeconds()));
        send(
            exchange,
            200,
            "application/json",
            "{\"suggestedWindow\": {\"start\": \""
                + w.start()
                + "\", \"end\": \""
                + w.end()
                + "\"}}");
      } else {
        send(exchange, 404, "text/plain", "not served by the ARI front: use Pebble's URLs");
      }
    }
  }

  private String directoryJson() {
    String json;
    try {
      HttpResponse<String> r =
          upstream.send(
              HttpRequest.newBuilder(pebbleDirectory).timeout(Duration.ofSeconds(5)).build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new TestbedException("Pebble answered " + r.statusCode() + " for " + pebbleDirectory);
      }
      json = r.body();
    } catch (IOException e) {
      throw new TestbedException("cannot fetch " + pebbleDirectory + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TestbedException("interrupted", e);
    }
    return augment(json, renewalInfo().toString(), profiles);
  }

  /**
   * Adds {@code renewalInfo} and {@code meta.profiles} to a directory JSON object.
   *
   * @param json the directory
   * @param renewalInfo the renewalInfo URL
   * @param profiles profile name to description
   * @return the augmented JSON
   */
  static String augment(String json, String renewalInfo, Map<String, String> profiles) {
    if (json.contains("\"renewalInfo\"")) {
      throw new TestbedException(
          "Pebble's directory already has renewalInfo: the front is obsolete");
    }
    int open = json.indexOf('{');
    if (open < 0) {
      throw new TestbedException("Pebble's directory is not a JSON object");
    }
    StringBuilder p = new StringBuilder("\"profiles\": {");
    String sep = "";
    for (Map.Entry<String, String> e : profiles.entrySet()) {
      p.append(sep).append(quote(e.getKey())).append(": ").append(quote(e.getValue()));
      sep = ", ";
    }
    p.append('}');
    Matcher m = META.matcher(json);
    String withMeta;
    if (m.find()) {
      boolean empty = json.charAt(m.end()) == '}';
      withMeta = json.substring(0, m.end()) + p + (empty ? "" : ", ") + json.substring(m.end());
    } else {
      withMeta = json.substring(0, open + 1) + "\"meta\": {" + p + "}, " + json.substring(open + 1);
    }
    return withMeta.substring(0, open + 1)
        + "\"renewalInfo\": "
        + quote(renewalInfo)
        + ", "
        + withMeta.substring(open + 1);
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static void send(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** Configures an {@link AriFront}. */
  public static final class Builder {
    private final Testbed testbed;
    private final Map<String, String> profiles = new LinkedHashMap<>();
    private Window window;
    private Duration retryAfter = Duration.ofHours(6);

    private Builder(Testbed testbed) {
      this.testbed = Objects.requireNonNull(testbed, "testbed");
      profiles.put(
          "classic", "The same profile as without one: 90 days, serverAuth and clientAuth");
      profiles.put("tlsserver", "TLS server certificates only, per the CA/B Forum baseline");
      profiles.put("shortlived", "Like tlsserver, valid for about six days");
      Instant start = Instant.parse("2030-01-01T00:00:00Z");
      window = new Window(start, start.plus(Duration.ofDays(2)));
    }

    /**
     * Replaces the profiles announced in {@code meta.profiles}.
     *
     * @param nameToDescription profile name to description (may be empty)
     * @return this builder
     */
    public Builder profiles(Map<String, String> nameToDescription) {
      profiles.clear();
      profiles.putAll(nameToDescription);
      return this;
    }

    /**
     * Sets the default suggested window.
     *
     * @param start window start
     * @param end window end
     * @return this builder
     */
    public Builder window(Instant start, Instant end) {
      this.window = new Window(start, end);
      return this;
    }

    /**
     * Sets the Retry-After of renewalInfo answers (default 6 hours).
     *
     * @param retryAfter the duration (whole seconds are sent)
     * @return this builder
     */
    public Builder retryAfter(Duration retryAfter) {
      this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
      return this;
    }

    /**
     * Starts the front on an ephemeral port of 127.0.0.1.
     *
     * @return the running front
     * @throws TestbedException if it cannot start
     */
    public AriFront start() {
      Path ca = testbed.acmeServerCaPem();
      SSLContext serverTls =
          FrontTls.serverContext(ca.resolveSibling("cert.pem"), ca.resolveSibling("key.pem"));
      SSLContext clientTls = FrontTls.trustContext(testbed.acmeTrustStore());
      ExecutorService executor = Executors.newFixedThreadPool(4, r -> daemon(r));
      try {
        HttpsServer server =
            HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.setHttpsConfigurator(new HttpsConfigurator(serverTls));
        server.setExecutor(executor);
        AriFront front = new AriFront(this, server, executor, clientTls);
        server.createContext("/", front::handle);
        server.start();
        return front;
      } catch (IOException e) {
        executor.shutdownNow();
        throw new TestbedException("cannot start the ARI front: " + e, e);
      }
    }

    private static Thread daemon(Runnable r) {
      Thread t = new Thread(r, "ari-front");
      t.setDaemon(true);
      return t;
    }
  }

  @Override
  public String toString() {
    return "AriFront[" + directory() + " -> " + pebbleDirectory + "]";
  }
}
