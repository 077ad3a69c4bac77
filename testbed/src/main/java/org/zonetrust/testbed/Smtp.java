package org.zonetrust.testbed;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A minimal plain-text SMTP client for submitting test mail to a loopback Postfix. */
final class Smtp {
  private static final int TIMEOUT_MILLIS = 10_000;

  private Smtp() {}

  /** True when the server answers a connection with a 220 greeting. */
  static boolean greets(InetSocketAddress server) {
    try (Socket socket = new Socket()) {
      socket.connect(server, 1000);
      socket.setSoTimeout(TIMEOUT_MILLIS);
      BufferedReader in = reader(socket);
      boolean ok = reply(in).startsWith("220");
      command(socket.getOutputStream(), in, "QUIT");
      return ok;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Sends one message and returns the server's last reply line to the end of DATA.
   *
   * @throws TestbedException when a step is refused or the connection fails
   */
  static String send(
      InetSocketAddress server, String helo, String from, String to, String subject, String body) {
    try (Socket socket = new Socket()) {
      socket.connect(server, TIMEOUT_MILLIS);
      socket.setSoTimeout(TIMEOUT_MILLIS);
      BufferedReader in = reader(socket);
      OutputStream out = socket.getOutputStream();
      expect(reply(in), "220");
      expect(command(out, in, "EHLO " + helo), "250");
      expect(command(out, in, "MAIL FROM:<" + from + ">"), "250");
      expect(command(out, in, "RCPT TO:<" + to + ">"), "250");
      expect(command(out, in, "DATA"), "354");
      StringBuilder message = new StringBuilder();
      message.append("From: <").append(from).append(">\r\n");
      message.append("To: <").append(to).append(">\r\n");
      message.append("Subject: ").append(subject).append("\r\n\r\n");
      for (String line : body.split("\r?\n", -1)) {
        message.append(line.startsWith(".") ? "." : "").append(line).append("\r\n");
      }
      message.append(".");
      String queued = command(out, in, message.toString());
      expect(queued, "250");
      command(out, in, "QUIT");
      return queued;
    } catch (IOException e) {
      throw new TestbedException("cannot submit mail to " + server, e);
    }
  }

  private static BufferedReader reader(Socket socket) throws IOException {
    return new BufferedReader(
        new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
  }

  private static void expect(String reply, String code) {
    if (!reply.startsWith(code)) {
      throw new TestbedException("SMTP server answered " + reply + " (expected " + code + ")");
    }
  }

  private static String command(OutputStream out, BufferedReader in, String line)
      throws IOException {
    out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
    return reply(in);
  }

  /** The last line of a (possibly multi-line) reply. */
  private static String reply(BufferedReader in) throws IOException {
    while (true) {
      String line = in.readLine();
      if (line == null) {
        throw new IOException("connection closed");
      }
      if (line.length() < 4 || line.charAt(3) != '-') {
        return line;
      }
    }
  }
}
