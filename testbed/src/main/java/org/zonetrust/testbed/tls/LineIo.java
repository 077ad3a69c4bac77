package org.zonetrust.testbed.tls;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * CRLF lines over a socket, bounded in length, with its own buffer so that STARTTLS can tell
 * whether the client sent anything after the command (RFC 3207 section 6: such bytes are dropped).
 */
final class LineIo {
  /** Longest line accepted, terminator included (RFC 5321 allows 1000 for text lines). */
  static final int MAX_LINE = 8192;

  private final byte[] buffer = new byte[MAX_LINE];
  private int start;
  private int end;
  private InputStream in;
  private OutputStream out;

  LineIo(Socket socket) throws IOException {
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
  }

  /** Continues on another socket (the TLS layer), dropping anything still buffered. */
  void switchTo(Socket socket) throws IOException {
    start = 0;
    end = 0;
    in = socket.getInputStream();
    out = socket.getOutputStream();
  }

  /** True when bytes beyond the last line read have already arrived. */
  boolean hasBuffered() {
    return start < end;
  }

  /**
   * Reads one line without its CR LF (a bare LF also ends a line).
   *
   * @return the line (ISO-8859-1, so any byte survives), or {@code null} at end of stream
   * @throws IOException on a read error, a timeout, or a line longer than {@link #MAX_LINE}
   */
  @Nullable String readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    while (true) {
      if (start == end) {
        int n = in.read(buffer, 0, buffer.length);
        if (n < 0) {
          return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
        }
        start = 0;
        end = n;
      }
      byte b = buffer[start++];
      if (b == '\n') {
        byte[] bytes = line.toByteArray();
        int length = bytes.length;
        if (length > 0 && bytes[length - 1] == '\r') {
          length--;
        }
        return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
      }
      line.write(b);
      if (line.size() >= MAX_LINE) {
        throw new IOException("line longer than " + MAX_LINE + " bytes");
      }
    }
  }

  /** Writes lines, each followed by CR LF, and flushes. */
  void write(String... lines) throws IOException {
    StringBuilder text = new StringBuilder();
    for (String line : lines) {
      text.append(line).append("\r\n");
    }
    out.write(text.toString().getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }
}
