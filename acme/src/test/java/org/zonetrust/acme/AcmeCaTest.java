package org.zonetrust.acme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.security.KeyStore;
import org.junit.jupiter.api.Test;

class AcmeCaTest {
  @Test
  void presets() {
    assertThat(AcmeCa.letsEncrypt().directory())
        .isEqualTo(URI.create("https://acme-v02.api.letsencrypt.org/directory"));
    assertThat(AcmeCa.letsEncryptStaging().directory())
        .isEqualTo(URI.create("https://acme-staging-v02.api.letsencrypt.org/directory"));
    assertThat(AcmeCa.letsEncrypt().trustStore()).isEmpty();
  }

  @Test
  void customDirectoryWithTrustStore() throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    AcmeCa ca = AcmeCa.of(URI.create("https://127.0.0.1:14000/dir"), ks);
    assertThat(ca.trustStore()).containsSame(ks);
    assertThat(ca.toString()).contains("https://127.0.0.1:14000/dir", "custom trust store");
  }

  @Test
  void rejectsPlainHttpOffLoopbackAndRelativeUrls() {
    assertThatThrownBy(() -> AcmeCa.of(URI.create("http://acme.example/dir"), null))
        .hasMessageContaining("https");
    assertThatThrownBy(() -> AcmeCa.of(URI.create("/dir"), null)).hasMessageContaining("absolute");
    assertThat(AcmeCa.of(URI.create("http://127.0.0.1:4001/dir"), null).directory().getPort())
        .isEqualTo(4001);
  }
}
