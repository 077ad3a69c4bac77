package org.zonetrust.testbed.tls;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLSocket;
import org.jspecify.annotations.Nullable;

/** One connection: the protocol's plain-text dialogue, the TLS upgrade, then the rest. */
final class Session implements Runnable {
  /** Largest message accepted by DATA; a bigger one is read to the end and refused. */
  static final int MAX_MESSAGE = 1 << 20;

  private final StartTlsServer server;
  private Socket socket;
  private boolean tls;

  Session(StartTlsServer server, Socket socket) {
    this.server = server;
    this.socket = socket;
  }

  @Override
  public void run() {
    try {
      socket.setSoTimeout(server.readTimeoutMillis());
      LineIo io = new LineIo(socket);
      switch (server.protocol()) {
        case DIRECT -> direct(io);
        case SMTP -> smtp(io);
        case IMAP -> imap(io);
        case POP3 -> pop3(io);
      }
    } catch (IOException | RuntimeException e) {
      // the client went away, timed out or broke the protocol: drop the connection
    } finally {
      server.forget(socket);
    }
  }

  /**
   * Layers TLS over the connection and handshakes; false (and the connection closed) on failure.
   */
  private boolean startTls(LineIo io) throws IOException {
    SSLSocket layered =
        (SSLSocket) server.context().getSocketFactory().createSocket(socket, null, true);
    layered.setUseClientMode(false);
    server.layered(socket, layered);
    socket = layered;
    try {
      layered.startHandshake();
    } catch (IOException e) {
      server.handshakeDone(false);
      return false;
    }
    server.handshakeDone(true);
    tls = true;
    io.switchTo(layered);
    return true;
  }

  private void direct(LineIo io) throws IOException {
    if (!startTls(io)) {
      return;
    }
    for (String line = io.readLine(); line != null; line = io.readLine()) {
      io.write(line);
    }
  }

  private void smtp(LineIo io) throws IOException {
    io.write("220 " + StartTlsServer.HOST_NAME + " ESMTP ZoneTrust test server");
    boolean helo = false;
    String from = null;
    List<String> recipients = new ArrayList<>();
    for (String line = io.readLine(); line != null; line = io.readLine()) {
      String verb = verb(line);
      switch (verb) {
        case "EHLO" -> {
          helo = true;
          from = null;
          recipients.clear();
          if (tls) {
            io.write("250-" + StartTlsServer.HOST_NAME, "250-8BITMIME", "250 ENHANCEDSTATUSCODES");
          } else {
            io.write("250-" + StartTlsServer.HOST_NAME, "250-8BITMIME", "250 STARTTLS");
          }
        }
        case "HELO" -> {
          helo = true;
          from = null;
          recipients.clear();
          io.write("250 " + StartTlsServer.HOST_NAME);
        }
        case "STARTTLS" -> {
          if (tls) {
            io.write("503 5.5.1 TLS already active");
            continue;
          }
          io.write("220 2.0.0 Ready to start TLS");
          // RFC 3207 section 6: anything pipelined after STARTTLS is dropped (switchTo does so)
          if (!startTls(io)) {
            return;
          }
          helo = false;
          from = null;
          recipients.clear();
        }
        case "MAIL" -> {
          if (!tls) {
            io.write("530 5.7.0 Must issue a STARTTLS command first");
          } else if (!helo) {
            io.write("503 5.5.1 Send EHLO first");
          } else if (from != null) {
            io.write("503 5.5.1 Nested MAIL command");
          } else {
            String address = path(line, "MAIL FROM:");
            if (address == null) {
              io.write("501 5.5.4 Syntax: MAIL FROM:<address>");
            } else {
              from = address;
              io.write("250 2.1.0 Ok");
            }
          }
        }
        case "RCPT" -> {
          if (from == null) {
            io.write("503 5.5.1 Need MAIL command");
          } else {
            String address = path(line, "RCPT TO:");
            if (address == null || address.isEmpty()) {
              io.write("501 5.5.4 Syntax: RCPT TO:<address>");
            } else {
              recipients.add(address);
              io.write("250 2.1.5 Ok");
            }
          }
        }
        case "DATA" -> {
          if (from == null || recipients.isEmpty()) {
            io.write("503 5.5.1 Need RCPT command");
            continue;
          }
          io.write("354 End data with <CR><LF>.<CR><LF>");
          String data = data(io);
          if (data == null) {
            io.write("552 5.3.4 Message too big");
          } else {
            server.accept(new Mail(from, recipients, data));
            io.write("250 2.0.0 Ok: queued as " + server.nextMessageId());
          }
          from = null;
          recipients.clear();
        }
        case "RSET" -> {
          from = null;
          recipients.clear();
          io.write("250 2.0.0 Ok");
        }
        case "NOOP" -> io.write("250 2.0.0 Ok");
        case "QUIT" -> {
          io.write("221 2.0.0 Bye");
          return;
        }
        default -> io.write("502 5.5.2 Command not recognized");
      }
    }
  }

