package org.zonetrust.dane;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.net.InetAddress;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;
import org.zonetrust.testbed.PostfixServer;
import org.zonetrust.testbed.Testbed;
import org.zonetrust.testbed.WithTestbed;
import org.zonetrust.testbed.tls.Mail;
import org.zonetrust.testbed.tls.StartTlsServer;
import org.zonetrust.testbed.tls.StartTlsServer.Protocol;

/**
 * A real Postfix with {@code smtp_tls_security_level = dane}, resolving through a validating
 * Unbound, delivers to an SMTP server whose TLSA (made by {@link TlsaGenerator}) matches, and
 * defers when the TLSA names another key or its signature is bogus.
 */
@WithTestbed
class PostfixDaneIT {
  /** Not 127.0.0.1: Postfix listens there and would call the MX itself ("loops back to myself"). */
  private static final String MX_ADDRESS = "127.0.0.2";

  private static final List<String> MX = List.of("@ 60 IN MX 10 mx", "mx 60 IN A " + MX_ADDRESS);
  private static final Duration WAIT = Duration.ofSeconds(30);

  @Test
  void postfixDeliversOnlyWhenTheValidatedTlsaMatches(Testbed testbed) throws Exception {
    SignedTestZone ee = SignedTestZone.serve(testbed, "pf-ee", MX);
    SignedTestZone ta = SignedTestZone.serve(testbed, "pf-ta", MX);
    SignedTestZone other = SignedTestZone.serve(testbed, "pf-other", MX);
    SignedTestZone bogus = SignedTestZone.serve(testbed, "pf-bogus", MX);
    List<SignedTestZone> zones = List.of(ee, ta, other, bogus);

    KeyPair caKeys = TestCerts.keyPair("P-256");
    X509Certificate ca = certificate(caKeys, "Postfix IT CA", List.of(), caKeys.getPrivate());
    KeyPair leafKeys = TestCerts.keyPair("P-256");
    List<String> mxNames = new ArrayList<>();
    for (SignedTestZone zone : zones) {
      mxNames.add(zone.name("mx").toString(true));
    }
    X509Certificate leaf = certificate(leafKeys, mxNames.get(0), mxNames, caKeys.getPrivate());
    KeyPair otherKeys = TestCerts.keyPair("P-256");

    try (StartTlsServer smtp =
        StartTlsServer.start(
            Protocol.SMTP,
            leafKeys.getPrivate(),
            List.of(leaf, ca),
            InetAddress.getByName(MX_ADDRESS))) {
      int port = smtp.port();
      TlsaSource leafKey = TlsaSource.of(leaf);
      ee.replace(withTlsa(ee, port, CertificateUsage.DANE_EE, leafKey));
      ta.replace(withTlsa(ta, port, CertificateUsage.DANE_TA, TlsaSource.of(ca)));
      other.replace(
          withTlsa(other, port, CertificateUsage.DANE_EE, TlsaSource.of(otherKeys.getPublic())));
      bogus.corrupt(
          withTlsa(bogus, port, CertificateUsage.DANE_EE, leafKey),
          "_" + port + "._tcp.mx",
          Type.TLSA);

      Map<String, Integer> routes = new LinkedHashMap<>();
      zones.forEach(zone -> routes.put(zone.origin().toString(), port));
      try (PostfixServer postfix = testbed.startPostfix(routes)) {
        String eeId = submit(postfix, ee);
        String taId = submit(postfix, ta);
        String otherId = submit(postfix, other);
        String bogusId = submit(postfix, bogus);

        postfix.awaitLog(eeId + ": to=<" + recipient(ee) + ">.*status=sent", WAIT);
        postfix.awaitLog(taId + ": to=<" + recipient(ta) + ">.*status=sent", WAIT);
        String otherLine = postfix.awaitLog(otherId + ": to=.*status=deferred", WAIT);
        String bogusLine = postfix.awaitLog(bogusId + ": to=.*status=deferred", WAIT);

        List<Mail> mails = smtp.awaitMails(2, WAIT);
        assertThat(mails)
            .flatExtracting(Mail::recipients)
            .containsExactlyInAnyOrder(recipient(ee), recipient(ta));
        assertThat(mails).allSatisfy(m -> assertThat(m.data()).contains("DANE test"));
        String log = postfix.log();
        assertThat(log)
            .contains("Verified TLS connection established to " + ee.name("mx").toString(true))
            .contains("Verified TLS connection established to " + ta.name("mx").toString(true));

        assertThat(otherLine).as(log).contains("Server certificate not verified");
        assertThat(log).contains("no matching DANE TLSA records");
        assertThat(postfix.delayReason(otherId))
            .hasValueSatisfying(r -> assertThat(r).contains("Server certificate not verified"));
        assertThat(bogusLine).as(log).containsIgnoringCase("TLSA");
        assertThat(postfix.delayReason(bogusId))
            .hasValueSatisfying(r -> assertThat(r).containsIgnoringCase("TLSA"));
        assertThat(postfix.delayReason(eeId)).isEmpty();
        assertThat(smtp.received()).hasSize(2);
      }
    }
  }

  private static String recipient(SignedTestZone zone) {
    return "user@" + zone.origin().toString(true);
  }

  private static String submit(PostfixServer postfix, SignedTestZone zone) {
    return postfix.submit(
        "sender@zonetrust.invalid", recipient(zone), "DANE test", "DANE test for " + zone.origin());
  }

  /** The MX records plus one {@code x 1 1} TLSA for the MX host at the port. */
  private static List<String> withTlsa(
      SignedTestZone zone, int port, CertificateUsage usage, TlsaSource source)
      throws DaneException {
    List<String> lines = new ArrayList<>(MX);
    lines.add(
        TlsaGenerator.withTtl(Duration.ofMinutes(1))
            .record(
                TlsaEndpoint.tcp(port, zone.name("mx")),
                new TlsaRequest(
                    usage, Selector.SUBJECT_PUBLIC_KEY_INFO, MatchingType.SHA256, source))
            .toString());
    return lines;
  }

  /**
   * A CA certificate (no names) or a leaf for the MX names (DANE-TA makes Postfix check the name),
   * issued by "Postfix IT CA", valid 2025 to 2035 (Postfix checks validity under DANE-TA).
   */
  private static X509Certificate certificate(
      KeyPair keys, String subject, List<String> names, PrivateKey caKey) throws Exception {
    boolean isCa = names.isEmpty();
    JcaX509v3CertificateBuilder b =
        new JcaX509v3CertificateBuilder(
            new X500Name("CN=Postfix IT CA"),
            BigInteger.valueOf(isCa ? 1 : 2),
            Date.from(Instant.parse("2025-01-01T00:00:00Z")),
            Date.from(Instant.parse("2035-01-01T00:00:00Z")),
            new X500Name("CN=" + subject),
            keys.getPublic());
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
    if (!isCa) {
      GeneralName[] san = new GeneralName[names.size()];
      for (int i = 0; i < san.length; i++) {
        san[i] = new GeneralName(GeneralName.dNSName, names.get(i));
      }
      b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(san));
    }
    return new JcaX509CertificateConverter()
        .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKey)));
  }
}
