package org.zonetrust.registrar.email.internal;

import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Test keys and certificates made with Bouncy Castle (no files from elsewhere). */
final class TestPki {
  static final String KEY_PASSWORD = "key-pass-not-secret";

  final KeyPair keyPair;
  final X509Certificate certificate;

  private TestPki(KeyPair keyPair, X509Certificate certificate) {
    this.keyPair = keyPair;
    this.certificate = certificate;
  }

  /** An EC P-256 key with a self-signed certificate for a subject and alternative names. */
  static TestPki selfSigned(String cn, GeneralName... altNames) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair kp = g.generateKeyPair();
    Instant from = Instant.parse("2026-01-01T00:00:00Z");
    X500Name name = new X500Name("CN=" + cn);
    JcaX509v3CertificateBuilder b =
        new JcaX509v3CertificateBuilder(
            name,
            BigInteger.valueOf(from.getEpochSecond()),
            Date.from(from),
            Date.from(from.plus(3650, ChronoUnit.DAYS)),
            name,
            kp.getPublic());
    if (altNames.length > 0) {
      b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(altNames));
    }
    X509Certificate cert =
        new JcaX509CertificateConverter()
            .getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(kp.getPrivate())));
    return new TestPki(kp, cert);
  }

  /** A certificate for the SMTP server on loopback. */
  static TestPki loopbackServer() throws Exception {
    return selfSigned(
        "localhost",
        new GeneralName(GeneralName.dNSName, "localhost"),
        new GeneralName(GeneralName.iPAddress, "127.0.0.1"));
  }

  /** A PKCS#12 store holding the key and certificate under an alias. */
  KeyStore keyStore(String alias) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setKeyEntry(
        alias, keyPair.getPrivate(), KEY_PASSWORD.toCharArray(), new Certificate[] {certificate});
    return ks;
  }

  /** A store trusting only this certificate. */
  KeyStore trustStore() throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setCertificateEntry("trusted", certificate);
    return ks;
  }

  /** Writes {@link #keyStore} to a file (for GreenMail's TLS server). */
  Path writeKeyStore(Path file, String alias) throws Exception {
    try (OutputStream out = Files.newOutputStream(file)) {
      keyStore(alias).store(out, KEY_PASSWORD.toCharArray());
    }
    return file;
  }
}
