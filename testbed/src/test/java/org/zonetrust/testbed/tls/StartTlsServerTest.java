package org.zonetrust.testbed.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.zonetrust.testbed.TestbedException;
import org.zonetrust.testbed.Tools;
import org.zonetrust.testbed.epp.TestPki;
import org.zonetrust.testbed.tls.StartTlsServer.Protocol;

class StartTlsServerTest {
  @TempDir static Path dir;
  private static TestPki pki;
  private static PrivateKey key;
  private static List<X509Certificate> chain;

  @BeforeAll
  static void pki() throws Exception {
    pki = TestPki.create(dir.resolve("pki"), "StartTls test CA");
    KeyStore store = pki.issueServer(List.of("localhost", "127.0.0.1"));
    key = (PrivateKey) store.getKey("key", TestPki.KEY_STORE_PASSWORD.toCharArray());
    chain = new ArrayList<>();
    for (Certificate c : store.getCertificateChain("key")) {
      chain.add((X509Certificate) c);
    }
  }

  @Test
  void smtpAcceptsMailOnlyAfterStartTls() throws Exception {
    try (StartTlsServer smtp = StartTlsServer.start(Protocol.SMTP, key, chain);
        Socket plain = new Socket(smtp.address().getAddress(), smtp.port())) {
      Client c = new Client(plain);
      assertThat(c.read()).startsWith("220 ");
      c.send("EHLO client.test");
      assertThat(c.readReply()).contains("250 STARTTLS");
      c.send("MAIL FROM:<a@client.test>");
      assertThat(c.read()).startsWith("530 ");
      c.send("STARTTLS");
      assertThat(c.read()).startsWith("220 ");
      Client t = c.tls(tlsContext());
      t.send("EHLO client.test");
      assertThat(t.readReply()).doesNotContain("STARTTLS").startsWith("250-");
      t.send("MAIL FROM:<a@client.test> SIZE=100");
      assertThat(t.read()).startsWith("250 ");
      t.send("RCPT TO:<b@example.test>");
      assertThat(t.read()).startsWith("250 ");
      t.send("RCPT TO:<c@example.test>");
      assertThat(t.read()).startsWith("250 ");
      t.send("DATA");
      assertThat(t.read()).startsWith("354 ");
      t.send("Subject: hi\r\n\r\n..dot\r\nbody\r\n.");
      assertThat(t.read()).startsWith("250 ");
      t.send("NOOP");
      assertThat(t.read()).startsWith("250 ");
      t.send("QUIT");
      assertThat(t.read()).startsWith("221 ");

      Mail mail = smtp.awaitMail(Duration.ofSeconds(10));
      assertThat(mail.from()).isEqualTo("a@client.test");
      assertThat(mail.recipients()).containsExactly("b@example.test", "c@example.test");
      assertThat(mail.data()).isEqualTo("Subject: hi\r\n\r\n.dot\r\nbody\r\n");
      assertThat(smtp.received()).containsExactly(mail);
      assertThat(smtp.handshakes()).isEqualTo(1);
    }
  }

  @Test
  void awaitMailTimesOutWithoutMail() {
    try (StartTlsServer smtp = StartTlsServer.start(Protocol.SMTP, key, chain)) {
      assertThatThrownBy(() -> smtp.awaitMail(Duration.ofMillis(50)))
          .isInstanceOf(TestbedException.class)
          .hasMessageContaining("received 0 of 1");
    }
  }

  @Test
  void imapAndPop3UpgradeWithAJavaClient() throws Exception {
    try (StartTlsServer imap = StartTlsServer.start(Protocol.IMAP, key, chain);
        Socket plain = new Socket(imap.address().getAddress(), imap.port())) {
      Client c = new Client(plain);
      assertThat(c.read()).startsWith("* OK");
      c.send("a CAPABILITY");
      assertThat(c.read()).contains("STARTTLS");
      assertThat(c.read()).startsWith("a OK");
      c.send("b STARTTLS");
      assertThat(c.read()).startsWith("b OK");
      Client t = c.tls(tlsContext());
      t.send("c NOOP");
      assertThat(t.read()).startsWith("c OK");
      assertThat(imap.handshakes()).isEqualTo(1);
    }
    try (StartTlsServer pop3 = StartTlsServer.start(Protocol.POP3, key, chain);
        Socket plain = new Socket(pop3.address().getAddress(), pop3.port())) {
      Client c = new Client(plain);
      assertThat(c.read()).startsWith("+OK");
      c.send("CAPA");
      assertThat(c.read()).startsWith("+OK");
      assertThat(c.read()).isEqualTo("STLS");
      assertThat(c.read()).isEqualTo(".");
      c.send("STLS");
      assertThat(c.read()).startsWith("+OK");
      Client t = c.tls(tlsContext());
      t.send("QUIT");
      assertThat(t.read()).startsWith("+OK");
      assertThat(pop3.handshakes()).isEqualTo(1);
    }
  }

