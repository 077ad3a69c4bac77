package org.zonetrust.registrar.internal.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.zonetrust.registrar.http.HttpApiMapping.Style;

/**
 * A registrar on loopback that speaks one API style with the default mapping, keeps its records per
 * domain, checks one authentication header and records every request.
 */
final class FakeRegistrar implements AutoCloseable {
  /** One request as the server saw it. */
  record Request(String method, String path, String body, Optional<String> auth) {}

  /** A canned response served before normal processing. */
  record Canned(int status, Map<String, String> headers, String body) {}

  private static final Pattern PATH =
      Pattern.compile("/api/v1/domains/([^/]+)/(ds|dnskeys|dnssec)(?:/([^/]+))?");

  private final Style style;
  private final HttpServer server;
  private final String authHeader;
  private final String authValue;
  private final Map<String, Map<String, Object>> records = new LinkedHashMap<>();
  private final List<Request> requests = new ArrayList<>();
  private final Deque<Canned> canned = new ArrayDeque<>();
  private Predicate<Map<?, ?>> rejectAdd = m -> false;
  private String rejectMessage = "";
  private int nextId = 100;

  FakeRegistrar(Style style, String authHeader, String authValue) throws IOException {
    this.style = style;
    this.authHeader = authHeader;
    this.authValue = authValue;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  URI uri(String query) {
    return URI.create(
        "http://127.0.0.1:"
            + server.getAddress().getPort()
            + "/api/v1?style="
            + style.token()
            + query);
  }

  synchronized List<Request> requests() {
    return List.copyOf(requests);
  }

  synchronized void clearRequests() {
    requests.clear();
  }

  synchronized List<Object> records() {
    return List.copyOf(records.values());
  }

  synchronized void enqueue(int status, Map<String, String> headers, String body) {
    canned.add(new Canned(status, headers, body));
  }

  synchronized void rejectAdds(Predicate<Map<?, ?>> when, String message) {
    this.rejectAdd = when;
    this.rejectMessage = message;
  }

  private synchronized void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      String path = ex.getRequestURI().getRawPath();
      String method = ex.getRequestMethod();
      requests.add(
          new Request(
              method,
              path,
              body,
              Optional.ofNullable(ex.getRequestHeaders().getFirst(authHeader))));
      Canned c = canned.poll();
      if (c != null) {
        c.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
        send(ex, c.status(), c.body());
        return;
      }
      if (!authValue.equals(ex.getRequestHeaders().getFirst(authHeader))) {
        send(ex, 401, "{\"message\":\"invalid credentials\"}");
        return;
      }
      Matcher m = PATH.matcher(path);
      if (!m.matches()) {
        send(ex, 404, "{\"message\":\"no such path\"}");
        return;
      }
      String id = m.group(3);
      switch (method + (id == null ? "" : " item")) {
        case "GET" -> send(ex, 200, Json.write(listing()));
        case "POST" -> add(ex, body);
        case "PUT" -> replace(ex, body);
        case "DELETE item" -> {
          if (records.remove(id) == null) {
            send(ex, 404, "{\"message\":\"no record " + id + "\"}");
          } else {
            send(ex, 204, "");
          }
        }
        default -> send(ex, 405, "{\"message\":\"method not allowed\"}");
      }
    } catch (JsonException e) {
      send(ex, 400, "{\"message\":\"bad JSON\"}");
    }
  }

  private Object listing() {
    if (style == Style.REPLACE_SET) {
      return Map.of("ds", new ArrayList<>(records.values()));
    }
    List<Object> out = new ArrayList<>();
    records.forEach(
        (id, r) -> {
          Map<String, Object> withId = new LinkedHashMap<>();
          withId.put("id", id);
          withId.putAll(r);
          out.add(withId);
        });
    return out;
  }

  private void add(HttpExchange ex, String body) throws IOException, JsonException {
    Map<?, ?> m = (Map<?, ?>) Json.parse(body, 10_000, 4);
    if (rejectAdd.test(m)) {
      send(ex, 422, Json.write(Map.of("message", rejectMessage)));
      return;
    }
    records.put(String.valueOf(nextId++), copy(m));
    send(ex, 201, "{}");
  }

  private void replace(HttpExchange ex, String body) throws IOException, JsonException {
    Map<?, ?> m = (Map<?, ?>) Json.parse(body, 10_000, 4);
    records.clear();
    for (Object o : (List<?>) m.get("ds")) {
      records.put(String.valueOf(nextId++), copy((Map<?, ?>) o));
    }
    send(ex, 200, "{}");
  }

  private static Map<String, Object> copy(Map<?, ?> m) {
    Map<String, Object> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put((String) k, v));
    return out;
  }

  private static void send(HttpExchange ex, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