  /** Reads the message after 354 up to the lone dot; null when it is too big. */
  private static @Nullable String data(LineIo io) throws IOException {
    StringBuilder data = new StringBuilder();
    boolean tooBig = false;
    for (String line = io.readLine(); line != null; line = io.readLine()) {
      if (line.equals(".")) {
        if (tooBig) {
          return null;
        }
        byte[] bytes = data.toString().getBytes(StandardCharsets.ISO_8859_1);
        return new String(bytes, StandardCharsets.UTF_8);
      }
      String unstuffed = line.startsWith(".") ? line.substring(1) : line;
      if (data.length() + unstuffed.length() + 2 > MAX_MESSAGE) {
        tooBig = true;
      } else {
        data.append(unstuffed).append("\r\n");
      }
    }
    throw new IOException("connection closed inside DATA");
  }

  private void imap(LineIo io) throws IOException {
    io.write("* OK ZoneTrust test IMAP server ready");
    for (String line = io.readLine(); line != null; line = io.readLine()) {
      String[] words = line.split(" ", 3);
      String tag = words[0];
      String command = words.length > 1 ? words[1].toUpperCase(Locale.ROOT) : "";
      switch (command) {
        case "CAPABILITY" -> {
          io.write(
              tls
                  ? "* CAPABILITY IMAP4rev1 AUTH=PLAIN"
                  : "* CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED",
              tag + " OK CAPABILITY completed");
        }
        case "STARTTLS" -> {
          if (tls) {
            io.write(tag + " BAD TLS already active");
            continue;
          }
          io.write(tag + " OK Begin TLS negotiation now");
          if (!startTls(io)) {
            return;
          }
        }
        case "NOOP" -> io.write(tag + " OK NOOP completed");
        case "LOGOUT" -> {
          io.write("* BYE logging out", tag + " OK LOGOUT completed");
          return;
        }
        default -> io.write(tag + " BAD command unknown or not supported");
      }
    }
  }

  private void pop3(LineIo io) throws IOException {
    io.write("+OK ZoneTrust test POP3 server ready");
    for (String line = io.readLine(); line != null; line = io.readLine()) {
      switch (verb(line)) {
        case "CAPA" -> {
          if (tls) {
            io.write("+OK Capability list follows", "USER", ".");
          } else {
            io.write("+OK Capability list follows", "STLS", ".");
          }
        }
        case "STLS" -> {
          if (tls) {
            io.write("-ERR TLS already active");
            continue;
          }
          io.write("+OK Begin TLS negotiation");
          if (!startTls(io)) {
            return;
          }
        }
        case "NOOP" -> io.write("+OK");
        case "QUIT" -> {
          io.write("+OK Bye");
          return;
        }
        default -> io.write("-ERR unknown command");
      }
    }
  }

  /** The command word, upper case. */
  private static String verb(String line) {
    int space = line.indexOf(' ');
    return (space < 0 ? line : line.substring(0, space)).toUpperCase(Locale.ROOT);
  }

  /**
   * The address between angle brackets after {@code prefix} (case-insensitive, optional space after
   * the colon), ignoring ESMTP parameters; null when malformed.
   */
  private static @Nullable String path(String line, String prefix) {
    if (!line.regionMatches(true, 0, prefix, 0, prefix.length())) {
      return null;
    }
    String rest = line.substring(prefix.length()).trim();
    int close = rest.indexOf('>');
    if (!rest.startsWith("<") || close < 0) {
      return null;
    }
    return rest.substring(1, close);
  }
}
