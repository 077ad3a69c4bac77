package org.zonetrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Master;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.zonetrust.dnssec.DnssecAlgorithm;
import org.zonetrust.dnssec.KeyRole;
import org.zonetrust.dnssec.SigningKey;
import org.zonetrust.dnssec.ZoneSigner;
import org.zonetrust.testbed.OpenSslServer;
import org.zonetrust.testbed.Testbed;
import org.zonetrust.testbed.Tools;
import org.zonetrust.testbed.WithTestbed;
import org.zonetrust.testbed.tls.StartTlsServer;

/**
 * {@code zonetrust dane-check} against a signed testbed zone, openssl s_server and StartTlsServer.
 */
@WithTestbed
class DaneCheckIT {
  @TempDir static Path dir;
  static Testbed tb;
  static OpenSslServer web;
  static StartTlsServer smtp;
  static String zone;

  @BeforeAll
  static void setUp(Testbed testbed) throws Exception {
    tb = testbed;
    zone = "dane-cli.test.";
    Tools.selfSignedEcCertificate(dir, "mx." + zone.substring(0, zone.length() - 1), 30);
    X509Certificate cert;
    try (var in = Files.newInputStream(dir.resolve("cert.pem"))) {
      cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
    String keyPem = Files.readString(dir.resolve("key.pem"), StandardCharsets.US_ASCII);
    byte[] pkcs8 =
        Base64.getMimeDecoder()
            .decode(keyPem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
    PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    web = OpenSslServer.start(dir, dir.resolve("key.pem"), dir.resolve("cert.pem"), null);
    smtp =
        StartTlsServer.start(
            StartTlsServer.Protocol.SMTP, key, List.of(cert), InetAddress.getByName("127.0.0.1"));
    String hash =
        HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256").digest(cert.getPublicKey().getEncoded()));
    String text =
        "$ORIGIN "
            + zone
            + "\n@ 60 IN SOA ns1.test. hostmaster.test. 1 60 60 600 60\n"
            + "@ 60 IN NS ns1.test.\n"
            + "@ 60 IN MX 10 mx\n"
            + "mx 60 IN A 127.0.0.1\n"
            + "_"
            + web.port()
            + "._tcp.mx 60 IN TLSA 3 1 1 "
            + hash
            + "\n"
            + "_"
            + smtp.port()
            + "._tcp.mx 60 IN TLSA 3 1 1 "
            + hash
            + "\n";
    Name origin = Name.fromString(zone);
    List<Record> records = new ArrayList<>();
    try (Master m =
        new Master(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), origin, 60)) {
      for (Record r = m.nextRecord(); r != null; r = m.nextRecord()) {
        records.add(r);
      }
    }
    SigningKey csk = SigningKey.generate(origin, DnssecAlgorithm.ECDSAP256SHA256, KeyRole.CSK);
    // BIND and Unbound judge signatures by the real time
    Path file = dir.resolve("zone.signed");
    ZoneSigner.builder()
        .keys(List.of(csk))
        .clock(Clock.systemUTC())
        .threads(1)
        .build()
        .sign(origin, records)
        .writeMasterFile(file);
    tb.addSignedZone(zone, file);
  }

  @AfterAll
  static void stop() {
    if (web != null) {
      web.close();
    }
    if (smtp != null) {
      smtp.close();
    }
  }

  private String unbound() {
    return "127.0.0.1:" + tb.unboundPort();
  }

  @Test
  void serviceValidatesThroughTheResolversAdBit() {
    CliRun run =
        CliRun.of(
            "dane-check",
            "--host",
            "mx." + zone,
            "--port",
            "" + web.port(),
            "--resolver",
            unbound());
    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).contains("127.0.0.1 port " + web.port() + ": MATCHED", "DANE validates");
  }

  @Test
  void mailDomainValidatesWithInProcessValidation() {
    CliRun run =
        CliRun.of(
            "dane-check",
            "--smtp",
            zone,
            "--smtp-port",
            "" + smtp.port(),
            "--trust-anchor",
            tb.trustAnchorFile().toString(),
            "--upstream",
            unbound());
    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).contains("mx." + zone + " 127.0.0.1 port " + smtp.port() + ": MATCHED");
  }

  @Test
  void noTlsaFailsTheCheck() {
    CliRun run =
        CliRun.of("dane-check", "--host", "mx." + zone, "--port", "1", "--resolver", unbound());
    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.CHECK_FAILED);
    assertThat(run.out()).contains("NO_TLSA");
    assertThat(run.err()).contains("DANE does not validate");
  }

  @Test
  void wrongModeIsReportedNotThrown() {
    CliRun run =
        CliRun.of(
            "dane-check",
            "--host",
            "mx." + zone,
            "--port",
            "" + web.port(),
            "--starttls",
            "pop3",
            "--resolver",
            unbound(),
            "--timeout",
            "2s");
    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.CHECK_FAILED);
    assertThat(run.out()).containsAnyOf("STARTTLS_REFUSED", "TIMEOUT");
  }

  @Test
  void usageErrors() {
    assertThat(CliRun.of("dane-check", "--resolver", unbound()).exitCode())
        .isEqualTo(ExitCodes.USAGE);
    assertThat(CliRun.of("dane-check", "--smtp", zone).exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(
            CliRun.of(
                    "dane-check",
                    "--smtp",
                    zone,
                    "--resolver",
                    unbound(),
                    "--trust-anchor",
                    "x",
                    "--upstream",
                    unbound())
                .exitCode())
        .isEqualTo(ExitCodes.USAGE);
    assertThat(
            CliRun.of(
                    "dane-check",
                    "--host",
                    "mx." + zone,
                    "--port",
                    "443",
                    "--starttls",
                    "ftp",
                    "--resolver",
                    unbound())
                .exitCode())
        .isEqualTo(ExitCodes.USAGE);
  }
}
