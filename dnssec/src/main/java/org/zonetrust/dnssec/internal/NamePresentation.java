package org.zonetrust.dnssec.internal;

import java.io.IOException;
import org.xbill.DNS.Name;

/**
 * Domain names in the presentation form every master-file reader accepts: letters, digits and
 * {@code - _ /} as they are, a leftmost label of just {@code *} as the wildcard, every other octet
 * as {@code \DDD} (a {@code *} inside or right of the leftmost label too), labels joined by dots
 * and a final dot. Knot's parser refuses unescaped printable specials such as {@code = , # ? { }},
 * which BIND and dnsjava print as they are.
 */
final class NamePresentation {
  private NamePresentation() {}

  /** The most characters a name can take: 255 octets, each as {@code \DDD}. */
  static final int MAX_CHARS = 4 * 255;

  /** Appends the name (absolute) in presentation form. */
  static void write(TextSink out, Name name) throws IOException {
    char[] text = new char[MAX_CHARS];
    out.append(text, 0, render(name, text));
  }

  /**
   * Writes the name (absolute) in presentation form into {@code text}, which holds at least {@link
   * #MAX_CHARS} characters.
   *
   * @return the number of characters written
   */
  static int render(Name name, char[] text) {
    byte[] wire = name.toWire();
    if (wire.length == 1) {
      text[0] = '.';
      return 1;
    }
    int n = 0;
    int p = 0;
    for (int length = wire[p++]; length != 0; length = wire[p++]) {
      if (p == 1 && length == 1 && wire[p] == '*') {
        text[n++] = '*';
      } else {
        for (int i = p; i < p + length; i++) {
          int octet = wire[i] & 0xff;
          if (plain(octet)) {
            text[n++] = (char) octet;
          } else {
            text[n++] = '\\';
            text[n++] = (char) ('0' + octet / 100);
            text[n++] = (char) ('0' + octet / 10 % 10);
            text[n++] = (char) ('0' + octet % 10);
          }
        }
      }
      text[n++] = '.';
      p += length;
    }
    return n;
  }

  /**
   * Whether dnsjava's {@code Name.toString()} already gives the form {@link #write} gives: every
   * octet plain, a {@code *} only as the whole leftmost label.
   */
  static boolean isPlain(Name name) {
    byte[] wire = name.toWire();
    int p = 0;
    while (true) {
      int length = wire[p++];
      if (length == 0) {
        return true;
      }
      if (!(p == 1 && length == 1 && wire[p] == '*')) {
        for (int i = p; i < p + length; i++) {
          if (!plain(wire[i] & 0xff)) {
            return false;
          }
        }
      }
      p += length;
    }
  }

  private static boolean plain(int c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '_'
        || c == '/';
  }
}
