package org.zonetrust.registrar.internal.http;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.zonetrust.registrar.RegistrarConfig;
import org.zonetrust.registrar.RegistrarException;
import org.zonetrust.registrar.RegistrarException.Reason;
import org.zonetrust.registrar.http.HttpApiMapping;

/** What the configuration URI says: base URI, style, auth, retry limits. */
record HttpSettings(
    URI base,
    HttpApiMapping mapping,
    Auth auth,
    @Nullable String user,
    String header,
    int maxAttempts,
    Duration timeout) {

  /** How requests authenticate. */
  enum Auth {
    BEARER,
    BASIC,
    HEADER,
    NONE
  }

  private static final Set<String> KNOWN =
      Set.of("style", "auth", "header", "maxAttempts", "timeout");

  static Optional<String> query(URI uri, String name) {
    return Optional.ofNullable(parseQuery(uri).get(name));
  }

  static Map<String, String> parseQuery(URI uri) {
    Map<String, String> out = new HashMap<>();
    String raw = uri.getRawQuery();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String part : raw.split("&", -1)) {
      int eq = part.indexOf('=');
      String k = eq < 0 ? part : part.substring(0, eq);
      String v = eq < 0 ? "" : part.substring(eq + 1);
      out.put(
          URLDecoder.decode(k, StandardCharsets.UTF_8),
          URLDecoder.decode(v, StandardCharsets.UTF_8));
    }
    return out;
  }

  static HttpSettings of(RegistrarConfig config) throws RegistrarException {
    URI uri = config.uri();
    Map<String, String> q = parseQuery(uri);
    for (String k : q.keySet()) {
      if (!KNOWN.contains(k)) {
        throw config("unknown query parameter " + k + " (known: " + KNOWN + ")");
      }
    }
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    String host = uri.getHost();
    if (host == null) {
      throw config("the HTTP adapter needs a host in the configuration URI");
    }
    if (scheme.equals("http") && !isLoopback(host)) {
      throw config("plain http is accepted only for loopback hosts; use https for " + host);
    }
    String styleToken = q.getOrDefault("style", "");
    HttpApiMapping.Style style =
        HttpApiMapping.Style.fromToken(styleToken)
            .orElseThrow(
                () -> config("unknown style=" + styleToken + " (ds-by-id, dnskey, replace-set)"));
    HttpApiMapping mapping =
        config
            .setting(HttpApiMapping.SETTING, HttpApiMapping.class)
            .orElse(HttpApiMapping.defaults(style));
    if (mapping.style() != style) {
      throw config(
          "the httpMapping setting is for style "
              + mapping.style().token()
              + " but the URI says style="
              + styleToken);
    }
    Auth auth =
        switch (q.getOrDefault("auth", "bearer")) {
          case "bearer" -> Auth.BEARER;
          case "basic" -> Auth.BASIC;
          case "header" -> Auth.HEADER;
          case "none" -> Auth.NONE;
          default ->
              throw config("unknown auth=" + q.get("auth") + " (bearer, basic, header, none)");
        };
    String user = uri.getUserInfo();
    if (auth == Auth.BASIC && (user == null || user.isEmpty())) {
      throw config("auth=basic needs the user name in the URI (https://user@host/...)");
    }
    String header = q.getOrDefault("header", "");
    if (auth == Auth.HEADER && !header.matches("[A-Za-z0-9-]+")) {
      throw config("auth=header needs header=<name> (letters, digits, '-')");
    }
    int maxAttempts = intParam(q, "maxAttempts", 4, 1, 10);
    Duration timeout = Duration.ofSeconds(intParam(q, "timeout", 30, 1, 600));
    URI base;
    try {
      String path = uri.getRawPath() == null ? "" : uri.getRawPath();
      if (path.endsWith("/")) {
        path = path.substring(0, path.length() - 1);
      }
      base = new URI(scheme + "://" + uri.getRawAuthority().replaceFirst("^[^@]*@", "") + path);
    } catch (URISyntaxException e) {
      throw new RegistrarException(Reason.CONFIGURATION, "bad base URI: " + e.getReason(), null, e);
    }
    return new HttpSettings(base, mapping, auth, user, header, maxAttempts, timeout);
  }

  private static int intParam(Map<String, String> q, String name, int dflt, int min, int max)
      throws RegistrarException {
    String v = q.get(name);
    if (v == null) {
      return dflt;
    }
    try {
      int n = Integer.parseInt(v);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw config(name + " must be an integer from " + min + " to " + max + ", not " + v);
  }

  private static boolean isLoopback(String host) {
    if (host.equalsIgnoreCase("localhost")) {
      return true;
    }
    if (!host.matches("[0-9.]+|\\[[0-9a-fA-F:]+\\]")) {
      return false;
    }
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static RegistrarException config(String message) {
    return new RegistrarException(Reason.CONFIGURATION, message);
  }
}
