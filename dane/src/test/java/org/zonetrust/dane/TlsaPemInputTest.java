package org.zonetrust.dane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringWriter;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.util.io.pem.PemObject;
import org.junit.jupiter.api.Test;

class TlsaPemInputTest {

  static String pem(Object o) throws Exception {
    StringWriter w = new StringWriter();
    try (JcaPEMWriter p = new JcaPEMWriter(w)) {
      p.writeObject(o);
    }
    return w.toString();
  }

  @Test
  void readsEachFormAndKeepsOnlyPublicData() throws Exception {
    KeyPair caKeys = TestCerts.keyPair("P-256");
    KeyPair leafKeys = TestCerts.keyPair("RSA");
    X509Certificate ca = TestCerts.cert("CA", caKeys, "CA", caKeys.getPrivate(), true, 1);
    X509Certificate leaf = TestCerts.cert("mx1", leafKeys, "CA", caKeys.getPrivate(), false, 2);
    TlsaSource expected = TlsaSource.of(leaf);

    TlsaPemInput chain =
        TlsaPemInput.parse(pem(leaf) + pem(ca) + pem(leafKeys.getPrivate()), "full.pem");
    assertThat(chain.kind()).isEqualTo(TlsaPemInput.Kind.CERTIFICATE_CHAIN);
    assertThat(chain.chain()).containsExactly(leaf, ca);
    assertThat(chain.source().hasCertificate()).isTrue();

    TlsaPemInput pub = TlsaPemInput.parse(pem(leafKeys.getPublic()), "k.pub");
    assertThat(pub.kind()).isEqualTo(TlsaPemInput.Kind.PUBLIC_KEY);
    assertThat(pub.source().sameKey(expected)).isTrue();

    TlsaPemInput priv = TlsaPemInput.parse(pem(leafKeys.getPrivate()), "k.key");
    assertThat(priv.kind()).isEqualTo(TlsaPemInput.Kind.PRIVATE_KEY);
    assertThat(priv.source().sameKey(expected)).isTrue();
    String secret =
        java.util.Base64.getEncoder().encodeToString(leafKeys.getPrivate().getEncoded());
    assertThat(priv.toString()).doesNotContain(secret.substring(40, 80));

    TlsaPemInput csr =
        TlsaPemInput.parse(
            pem(new PemObject("CERTIFICATE REQUEST", TestCerts.csr(leafKeys))), "k.csr");
    assertThat(csr.kind()).isEqualTo(TlsaPemInput.Kind.CERTIFICATE_REQUEST);
    assertThat(csr.source().sameKey(expected)).isTrue();
  }

  @Test
  void refusesWhatItCannotUse() throws Exception {
    assertThatThrownBy(() -> TlsaPemInput.parse("hello\n", "x.pem"))
        .isInstanceOf(DaneException.class)
        .hasMessageContaining("x.pem holds no PEM");
    KeyPair a = TestCerts.keyPair("P-256");
    KeyPair b = TestCerts.keyPair("P-256");
    assertThatThrownBy(() -> TlsaPemInput.parse(pem(a.getPublic()) + pem(b.getPublic()), "two"))
        .hasMessageContaining("holds 2 keys or CSRs");
    String broken = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n";
    assertThatThrownBy(() -> TlsaPemInput.parse(broken, "bad.pem"))
        .isInstanceOf(DaneException.class)
        .hasMessageContaining("bad.pem: PEM object 1 cannot be read");
  }
}
