package org.zonetrust.dane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;
import org.xbill.DNS.TLSARecord;

class TlsaGeneratorTest {
  private static final HexFormat HEX = HexFormat.of();
  private final TlsaGenerator gen = TlsaGenerator.withTtl(Duration.ofHours(1));

  private static String sha256(byte[] b) throws Exception {
    return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }

  private static String rdata(TLSARecord r) {
    return r.getCertificateUsage()
        + " "
        + r.getSelector()
        + " "
        + r.getMatchingType()
        + " "
        + HEX.formatHex(r.getCertificateAssociationData());
  }

  @Test
  void ownerNameAndEnums() throws Exception {
    Name host = Name.fromString("mx1.example.");
    assertThat(TlsaEndpoint.tcp(25, host).ownerName()).hasToString("_25._tcp.mx1.example.");
    assertThat(new TlsaEndpoint(853, "UDP", host).ownerName())
        .hasToString("_853._udp.mx1.example.");
    assertThatThrownBy(() -> TlsaEndpoint.tcp(0, host))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TlsaEndpoint.tcp(25, Name.fromString("relative")))
        .hasMessageContaining("absolute");
    assertThat(CertificateUsage.fromCode(2)).isEqualTo(CertificateUsage.DANE_TA);
    assertThat(Selector.fromCode(1)).isEqualTo(Selector.SUBJECT_PUBLIC_KEY_INFO);
    assertThat(MatchingType.fromCode(2)).isEqualTo(MatchingType.SHA512);
    assertThatThrownBy(() -> MatchingType.fromCode(3)).hasMessageContaining("unknown");
  }

  @Test
  void everyInputKindGivesTheSameSpki() throws Exception {
    for (String kind : List.of("RSA", "P-256", "P-384", "Ed25519")) {
      KeyPair kp = TestCerts.keyPair(kind);
      X509Certificate cert = TestCerts.cert("leaf", kp, "leaf", kp.getPrivate(), false, 1);
      String expected = sha256(kp.getPublic().getEncoded());
      for (TlsaSource s :
          List.of(
              TlsaSource.of(cert),
              TlsaSource.of(kp.getPublic()),
              TlsaSource.of(kp.getPrivate()),
              TlsaSource.ofCsr(TestCerts.csr(kp)))) {
        byte[] d =
            TlsaGenerator.associationData(Selector.SUBJECT_PUBLIC_KEY_INFO, MatchingType.SHA256, s);
        assertThat(HEX.formatHex(d)).as(kind + " " + s).isEqualTo(expected);
      }
      assertThat(
              TlsaGenerator.associationData(
                  Selector.FULL_CERTIFICATE, MatchingType.FULL, TlsaSource.of(cert)))
          .isEqualTo(cert.getEncoded());
      assertThatThrownBy(
              () ->
                  TlsaGenerator.associationData(
                      Selector.FULL_CERTIFICATE,
                      MatchingType.SHA256,
                      TlsaSource.of(kp.getPublic())))
          .isInstanceOf(DaneException.class)
          .hasMessageContaining("selector 1");
    }
  }

  @Test
  void badCsrIsRefused() {
    assertThatThrownBy(() -> TlsaSource.ofCsr(new byte[] {1, 2, 3}))
        .isInstanceOf(DaneException.class)
        .hasMessageContaining("PKCS#10");
  }

  @Test
  void smtpRefusesPkixUsages() throws Exception {
    KeyPair kp = TestCerts.keyPair("P-256");
    X509Certificate cert = TestCerts.cert("leaf", kp, "leaf", kp.getPrivate(), false, 1);
    TlsaEndpoint smtp = TlsaEndpoint.tcp(25, Name.fromString("mx1.example."));
    for (CertificateUsage u : List.of(CertificateUsage.PKIX_TA, CertificateUsage.PKIX_EE)) {
      assertThatThrownBy(
              () ->
                  gen.record(
                      smtp,
                      new TlsaRequest(
                          u,
                          Selector.SUBJECT_PUBLIC_KEY_INFO,
                          MatchingType.SHA256,
                          TlsaSource.of(cert))))
          .isInstanceOf(DaneException.class)
          .hasMessageContaining("RFC 7672");
    }
    TLSARecord web =
        gen.record(
            TlsaEndpoint.tcp(443, Name.fromString("www.example.")),
            new TlsaRequest(
                CertificateUsage.PKIX_EE,
                Selector.FULL_CERTIFICATE,
                MatchingType.SHA512,
                TlsaSource.of(cert)));
    assertThat(web.getTTL()).isEqualTo(3600);
    assertThat(web.getCertificateAssociationData()).hasSize(64);
  }

  @Test
  void mailPresetMakesDaneEeAndDaneTaForSentCas() throws Exception {
    KeyPair root = TestCerts.keyPair("P-256");
    KeyPair inter = TestCerts.keyPair("P-256");
    KeyPair leaf = TestCerts.keyPair("RSA");
    X509Certificate interCert = TestCerts.cert("inter", inter, "root", root.getPrivate(), true, 2);
    X509Certificate leafCert = TestCerts.cert("mx", leaf, "inter", inter.getPrivate(), false, 3);
    TlsaResult r =
        gen.mail(
            List.of(leafCert, interCert),
            List.of(Name.fromString("mx1.example."), Name.fromString("mx2.example.")));
    assertThat(r.records()).hasSize(4);
    assertThat(r.records().get(0).getName()).hasToString("_25._tcp.mx1.example.");
    assertThat(rdata(r.records().get(0)))
        .isEqualTo("3 1 1 " + sha256(leaf.getPublic().getEncoded()));
    assertThat(rdata(r.records().get(1)))
        .isEqualTo("2 1 1 " + sha256(inter.getPublic().getEncoded()));
    assertThat(r.records().get(2).getName()).hasToString("_25._tcp.mx2.example.");
    assertThat(r.warnings()).isEmpty();
    assertThat(r.toMasterFile()).contains("_25._tcp.mx1.example.\t3600\tIN\tTLSA\t3 1 1 ");
  }

  @Test
  void mailPresetRefusesWhatIsNotTheSentChain() throws Exception {
    KeyPair root = TestCerts.keyPair("P-256");
    KeyPair other = TestCerts.keyPair("P-256");
    KeyPair leaf = TestCerts.keyPair("P-256");
    X509Certificate leafCert = TestCerts.cert("mx", leaf, "root", root.getPrivate(), false, 3);
    X509Certificate otherCa = TestCerts.cert("other", other, "other", other.getPrivate(), true, 4);
    X509Certificate notCa = TestCerts.cert("root", root, "root", root.getPrivate(), false, 5);
    Name mx = Name.fromString("mx1.example.");
    assertThatThrownBy(() -> gen.mail(List.of(leafCert, otherCa), List.of(mx)))
        .isInstanceOf(DaneException.class)
        .hasMessageContaining("did not issue");
    assertThatThrownBy(() -> gen.mail(List.of(leafCert, notCa), List.of(mx)))
        .hasMessageContaining("not a CA");
    assertThatThrownBy(() -> gen.mail(List.of(), List.of(mx))).hasMessageContaining("empty");
    assertThatThrownBy(() -> gen.mail(List.of(leafCert), List.of(mx), List.of(443), false))
        .hasMessageContaining("not a mail port");
  }

  @Test
  void digestAgilityAndMailPorts() throws Exception {
    KeyPair root = TestCerts.keyPair("P-256");
    KeyPair leaf = TestCerts.keyPair("P-256");
    X509Certificate rootCert = TestCerts.cert("root", root, "root", root.getPrivate(), true, 1);
    X509Certificate leafCert = TestCerts.cert("mx", leaf, "root", root.getPrivate(), false, 2);
    TlsaResult r =
        gen.mail(
            List.of(leafCert, rootCert),
            List.of(Name.fromString("mx1.example.")),
            List.of(25, 587),
            true);
    assertThat(r.records()).hasSize(8);
    assertThat(r.records().subList(0, 4))
        .extracting(
            x -> x.getCertificateUsage() + " " + x.getSelector() + " " + x.getMatchingType())
        .containsExactly("3 1 1", "3 1 2", "2 1 1", "2 1 2");
    assertThat(r.records().get(4).getName()).hasToString("_587._tcp.mx1.example.");
  }

  @Test
  void webPresetAndWarningPastTwelve() throws Exception {
    KeyPair kp = TestCerts.keyPair("P-256");
    X509Certificate cert = TestCerts.cert("www", kp, "www", kp.getPrivate(), false, 1);
    Name www = Name.fromString("www.example.");
    TlsaResult web = gen.web(cert, www);
    assertThat(web.records())
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.getName()).hasToString("_443._tcp.www.example.");
              assertThat(rdata(x)).isEqualTo("3 1 1 " + sha256(kp.getPublic().getEncoded()));
            });
    List<TlsaRequest> many = new java.util.ArrayList<>();
    for (int i = 0; i < 7; i++) {
      many.add(
          new TlsaRequest(
              CertificateUsage.DANE_EE,
              Selector.SUBJECT_PUBLIC_KEY_INFO,
              MatchingType.SHA256,
              TlsaSource.of(TestCerts.keyPair("P-256").getPublic())));
    }
    TlsaResult six = gen.generate(List.of(TlsaEndpoint.tcp(443, www)), many.subList(0, 6));
    assertThat(six.records()).hasSize(6);
    assertThat(six.warnings()).isEmpty();
    many.add(many.get(0).withMatchingType(MatchingType.SHA512));
    TlsaResult big = gen.generate(List.of(TlsaEndpoint.tcp(443, www)), many);
    assertThat(big.records()).hasSize(14);
    assertThat(big.warnings()).singleElement().asString().contains("14 TLSA records");
  }
}
