package org.zonetrust.dnssec.internal;

import java.io.IOException;
import java.io.Writer;

/**
 * A large character buffer in front of a {@link Writer}, with the presentation-format encoders a
 * master file needs (decimal, hexadecimal, base64, base32hex, RRSIG times), so that a record line
 * is written without intermediate strings. Not thread-safe; {@link #flush()} hands the buffered
 * text to the writer.
 */
final class TextSink {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();
  private static final char[] BASE64 =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray();
  private static final char[] BASE32HEX = "0123456789ABCDEFGHIJKLMNOPQRSTUV".toCharArray();

  private final Writer out;
  private final char[] buf;
  private int pos;

  TextSink(Writer out, int size) {
    this.out = out;
    this.buf = new char[size];
  }

  /**
   * Makes room for {@code n} more characters ({@code n} at most the buffer size, which must hold a
   * name: {@link NamePresentation#MAX_CHARS}).
   */
  void ensure(int n) throws IOException {
    if (pos + n > buf.length) {
      flush();
    }
  }

  void flush() throws IOException {
    out.write(buf, 0, pos);
    pos = 0;
  }

  void append(char c) throws IOException {
    ensure(1);
    buf[pos++] = c;
  }

  void append(String s) throws IOException {
    int n = s.length();
    if (n > buf.length) {
      flush();
      out.write(s);
      return;
    }
    ensure(n);
    s.getChars(0, n, buf, pos);
    pos += n;
  }

  void append(char[] chars, int offset, int length) throws IOException {
    ensure(length);
    System.arraycopy(chars, offset, buf, pos, length);
    pos += length;
  }

  /** Appends a non-negative number in decimal. */
  void decimal(long value) throws IOException {
    ensure(20);
    if (value == 0) {
      buf[pos++] = '0';
      return;
    }
    int digits = 0;
    for (long v = value; v != 0; v /= 10) {
      digits++;
    }
    int end = pos + digits;
    for (long v = value; v != 0; v /= 10) {
      buf[--end] = (char) ('0' + (int) (v % 10));
    }
    pos += digits;
  }

  /** Appends one octet as {@code \DDD}; the caller has made room for four characters. */
  void putEscaped(int octet) {
    buf[pos++] = '\\';
    buf[pos++] = (char) ('0' + octet / 100);
    buf[pos++] = (char) ('0' + octet / 10 % 10);
    buf[pos++] = (char) ('0' + octet % 10);
  }

  /** Appends the octets in upper-case hexadecimal without separators. */
  void hex(byte[] data) throws IOException {
    int chunk = buf.length / 2;
    for (int start = 0; start < data.length; start += chunk) {
      int end = Math.min(data.length, start + chunk);
      ensure(2 * (end - start));
      for (int i = start; i < end; i++) {
        int b = data[i] & 0xff;
        buf[pos++] = HEX[b >>> 4];
        buf[pos++] = HEX[b & 0x0f];
      }
    }
  }

  /** Appends the octets in base64 (RFC 4648 section 4) with padding, on one line. */
  void base64(byte[] data) throws IOException {
    int chunk = buf.length / 4 * 3;
    for (int start = 0; start < data.length; start += chunk) {
      int end = Math.min(data.length, start + chunk);
      ensure((end - start + 2) / 3 * 4);
      int i = start;
      for (; i + 3 <= end; i += 3) {
        int v = (data[i] & 0xff) << 16 | (data[i + 1] & 0xff) << 8 | (data[i + 2] & 0xff);
        buf[pos++] = BASE64[v >>> 18];
        buf[pos++] = BASE64[v >>> 12 & 0x3f];
        buf[pos++] = BASE64[v >>> 6 & 0x3f];
        buf[pos++] = BASE64[v & 0x3f];
      }
      if (i < end) { // only in the last chunk: a chunk is a multiple of three octets
        int v = (data[i] & 0xff) << 16 | (i + 1 < end ? (data[i + 1] & 0xff) << 8 : 0);
        buf[pos++] = BASE64[v >>> 18];
        buf[pos++] = BASE64[v >>> 12 & 0x3f];
        buf[pos++] = i + 1 < end ? BASE64[v >>> 6 & 0x3f] : '=';
        buf[pos++] = '=';
      }
    }
  }

