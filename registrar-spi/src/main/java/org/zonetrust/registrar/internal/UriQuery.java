package org.zonetrust.registrar.internal;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.zonetrust.registrar.RegistrarException;

/** The query parameters of a configuration URI, checked against the names an adapter knows. */
public final class UriQuery {
  private final Map<String, String> params;

  private UriQuery(Map<String, String> params) {
    this.params = params;
  }

  /**
   * Parses the query of a URI ({@code a=b&c=d}); the query of an opaque URI ({@code cds:?a=b}) is
   * read from its scheme-specific part.
   *
   * @param uri the URI
   * @param known the parameter names the adapter understands
   * @return the parameters
   * @throws RegistrarException with reason {@code CONFIGURATION} for an unknown or repeated name
   */
  public static UriQuery parse(URI uri, Set<String> known) throws RegistrarException {
    String raw = uri.isOpaque() ? opaqueQuery(uri) : uri.getRawQuery();
    Map<String, String> params = new LinkedHashMap<>();
    if (raw != null && !raw.isEmpty()) {
      for (String pair : raw.split("&", -1)) {
        int eq = pair.indexOf('=');
        String name = decode(eq < 0 ? pair : pair.substring(0, eq));
        String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
        if (!known.contains(name)) {
          throw configuration(
              "unknown parameter " + name + " in " + uri.getScheme() + " URI; known: " + known);
        }
        if (params.put(name, value) != null) {
          throw configuration("parameter " + name + " is given twice");
        }
      }
    }
    return new UriQuery(params);
  }

  /**
   * Returns a parameter.
   *
   * @param name its name
   * @return its value, if given
   */
  public Optional<String> get(String name) {
    return Optional.ofNullable(params.get(name));
  }

  /**
   * Returns a boolean parameter ({@code true} or {@code false}).
   *
   * @param name its name
   * @param defaultValue the value when it is not given
   * @return the value
   * @throws RegistrarException with reason {@code CONFIGURATION} for another value
   */
  public boolean flag(String name, boolean defaultValue) throws RegistrarException {
    String v = params.get(name);
    if (v == null) {
      return defaultValue;
    }
    return switch (v) {
      case "true" -> true;
      case "false" -> false;
      default -> throw configuration(name + " must be true or false, not " + v);
    };
  }

  /**
   * Returns a TTL parameter (0 to 2^31-1 seconds).
   *
   * @param name its name
   * @param defaultValue the value when it is not given
   * @return the value
   * @throws RegistrarException with reason {@code CONFIGURATION} for another value
   */
  public long ttl(String name, long defaultValue) throws RegistrarException {
    String v = params.get(name);
    if (v == null) {
      return defaultValue;
    }
    try {
      long ttl = Long.parseLong(v);
      if (ttl >= 0 && ttl <= 0x7FFFFFFFL) {
        return ttl;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw configuration(name + " must be a number of seconds (0 to 2147483647), not " + v);
  }

  /**
   * A configuration error.
   *
   * @param message what is wrong
   * @return the exception
   */
  public static RegistrarException configuration(String message) {
    return new RegistrarException(RegistrarException.Reason.CONFIGURATION, message);
  }

  private static String opaqueQuery(URI uri) {
    String ssp = uri.getRawSchemeSpecificPart();
    int q = ssp.indexOf('?');
    return q < 0 ? "" : ssp.substring(q + 1);
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }
}
