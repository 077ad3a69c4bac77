package org.zonetrust.dane;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.xbill.DNS.Name;
import org.xbill.DNS.TLSARecord;

/**
 * A small test PKI for the verifier: roots, intermediates and leaves with DNS names (fixed dates).
 */
final class DanePki {
  static final Instant NOT_BEFORE = Instant.parse("2020-01-01T00:00:00Z");
  static final Instant NOT_AFTER = Instant.parse("2099-01-01T00:00:00Z");
  private static final AtomicLong SERIAL = new AtomicLong(100);

  /** A certificate with its key pair. */
  record Issued(KeyPair keys, X509Certificate cert) {}

  private DanePki() {}

  static Issued root(String cn) throws Exception {
    KeyPair k = TestCerts.keyPair("P-256");
    return new Issued(k, build(cn, k, cn, k, true, List.of(), NOT_BEFORE, NOT_AFTER));
  }

  static Issued ca(String cn, Issued issuer) throws Exception {
    KeyPair k = TestCerts.keyPair("P-256");
    return new Issued(
        k, build(cn, k, subjectCn(issuer), issuer.keys(), true, List.of(), NOT_BEFORE, NOT_AFTER));
  }

  static Issued leaf(String kind, List<String> dnsNames, Issued issuer) throws Exception {
    return leaf(kind, dnsNames, issuer, NOT_BEFORE, NOT_AFTER);
  }

  static Issued leaf(
      String kind, List<String> dnsNames, Issued issuer, Instant notBefore, Instant notAfter)
      throws Exception {
    KeyPair k = TestCerts.keyPair(kind);
    String cn = dnsNames.isEmpty() ? "no-dns-name" : dnsNames.get(0);
    return new Issued(
        k, build(cn, k, subjectCn(issuer), issuer.keys(), false, dnsNames, notBefore, notAfter));
  }

  static TLSARecord tlsa(Name owner, int usage, int selector, int mtype, X509Certificate c)
      throws Exception {
    byte[] data = selector == 0 ? c.getEncoded() : c.getPublicKey().getEncoded();
    return new TLSARecord(
        owner,
        1,
        300,
        usage,
        selector,
        mtype,
        org.zonetrust.dane.internal.KeyMaterial.match(mtype, data));
  }

  private static String subjectCn(Issued issuer) {
    return issuer.cert().getSubjectX500Principal().getName().substring("CN=".length());
  }

  private static X509Certificate build(
      String subject,
      KeyPair subjectKeys,
      String issuer,
      KeyPair issuerKeys,
      boolean ca,
      List<String> dnsNames,
      Instant notBefore,
      Instant notAfter)
      throws Exception {
    JcaX509v3CertificateBuilder b =
        new JcaX509v3CertificateBuilder(
            new X500Name("CN=" + issuer),
            BigInteger.valueOf(SERIAL.incrementAndGet()),
            Date.from(notBefore),
            Date.from(notAfter),
            new X500Name("CN=" + subject),
            subjectKeys.getPublic());
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
    if (ca) {
      b.addExtension(
          Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    }
    if (!dnsNames.isEmpty()) {
      GeneralName[] names =
          dnsNames.stream()
              .map(n -> new GeneralName(GeneralName.dNSName, n))
              .toArray(GeneralName[]::new);
      b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
    }
    return new JcaX509CertificateConverter()
        .getCertificate(
            b.build(
                new JcaContentSignerBuilder(TestCerts.sigAlg(issuerKeys.getPrivate()))
                    .build(issuerKeys.getPrivate())));
  }
}
