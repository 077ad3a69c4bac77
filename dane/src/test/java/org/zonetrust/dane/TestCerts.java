package org.zonetrust.dane;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/** Test certificates made with Bouncy Castle (fixed validity, no clock). */
final class TestCerts {
  private static final Instant NOT_BEFORE = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant NOT_AFTER = Instant.parse("2027-01-01T00:00:00Z");

  private TestCerts() {}

  static KeyPair keyPair(String kind) throws Exception {
    return switch (kind) {
      case "RSA" -> {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        yield g.generateKeyPair();
      }
      case "P-256", "P-384" -> {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec(kind.equals("P-256") ? "secp256r1" : "secp384r1"));
        yield g.generateKeyPair();
      }
      case "Ed25519" -> KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
      default -> throw new IllegalArgumentException(kind);
    };
  }

  static String sigAlg(PrivateKey signer) {
    return switch (signer.getAlgorithm()) {
      case "RSA" -> "SHA256withRSA";
      case "EC" -> "SHA256withECDSA";
      default -> "Ed25519";
    };
  }

  static X509Certificate cert(
      String subject,
      KeyPair subjectKeys,
      String issuer,
      PrivateKey issuerKey,
      boolean ca,
      long serial)
      throws Exception {
    JcaX509v3CertificateBuilder b =
        new JcaX509v3CertificateBuilder(
            new X500Name("CN=" + issuer),
            BigInteger.valueOf(serial),
            Date.from(NOT_BEFORE),
            Date.from(NOT_AFTER),
            new X500Name("CN=" + subject),
            subjectKeys.getPublic());
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
    return new JcaX509CertificateConverter()
        .getCertificate(b.build(new JcaContentSignerBuilder(sigAlg(issuerKey)).build(issuerKey)));
  }

  static byte[] csr(KeyPair keys) throws Exception {
    return new JcaPKCS10CertificationRequestBuilder(
            new X500Name("CN=mx1.example"), keys.getPublic())
        .build(new JcaContentSignerBuilder(sigAlg(keys.getPrivate())).build(keys.getPrivate()))
        .getEncoded();
  }

  static String pem(X509Certificate c) throws Exception {
    return "-----BEGIN CERTIFICATE-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(c.getEncoded())
        + "\n-----END CERTIFICATE-----\n";
  }
}
