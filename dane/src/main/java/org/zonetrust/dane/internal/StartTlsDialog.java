package org.zonetrust.dane.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.zonetrust.dane.StartTls;

/**
 * The plain-text part of a STARTTLS connection (SMTP RFC 3207, IMAP RFC 3501, POP3 RFC 2595), read
 * byte by byte so that no TLS byte is consumed before the handshake. Lines and replies are bounded.
 */
final class StartTlsDialog {
  static final int MAX_LINE = 2048;
  private static final int MAX_LINES = 100;

  /** The server refused or did not offer STARTTLS (or did not greet as the protocol says). */
  static final class RefusedException extends IOException {
    private static final long serialVersionUID = 1L;

    RefusedException(String message) {
      super(message);
    }
  }

  private final InputStream in;
  private final OutputStream out;
  private final long deadlineNanos;

  /** A dialog that must be over by {@code deadlineNanos} ({@link System#nanoTime()} scale). */
  StartTlsDialog(InputStream in, OutputStream out, long deadlineNanos) {
    this.in = in;
    this.out = out;
    this.deadlineNanos = deadlineNanos;
  }

  /** Runs the dialog up to the point where the server expects the TLS ClientHello. */
  void begin(StartTls mode, String ehloName) throws IOException {
    switch (mode) {
      case NONE -> {}
      case SMTP -> smtp(ehloName);
      case IMAP -> imap();
      case POP3 -> pop3();
    }
  }

  /** Says goodbye over TLS; failures are of no interest. */
  static void end(StartTls mode, OutputStream tlsOut) {
    String bye =
        switch (mode) {
          case NONE -> "";
          case SMTP, POP3 -> "QUIT\r\n";
          case IMAP -> "z2 LOGOUT\r\n";
        };
    try {
      if (!bye.isEmpty()) {
        tlsOut.write(bye.getBytes(StandardCharsets.US_ASCII));
        tlsOut.flush();
      }
    } catch (IOException e) {
      // the check is done; a server that hangs up first is fine
    }
  }

  private void smtp(String ehloName) throws IOException {
    List<String> greeting = smtpReply();
    if (!greeting.get(0).startsWith("220")) {
      throw new RefusedException("SMTP greeting is not 220: " + greeting.get(0));
    }
    send("EHLO " + ehloName);
    List<String> ehlo = smtpReply();
    if (!ehlo.get(0).startsWith("250")) {
      throw new RefusedException("EHLO refused: " + ehlo.get(0));
    }
    boolean offered =
        ehlo.stream()
            .skip(1)
            .map(l -> l.length() > 4 ? l.substring(4).trim().toUpperCase(Locale.ROOT) : "")
            .anyMatch(k -> k.equals("STARTTLS") || k.startsWith("STARTTLS "));
    if (!offered) {
      throw new RefusedException("the server does not offer STARTTLS in its EHLO reply");
    }
    send("STARTTLS");
    List<String> reply = smtpReply();
    if (!reply.get(0).startsWith("220")) {
      throw new RefusedException("STARTTLS refused: " + reply.get(0));
    }
  }

  private void imap() throws IOException {
    String greeting = line();
    if (!greeting.toUpperCase(Locale.ROOT).startsWith("* OK")) {
      throw new RefusedException("IMAP greeting is not * OK: " + greeting);
    }
    send("z1 STARTTLS");
    for (int i = 0; i < MAX_LINES; i++) {
      String l = line();
      if (l.startsWith("z1 ")) {
        if (l.toUpperCase(Locale.ROOT).startsWith("Z1 OK")) {
          return;
        }
        throw new RefusedException("STARTTLS refused: " + l);
      }
    }
    throw new RefusedException("no tagged reply to STARTTLS");
  }

  private void pop3() throws IOException {
    String greeting = line();
    if (!greeting.startsWith("+OK")) {
      throw new RefusedException("POP3 greeting is not +OK: " + greeting);
    }
    send("STLS");
    String reply = line();
    if (!reply.startsWith("+OK")) {
      throw new RefusedException("STLS refused: " + reply);
    }
  }

  private List<String> smtpReply() throws IOException {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < MAX_LINES; i++) {
      String l = line();
      lines.add(l);
      if (l.length() < 4 || l.charAt(3) != '-') {
        return lines;
      }
    }
    throw new RefusedException("SMTP reply longer than " + MAX_LINES + " lines");
  }

  private void send(String command) throws IOException {
    out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  private String line() throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    while (buf.size() <= MAX_LINE) {
      if (System.nanoTime() - deadlineNanos > 0) {
        // a server dribbling bytes just inside the read timeout must not hold us for long
        throw new SocketTimeoutException("the STARTTLS dialog ran past its deadline");
      }
      int b = in.read();
      if (b < 0) {
        throw new RefusedException(
            "the server closed the connection"
                + (buf.size() == 0 ? "" : " after: " + buf.toString(StandardCharsets.US_ASCII)));
      }
      if (b == '\n') {
        String s = buf.toString(StandardCharsets.US_ASCII);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
      }
      buf.write(b);
    }
    throw new RefusedException("line longer than " + MAX_LINE + " bytes");
  }
}
