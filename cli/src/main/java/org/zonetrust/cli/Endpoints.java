package org.zonetrust.cli;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/** Parses {@code HOST}, {@code HOST:PORT}, {@code [V6]:PORT} server arguments. */
final class Endpoints {
  private Endpoints() {}

  static InetSocketAddress parse(String text, int defaultPort) throws UnknownHostException {
    String host = text;
    int port = defaultPort;
    if (text.startsWith("[")) {
      int end = text.indexOf(']');
      if (end < 0) {
        throw new IllegalArgumentException("missing ']' in " + text);
      }
      host = text.substring(1, end);
      if (end + 1 < text.length()) {
        if (text.charAt(end + 1) != ':') {
          throw new IllegalArgumentException("expected ':PORT' after ']' in " + text);
        }
        port = parsePort(text.substring(end + 2), text);
      }
    } else if (text.indexOf(':') >= 0 && text.indexOf(':') == text.lastIndexOf(':')) {
      int colon = text.indexOf(':');
      host = text.substring(0, colon);
      port = parsePort(text.substring(colon + 1), text);
    }
    if (host.isEmpty()) {
      throw new IllegalArgumentException("missing host in " + text);
    }
    return new InetSocketAddress(InetAddress.getByName(host), port);
  }

  private static int parsePort(String port, String whole) {
    try {
      int p = Integer.parseInt(port);
      if (p < 1 || p > 65535) {
        throw new NumberFormatException();
      }
      return p;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("invalid port in " + whole + " (1-65535)", e);
    }
  }
}
