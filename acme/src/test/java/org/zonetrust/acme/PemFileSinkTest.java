package org.zonetrust.acme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.stream.Stream;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zonetrust.acme.internal.CertificateKeys;

class PemFileSinkTest {
  @TempDir Path dir;

  static X509Certificate cert(String cn, KeyPair subject, KeyPair issuer, String issuerCn)
      throws Exception {
    return new JcaX509CertificateConverter()
        .getCertificate(
            new JcaX509v3CertificateBuilder(
                    new X500Name("CN=" + issuerCn),
                    BigInteger.valueOf(cn.hashCode() & 0xffff),
                    Date.from(Instant.parse("2026-01-01T00:00:00Z")),
                    Date.from(Instant.parse("2026-04-01T00:00:00Z")),
                    new X500Name("CN=" + cn),
                    subject.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.getPrivate())));
  }

  static CertificateDelivery delivery(String id) throws Exception {
    KeyPair ca = CertificateKeys.generate(CertificateKeyType.EC_P256);
    KeyPair leafKey = CertificateKeys.generate(CertificateKeyType.EC_P256);
    return new CertificateDelivery(
        id,
        List.of("example.test"),
        List.of(cert("example.test", leafKey, ca, "Test CA"), cert("Test CA", ca, ca, "Test CA")),
        leafKey.getPrivate(),
        CertificateKeyType.EC_P256);
  }

  @Test
  void writesFourFilesWithTheKeyOwnerOnly() throws Exception {
    CertificateDelivery d = delivery("example.test");
    PemFileSink sink = new PemFileSink(dir.resolve("certs"));
    sink.deliver(d);

    Path out = sink.directoryOf("example.test");
    assertThat(TestPem.read(out.resolve("cert.pem"))).containsExactly(d.leaf());
    assertThat(TestPem.read(out.resolve("chain.pem"))).containsExactly(d.chain().get(1));
    assertThat(TestPem.read(out.resolve("fullchain.pem"))).isEqualTo(d.chain());
    String key = Files.readString(out.resolve("privkey.pem"));
    assertThat(Base64.getMimeDecoder().decode(key.replaceAll("-----[A-Z ]+-----", "")))
        .isEqualTo(d.privateKey().getEncoded());
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(out.resolve("privkey.pem"))))
        .isEqualTo("rw-------");
    assertThat(
            PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve("cert.pem"))))
        .isEqualTo("rw-r--r--");
    try (Stream<Path> files = Files.list(out)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("cert.pem", "chain.pem", "fullchain.pem", "privkey.pem");
    }
  }

  @Test
  void redeliveryReplacesAtomicallyAndIsIdempotent() throws Exception {
    PemFileSink sink = new PemFileSink(dir);
    sink.deliver(delivery("site"));
    CertificateDelivery second = delivery("site");
    sink.deliver(second);
    byte[] once = Files.readAllBytes(dir.resolve("site/fullchain.pem"));
    sink.deliver(second);
    assertThat(Files.readAllBytes(dir.resolve("site/fullchain.pem"))).isEqualTo(once);
    assertThat(TestPem.read(dir.resolve("site/cert.pem"))).containsExactly(second.leaf());
    try (Stream<Path> files = Files.list(dir.resolve("site"))) {
      assertThat(files).noneMatch(p -> p.getFileName().toString().endsWith(".tmp"));
    }
  }

  @Test
  void deliveryNeverShowsTheKey() throws Exception {
    CertificateDelivery d = delivery("x");
    String encoded = Base64.getEncoder().encodeToString(d.privateKey().getEncoded());
    assertThat(d.toString())
        .contains("privateKey=<hidden>")
        .doesNotContain(encoded.substring(0, 20));
  }

  @Test
  void refusesAnIdThatLeavesTheDirectory() throws Exception {
    CertificateDelivery d = delivery("ok");
    CertificateDelivery evil =
        new CertificateDelivery("..", d.names(), d.chain(), d.privateKey(), d.keyType());
    assertThatThrownBy(() -> new PemFileSink(dir.resolve("base")).deliver(evil))
        .hasMessageContaining("escapes");
  }
}