  @Test
  void directTlsEchoes() throws Exception {
    try (StartTlsServer direct = StartTlsServer.start(Protocol.DIRECT, key, chain);
        Socket plain = new Socket(direct.address().getAddress(), direct.port())) {
      Client t = new Client(plain).tls(tlsContext());
      t.send("hello");
      assertThat(t.read()).isEqualTo("hello");
      assertThat(direct.handshakes()).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @EnumSource(Protocol.class)
  void opensslClientVerifiesTheChain(Protocol protocol) {
    try (StartTlsServer server = StartTlsServer.start(protocol, key, chain)) {
      List<String> args =
          new ArrayList<>(
              List.of(
                  "s_client",
                  "-connect",
                  "127.0.0.1:" + server.port(),
                  "-CAfile",
                  dir.resolve("pki/ca.pem").toString(),
                  "-verify_return_error",
                  "-brief"));
      if (protocol != Protocol.DIRECT) {
        args.addAll(List.of("-starttls", protocol.name().toLowerCase(java.util.Locale.ROOT)));
      }
      Tools.Result r = Tools.run(dir, Duration.ofSeconds(30), "openssl", args);
      assertThat(r.exitCode()).as(r.output()).isZero();
      assertThat(r.output()).contains("Verification: OK");
      assertThat(server.handshakes()).isEqualTo(1);
    }
  }

  @Test
  void aClientRejectingTheCertificateIsCountedAsFailed() throws Exception {
    TestPki other = TestPki.create(dir.resolve("other"), "Another CA");
    try (StartTlsServer server = StartTlsServer.start(Protocol.SMTP, key, chain)) {
      Tools.Result r =
          Tools.run(
              dir,
              Duration.ofSeconds(30),
              "openssl",
              List.of(
                  "s_client",
                  "-connect",
                  "127.0.0.1:" + server.port(),
                  "-starttls",
                  "smtp",
                  "-CAfile",
                  dir.resolve("other/ca.pem").toString(),
                  "-verify_return_error",
                  "-brief"));
      assertThat(r.exitCode()).as(r.output()).isNotZero();
      assertThat(other.caCertificate()).isNotEqualTo(chain.get(chain.size() - 1));
      awaitCondition(() -> server.failedHandshakes() == 1);
      assertThat(server.handshakes()).isZero();
    }
  }

  /** The client's alert reaches the server a moment after openssl exits. */
  private static void awaitCondition(java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition within 10 s").isLessThan(deadline);
      Thread.sleep(10);
    }
  }

  private static SSLContext tlsContext() throws Exception {
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(pki.trustStore());
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, tmf.getTrustManagers(), null);
    return context;
  }

  /** A line client over a socket; {@link #tls} upgrades it. */
  private static final class Client {
    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;

    Client(Socket socket) throws IOException {
      this.socket = socket;
      socket.setSoTimeout(10_000);
      this.in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
      this.out = socket.getOutputStream();
    }

    Client tls(SSLContext context) throws IOException {
      SSLSocket tls =
          (SSLSocket)
              context.getSocketFactory().createSocket(socket, "localhost", socket.getPort(), true);
      var params = tls.getSSLParameters();
      params.setEndpointIdentificationAlgorithm("HTTPS");
      tls.setSSLParameters(params);
      tls.startHandshake();
      return new Client(tls);
    }

    void send(String line) throws IOException {
      out.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
    }

    String read() throws IOException {
      String line = in.readLine();
      assertThat(line).as("a line from the server").isNotNull();
      return line;
    }

    /** A multi-line SMTP reply, lines joined with LF. */
    String readReply() throws IOException {
      StringBuilder reply = new StringBuilder();
      String line;
      do {
        line = read();
        reply.append(line).append('\n');
      } while (line.length() > 3 && line.charAt(3) == '-');
      return reply.toString();
    }
  }
}
