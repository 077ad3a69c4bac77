package org.zonetrust.dane;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TLSARecord;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.Type;
import org.xbill.DNS.Update;
import org.zonetrust.testbed.OpenSslServer;
import org.zonetrust.testbed.Testbed;
import org.zonetrust.testbed.WithTestbed;
import org.zonetrust.testbed.tls.StartTlsServer;

/**
 * The verifier against the testbed: TLSA in a ZoneTrust-signed zone validated through Unbound's AD
 * bit and in process from the trust anchor; the same in a bogus zone refused; an unsigned zone
 * reported insecure; a mail domain followed from MX to SMTP STARTTLS.
 */
@WithTestbed
class DaneVerifierIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static Testbed tb;
  private static Path dir;
  private static DanePki.Issued root;
  private static DanePki.Issued ca;
  private static OpenSslServer web;
  private static StartTlsServer smtp;
  private static SignedTestZone zone;
  private static Name mx;
  private static List<String> lines;

  @BeforeAll
  static void setUp(Testbed testbed) throws Exception {
    tb = testbed;
    dir = Files.createTempDirectory("dane-it");
    zone = SignedTestZone.serve(testbed, "dane", List.of("mx 60 IN A 127.0.0.1"));
    mx = zone.name("mx");
    root = DanePki.root("IT Root");
    ca = DanePki.ca("IT CA", root);
    DanePki.Issued leaf = DanePki.leaf("P-256", List.of(mx.toString(true)), ca);
    web = OpenSslServer.start(dir, leaf.keys().getPrivate(), List.of(leaf.cert(), ca.cert()));
    smtp =
        StartTlsServer.start(
            StartTlsServer.Protocol.SMTP,
            leaf.keys().getPrivate(),
            List.of(leaf.cert(), ca.cert()),
            InetAddress.getByName("127.0.0.1"));
    lines = new ArrayList<>();
    lines.add("@ 60 IN MX 10 mx");
    lines.add("mx 60 IN A 127.0.0.1");
    for (int port : List.of(web.port(), smtp.port())) {
      lines.add(tlsaLine(port, DanePki.tlsa(mx, 3, 1, 1, leaf.cert())));
      lines.add(tlsaLine(port, DanePki.tlsa(mx, 2, 1, 1, ca.cert())));
    }
    zone.replace(lines);
  }

  @AfterAll
  static void tearDown() throws Exception {
    if (web != null) {
      web.close();
    }
    if (smtp != null) {
      smtp.close();
    }
    OpensslAgreementPropertyTest.deleteTree(dir);
  }

  private static String tlsaLine(int port, TLSARecord r) {
    return "_"
        + port
        + "._tcp.mx 60 IN TLSA "
        + r.getCertificateUsage()
        + " "
        + r.getSelector()
        + " "
        + r.getMatchingType()
        + " "
        + HexFormat.of().formatHex(r.getCertificateAssociationData());
  }

  private static ValidatedResolver ad() {
    return ValidatedResolver.trustingAd(tb.unbound(), TIMEOUT);
  }

  private static ValidatedResolver inProcess() throws DaneException {
    // signatures are made and judged by the real time: the validator needs the real clock too
    return ValidatedResolver.validating(
        tb.unbound(), tb.trustAnchorFile(), TIMEOUT, Clock.systemUTC());
  }

  private static DaneVerifier verifier(ValidatedResolver r) {
    return DaneVerifier.builder()
        .resolver(r)
        .clock(Clock.systemUTC())
        .timeout(TIMEOUT)
        .smtpPort(smtp.port())
        .build();
  }

  @Test
  void secureTlsaMatchesThroughUnboundsAdBit() throws Exception {
    TlsaLookupResult tlsa = ad().lookup(TlsaEndpoint.tcp(web.port(), mx).ownerName());
    assertThat(tlsa.status()).as(tlsa.detail()).isEqualTo(DnssecStatus.SECURE);
    assertThat(tlsa.records()).hasSize(2);
    DaneReport report = verifier(ad()).check(mx, web.port(), StartTls.NONE);
    assertThat(report.validated()).as(report.toText()).isTrue();
    assertThat(report.checks()).hasSize(1);
    assertThat(report.checks().get(0).matchedRecord()).isPresent();
  }

  @Test
  void secureTlsaMatchesWithInProcessValidation() throws Exception {
    ValidatedResolver validating = inProcess();
    TlsaLookupResult tlsa = validating.lookup(TlsaEndpoint.tcp(web.port(), mx).ownerName());
    assertThat(tlsa.status()).as(tlsa.detail()).isEqualTo(DnssecStatus.SECURE);
    DaneReport report = verifier(validating).check(mx, web.port(), StartTls.NONE);
    assertThat(report.validated()).as(report.toText()).isTrue();
  }

  @Test
  void mailDomainFollowsMxToSmtpStartTls() throws Exception {
    for (ValidatedResolver r : List.of(ad(), inProcess())) {
      DaneReport report = verifier(r).checkMailDomain(zone.origin());
      assertThat(report.validated()).as(report.toText()).isTrue();
      assertThat(report.checks())
          .singleElement()
          .satisfies(
              c -> {
                assertThat(c.host()).isEqualTo(mx);
                assertThat(c.outcome()).isEqualTo(DaneOutcome.MATCHED);
              });
      assertThat(smtp.received()).isEmpty();
    }
  }

  @Test
  void bogusZoneIsReportedAndItsTlsaNeverUsed() throws Exception {
    SignedTestZone bad = SignedTestZone.serve(tb, "bogus", List.of("mx 60 IN A 127.0.0.1"));
    Name badMx = bad.name("mx");
    DanePki.Issued leaf = DanePki.leaf("P-256", List.of(badMx.toString(true)), ca);
    try (OpenSslServer server =
        OpenSslServer.start(dir.resolve("bogus"), leaf.keys().getPrivate(), List.of(leaf.cert()))) {
      String tlsa = tlsaLine(server.port(), DanePki.tlsa(badMx, 3, 1, 1, leaf.cert()));
      List<String> records = List.of("mx 60 IN A 127.0.0.1", tlsa);
      bad.corrupt(records, "_" + server.port() + "._tcp.mx", Type.TLSA);
      for (ValidatedResolver r : List.of(ad(), inProcess())) {
        TlsaLookupResult lookup = r.lookup(TlsaEndpoint.tcp(server.port(), badMx).ownerName());
        assertThat(lookup.status()).as(r + ": " + lookup.detail()).isEqualTo(DnssecStatus.BOGUS);
        assertThat(lookup.records()).isEmpty();
        DaneReport report = verifier(r).check(badMx, server.port(), StartTls.NONE);
        assertThat(report.validated()).isFalse();
        assertThat(report.checks())
            .singleElement()
            .satisfies(
                c -> {
                  assertThat(c.outcome()).as(c.toLine()).isEqualTo(DaneOutcome.BOGUS);
                  assertThat(c.records()).isEmpty();
                });
      }
    }
  }

  @Test
  void unsignedZoneIsInsecure() throws Exception {
    Name insecure = Name.fromString(tb.createZone("dane-insecure"));
    Name host = Name.fromString("mx", insecure);
    DanePki.Issued leaf = DanePki.leaf("P-256", List.of(host.toString(true)), ca);
    try (OpenSslServer server =
        OpenSslServer.start(
            dir.resolve("insecure"), leaf.keys().getPrivate(), List.of(leaf.cert()))) {
      TLSARecord tlsa =
          DanePki.tlsa(TlsaEndpoint.tcp(server.port(), host).ownerName(), 3, 1, 1, leaf.cert());
      Update update = new Update(insecure);
      update.add(host, Type.A, 60, "127.0.0.1");
      update.add(tlsa);
      update.add(insecure, Type.MX, 60, "10 " + host);
      SimpleResolver primary = new SimpleResolver(tb.bind());
      primary.setTSIGKey(new TSIG(tb.tsigAlgorithm(), tb.tsigKeyName(), tb.tsigSecret()));
      primary.setTimeout(TIMEOUT);
      assertThat(primary.send(update).getRcode()).isEqualTo(Rcode.NOERROR);
      tb.unboundControl("flush_zone", insecure.toString());
      for (ValidatedResolver r : List.of(ad(), inProcess())) {
        TlsaLookupResult lookup = r.lookup(tlsa.getName());
        assertThat(lookup.status()).as(lookup.detail()).isEqualTo(DnssecStatus.INSECURE);
        assertThat(lookup.records()).containsExactly(tlsa);
        DaneReport service = verifier(r).check(host, server.port(), StartTls.NONE);
        assertThat(service.validated()).isFalse();
        assertThat(service.checks())
            .singleElement()
            .extracting(AddressCheck::outcome)
            .isEqualTo(DaneOutcome.INSECURE);
        DaneReport mail = verifier(r).checkMailDomain(insecure);
        assertThat(mail.checks())
            .singleElement()
            .satisfies(
                c -> {
                  assertThat(c.outcome()).as(c.toLine()).isEqualTo(DaneOutcome.INSECURE);
                  assertThat(c.detail()).contains("MX");
                });
      }
    }
  }

  @Test
  void everyAddressIsCheckedAndAllMustMatch() throws Exception {
    // the server listens on 127.0.0.1 only: the AAAA address ::1 of the same host is unreachable
    SignedTestZone both = SignedTestZone.serve(tb, "dual", List.of("mx 60 IN A 127.0.0.1"));
    Name host = both.name("mx");
    DanePki.Issued leaf = DanePki.leaf("P-256", List.of(host.toString(true)), ca);
    try (OpenSslServer server =
        OpenSslServer.start(dir.resolve("dual"), leaf.keys().getPrivate(), List.of(leaf.cert()))) {
      both.replace(
          List.of(
              "mx 60 IN A 127.0.0.1",
              "mx 60 IN AAAA ::1",
              tlsaLine(server.port(), DanePki.tlsa(host, 3, 1, 1, leaf.cert()))));
      DaneReport report = verifier(ad()).check(host, server.port(), StartTls.NONE);
      assertThat(report.checks()).as(report.toText()).hasSize(2);
      assertThat(report.checks())
          .extracting(AddressCheck::outcome)
          .containsExactlyInAnyOrder(DaneOutcome.MATCHED, DaneOutcome.UNREACHABLE);
      assertThat(report.validated()).isFalse();
    }
  }

  @Test
  void mismatchUnreachableRefusedAndNoTlsaAreReported() throws Exception {
    DanePki.Issued stranger =
        DanePki.leaf("P-256", List.of(mx.toString(true)), DanePki.root("Stranger"));
    try (OpenSslServer other =
        OpenSslServer.start(
            dir.resolve("mismatch"), stranger.keys().getPrivate(), List.of(stranger.cert()))) {
      DaneVerifier v =
          DaneVerifier.builder()
              .resolver(ad())
              .tlsaLookup(o -> ad().lookup(TlsaEndpoint.tcp(web.port(), mx).ownerName()))
              .clock(Clock.systemUTC())
              .timeout(TIMEOUT)
              .build();
      AddressCheck mismatch =
          v.checkAddress(mx, InetAddress.getByName("127.0.0.1"), other.port(), StartTls.NONE);
      assertThat(mismatch.outcome()).as(mismatch.toLine()).isEqualTo(DaneOutcome.MISMATCH);
      assertThat(mismatch.records())
          .hasSize(2)
          .allMatch(c -> c.verdict() == RecordVerdict.NOT_MATCHED);
      int closedPort;
      try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
        closedPort = s.getLocalPort();
      }
      AddressCheck unreachable =
          v.checkAddress(mx, InetAddress.getByName("127.0.0.1"), closedPort, StartTls.NONE);
      assertThat(unreachable.outcome()).as(unreachable.toLine()).isEqualTo(DaneOutcome.UNREACHABLE);
      // s_server speaks TLS at once: the SMTP greeting never comes
      AddressCheck refused =
          v.checkAddress(mx, InetAddress.getByName("127.0.0.1"), web.port(), StartTls.SMTP);
      assertThat(refused.outcome())
          .as(refused.toLine())
          .isIn(DaneOutcome.STARTTLS_REFUSED, DaneOutcome.TIMEOUT);
    }
    DaneReport none = verifier(ad()).check(mx, 1, StartTls.NONE);
    assertThat(none.checks())
        .singleElement()
        .satisfies(c -> assertThat(c.outcome()).as(c.toLine()).isEqualTo(DaneOutcome.NO_TLSA));
  }
}
