package org.zonetrust.core.internal.dns;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Formats socket addresses the way operators write them: {@code 192.0.2.1:53}, {@code [::1]:53}.
 */
public final class Addresses {
  private Addresses() {}

  /**
   * Formats an address and port.
   *
   * @param address the socket address
   * @return {@code host:port}, with IPv6 hosts in brackets
   */
  public static String format(InetSocketAddress address) {
    InetAddress a = address.getAddress();
    String host = a == null ? address.getHostString() : a.getHostAddress();
    if (a instanceof Inet6Address) {
      int scope = host.indexOf('%');
      if (scope >= 0) {
        host = host.substring(0, scope);
      }
      host = "[" + compress(host) + "]";
    }
    return host + ":" + address.getPort();
  }

  private static String compress(String v6) {
    if (v6.equals("0:0:0:0:0:0:0:1")) {
      return "::1";
    }
    // Replace the longest run of ":0" groups by "::" (RFC 5952 style, good enough for messages).
    String[] groups = v6.split(":");
    int bestStart = -1;
    int bestLen = 0;
    for (int i = 0; i < groups.length; ) {
      if (groups[i].equals("0")) {
        int j = i;
        while (j < groups.length && groups[j].equals("0")) {
          j++;
        }
        if (j - i > bestLen) {
          bestStart = i;
          bestLen = j - i;
        }
        i = j;
      } else {
        i++;
      }
    }
    if (bestLen < 2) {
      return v6;
    }
    String head = String.join(":", java.util.Arrays.copyOfRange(groups, 0, bestStart));
    String tail =
        String.join(":", java.util.Arrays.copyOfRange(groups, bestStart + bestLen, groups.length));
    return head + "::" + tail;
  }
}
