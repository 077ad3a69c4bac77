package org.zonetrust.dane;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;

/**
 * STARTTLS failure paths against tiny real servers on loopback: no STARTTLS in EHLO, STLS refused,
 * a silent server (timeout). No handshake happens and nothing else is sent.
 */
class StartTlsFailuresTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-27T00:00:00Z"), ZoneOffset.UTC);

  /** Serves one connection with a script: the lines to send after each received line. */
  private static final class Scripted implements AutoCloseable {
    private final ServerSocket server;
    private final Thread thread;
    private final StringBuilder received = new StringBuilder();
    private final CountDownLatch done = new CountDownLatch(1);

    Scripted(String greeting, List<String> replies) throws IOException {
      server = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
      thread =
          new Thread(
              () -> {
                try (Socket s = server.accept()) {
                  OutputStream out = s.getOutputStream();
                  InputStream in = s.getInputStream();
                  if (!greeting.isEmpty()) {
                    out.write(greeting.getBytes(StandardCharsets.US_ASCII));
                  }
                  for (String reply : replies) {
                    StringBuilder line = new StringBuilder();
                    for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
                      line.append((char) b);
                    }
                    synchronized (received) {
                      received.append(line).append('\n');
                    }
                    out.write(reply.getBytes(StandardCharsets.US_ASCII));
                  }
                  // hold the connection until the client goes
                  while (in.read() >= 0) {
                    // drain
                  }
                } catch (IOException e) {
                  // the client hung up
                } finally {
                  done.countDown();
                }
              });
      thread.setDaemon(true);
      thread.start();
    }

    int port() {
      return server.getLocalPort();
    }

    String received() throws InterruptedException {
      done.await(10, TimeUnit.SECONDS);
      synchronized (received) {
        return received.toString();
      }
    }

    @Override
    public void close() throws IOException {
      server.close();
    }
  }

  private static AddressCheck check(int port, StartTls mode, Duration timeout) throws Exception {
    Name host = Name.fromString("mx1.example.");
    DanePki.Issued leaf = DanePki.leaf("P-256", List.of("mx1.example"), DanePki.root("R"));
    var records = List.of(DanePki.tlsa(host, 3, 1, 1, leaf.cert()));
    return DaneVerifier.builder()
        .tlsaLookup(o -> new TlsaLookupResult(o, DnssecStatus.SECURE, records, "given"))
        .clock(CLOCK)
        .timeout(timeout)
        .build()
        .checkAddress(host, InetAddress.getByName("127.0.0.1"), port, mode);
  }

  @Test
  void smtpWithoutStartTlsIsRefusedAndNothingButEhloIsSent() throws Exception {
    try (Scripted s =
        new Scripted("220 mx ESMTP\r\n", List.of("250-mx\r\n250-PIPELINING\r\n250 8BITMIME\r\n"))) {
      AddressCheck c = check(s.port(), StartTls.SMTP, Duration.ofSeconds(5));
      assertThat(c.outcome()).as(c.toLine()).isEqualTo(DaneOutcome.STARTTLS_REFUSED);
      assertThat(c.detail()).contains("does not offer STARTTLS");
      assertThat(s.received()).isEqualTo("EHLO dane-check.invalid\r\n");
    }
  }

  @Test
  void pop3StlsRefused() throws Exception {
    try (Scripted s = new Scripted("+OK ready\r\n", List.of("-ERR not here\r\n"))) {
      AddressCheck c = check(s.port(), StartTls.POP3, Duration.ofSeconds(5));
      assertThat(c.outcome()).as(c.toLine()).isEqualTo(DaneOutcome.STARTTLS_REFUSED);
      assertThat(c.detail()).contains("-ERR not here");
    }
  }

  @Test
  void imapStartTlsRefused() throws Exception {
    try (Scripted s = new Scripted("* OK ready\r\n", List.of("z1 NO go away\r\n"))) {
      AddressCheck c = check(s.port(), StartTls.IMAP, Duration.ofSeconds(5));
      assertThat(c.outcome()).as(c.toLine()).isEqualTo(DaneOutcome.STARTTLS_REFUSED);
    }
  }

  @Test
  void aSilentServerTimesOut() throws Exception {
    try (Scripted s = new Scripted("", List.of())) {
      long start = System.nanoTime();
      AddressCheck c = check(s.port(), StartTls.SMTP, Duration.ofMillis(300));
      assertThat(c.outcome()).as(c.toLine()).isEqualTo(DaneOutcome.TIMEOUT);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }
  }
}