  /** Appends the octets in base32hex (RFC 4648 section 7) without padding, as NSEC3 does. */
  void base32hex(byte[] data) throws IOException {
    ensure((data.length * 8 + 4) / 5);
    long acc = 0;
    int bits = 0;
    for (byte b : data) {
      acc = acc << 8 | (b & 0xff);
      bits += 8;
      while (bits >= 5) {
        bits -= 5;
        buf[pos++] = BASE32HEX[(int) (acc >>> bits) & 0x1f];
      }
    }
    if (bits > 0) {
      buf[pos++] = BASE32HEX[(int) (acc << (5 - bits)) & 0x1f];
    }
  }

  /** Appends a time as {@code YYYYMMDDHHmmSS} (UTC), the RRSIG form of RFC 4034 section 3.2. */
  void rrsigTime(long epochSecond) throws IOException {
    long days = Math.floorDiv(epochSecond, 86_400L);
    int secs = (int) Math.floorMod(epochSecond, 86_400L);
    // civil date from days since 1970-01-01 (H. Hinnant's algorithm)
    long z = days + 719_468;
    long era = Math.floorDiv(z, 146_097);
    long doe = z - era * 146_097;
    long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    int day = (int) (doy - (153 * mp + 2) / 5 + 1);
    int month = (int) (mp < 10 ? mp + 3 : mp - 9);
    long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
    ensure(14);
    twoDigits((int) (year / 100));
    twoDigits((int) (year % 100));
    twoDigits(month);
    twoDigits(day);
    twoDigits(secs / 3600);
    twoDigits(secs / 60 % 60);
    twoDigits(secs % 60);
  }

  private void twoDigits(int v) {
    buf[pos++] = (char) ('0' + v / 10);
    buf[pos++] = (char) ('0' + v % 10);
  }

  /** Appends four octets as a dotted-quad IPv4 address. */
  void ipv4(byte[] a) throws IOException {
    for (int i = 0; i < 4; i++) {
      if (i > 0) {
        append('.');
      }
      decimal(a[i] & 0xff);
    }
  }

  /** Appends sixteen octets as an IPv6 address in the RFC 5952 form (longest zero run as ::). */
  void ipv6(byte[] a) throws IOException {
    int bestStart = -1;
    int bestLength = 1;
    for (int i = 0; i < 8; ) {
      int j = i;
      while (j < 8 && a[2 * j] == 0 && a[2 * j + 1] == 0) {
        j++;
      }
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
      i = j == i ? i + 1 : j;
    }
    ensure(39);
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        buf[pos++] = ':';
        buf[pos++] = ':';
        i += bestLength - 1;
        continue;
      }
      if (i > 0 && i != bestStart + bestLength) {
        buf[pos++] = ':';
      }
      int group = (a[2 * i] & 0xff) << 8 | (a[2 * i + 1] & 0xff);
      boolean started = false;
      for (int shift = 12; shift >= 0; shift -= 4) {
        int nibble = group >>> shift & 0xf;
        if (started || nibble != 0 || shift == 0) {
          buf[pos++] = Character.toLowerCase(HEX[nibble]);
          started = true;
        }
      }
    }
  }

  /**
   * Appends a character-string (RFC 1035 section 5.1) in double quotes: {@code "} and {@code \}
   * escaped with a backslash, octets outside printable ASCII as {@code \DDD}.
   */
  void characterString(byte[] s) throws IOException {
    ensure(2);
    buf[pos++] = '"';
    for (byte b : s) {
      int octet = b & 0xff;
      ensure(5);
      if (octet == '"' || octet == '\\') {
        buf[pos++] = '\\';
        buf[pos++] = (char) octet;
      } else if (octet < 0x20 || octet >= 0x7f) {
        putEscaped(octet);
      } else {
        buf[pos++] = (char) octet;
      }
    }
    buf[pos++] = '"';
  }
}
