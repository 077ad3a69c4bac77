package org.zonetrust.registrar.internal.epp;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.zonetrust.registrar.RegistrarConfig;
import org.zonetrust.registrar.RegistrarException;

/**
 * What an {@code epp://HOST:PORT?clid=ID[&data=ds|key]} URI and its settings say.
 *
 * @param host the registry's host name (checked against its certificate)
 * @param port the port (default 700)
 * @param clientId the registrar's client id ({@code clID})
 * @param keyData whether the registry takes keyData (else dsData)
 * @param keyStore the client key and certificate
 * @param trustStore the registry CA, or null for the JDK's default trust
 * @param connectTimeout TCP connect and TLS handshake timeout
 * @param readTimeout how long to wait for one answer
 * @param idleHello after how much idle time a {@code <hello>} checks the session first
 * @param maxFrame the largest frame accepted, in bytes
 */
record EppOptions(
    String host,
    int port,
    String clientId,
    boolean keyData,
    KeyStore keyStore,
    @Nullable KeyStore trustStore,
    Duration connectTimeout,
    Duration readTimeout,
    Duration idleHello,
    int maxFrame) {

  static final int DEFAULT_MAX_FRAME = 1 << 20;
  private static final Set<String> KNOWN = Set.of("clid", "data");

  static EppOptions of(RegistrarConfig config) throws RegistrarException {
    URI uri = config.uri();
    String host = uri.getHost();
    if (host == null) {
      throw config(uri, "needs a host: epp://HOST:PORT?clid=CLIENTID");
    }
    Map<String, String> query = query(uri);
    for (String key : query.keySet()) {
      if (!KNOWN.contains(key)) {
        throw config(uri, "unknown option " + key + " (known: clid, data)");
      }
    }
    String clid = query.get("clid");
    if (clid == null || clid.length() < 3 || clid.length() > 16) {
      throw config(uri, "needs clid=CLIENTID (3 to 16 characters, RFC 5730 clIDType)");
    }
    String data = query.getOrDefault("data", "ds");
    if (!data.equals("ds") && !data.equals("key")) {
      throw config(uri, "data must be ds or key, not " + data);
    }
    try {
      KeyStore keyStore =
          config
              .setting("keyStore", KeyStore.class)
              .orElseThrow(
                  () ->
                      config(
                          uri,
                          "needs the setting keyStore (a KeyStore with the client key and"
                              + " certificate, RFC 5734 section 9)"));
      return new EppOptions(
          host,
          uri.getPort() < 0 ? 700 : uri.getPort(),
          clid,
          data.equals("key"),
          keyStore,
          config.setting("trustStore", KeyStore.class).orElse(null),
          config.setting("connectTimeout", Duration.class).orElse(Duration.ofSeconds(10)),
          config.setting("readTimeout", Duration.class).orElse(Duration.ofMinutes(1)),
          config.setting("idleHello", Duration.class).orElse(Duration.ofMinutes(5)),
          config.setting("maxFrameBytes", Integer.class).orElse(DEFAULT_MAX_FRAME));
    } catch (IllegalArgumentException e) {
      throw config(uri, e.getMessage());
    }
  }

  private static Map<String, String> query(URI uri) {
    Map<String, String> map = new HashMap<>();
    String raw = uri.getRawQuery();
    if (raw == null || raw.isEmpty()) {
      return map;
    }
    for (String pair : raw.split("&", -1)) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      map.put(
          URLDecoder.decode(key, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return map;
  }

  private static RegistrarException config(URI uri, @Nullable String why) {
    return new RegistrarException(
        RegistrarException.Reason.CONFIGURATION,
        "EPP " + uri.getHost() + ":" + uri.getPort() + ": " + why);
  }

  /** The registry's address for messages. */
  String where() {
    return host + ":" + port;
  }
}
