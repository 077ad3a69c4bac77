package org.zonetrust.acme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CertificateRequestTest {

  @Test
  void normalisesNamesAndDerivesTheId() {
    CertificateRequest r =
        CertificateRequest.builder().names("*.Example.COM.", "example.com").build();
    assertThat(r.names()).containsExactly("*.example.com", "example.com");
    assertThat(r.id()).isEqualTo("_.example.com");
    assertThat(r.preferredIssuerName()).isEmpty();
    assertThat(r.profileName()).isEmpty();
  }

  @Test
  void keepsOptions() {
    CertificateRequest r =
        CertificateRequest.builder()
            .names("www.example.com")
            .id("site-42")
            .preferredIssuer("ISRG Root X1")
            .profile("tlsserver")
            .build();
    assertThat(r.id()).isEqualTo("site-42");
    assertThat(r.preferredIssuerName()).contains("ISRG Root X1");
    assertThat(r.profileName()).contains("tlsserver");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "com",
        "*.*.example.com",
        "a..example.com",
        "www.*.example.com",
        "-a.example.com",
        "exa_mple.com",
        "*",
        "ex ample.com",
        "bücher.example"
      })
  void rejectsInvalidNames(String name) {
    assertThatThrownBy(() -> CertificateRequest.builder().names(name).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(name.toLowerCase(java.util.Locale.ROOT));
  }

  @Test
  void rejectsDuplicatesEmptyAndTooMany() {
    assertThatThrownBy(() -> CertificateRequest.builder().names("a.example", "A.example.").build())
        .hasMessageContaining("listed twice");
    assertThatThrownBy(() -> CertificateRequest.builder().build())
        .hasMessageContaining("at least one name");
    List<String> many = new ArrayList<>();
    for (int i = 0; i <= CertificateRequest.MAX_NAMES; i++) {
      many.add("n" + i + ".example.com");
    }
    assertThatThrownBy(() -> CertificateRequest.builder().names(many).build())
        .hasMessageContaining("at most 100");
  }

  @ParameterizedTest
  @ValueSource(strings = {"..", "a/b", "", "x y"})
  void rejectsUnsafeIds(String id) {
    assertThatThrownBy(() -> CertificateRequest.builder().names("a.example").id(id).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("certificate id");
  }

  @Test
  void replacesAndSuppliedKey() throws Exception {
    java.security.KeyPair kp =
        org.zonetrust.acme.internal.CertificateKeys.generate(CertificateKeyType.EC_P384);
    CertificateRequest r =
        CertificateRequest.builder()
            .names("a.example")
            .replaces("aYhba4dGQEHhs3uEe6CuLN4ByNQ.AIdlQyE")
            .keyPair(kp)
            .build();
    assertThat(r.replacesCertId()).contains("aYhba4dGQEHhs3uEe6CuLN4ByNQ.AIdlQyE");
    assertThat(r.keyPair()).isSameAs(kp);
    assertThat(r.toString())
        .contains("replaces=aYhba4dGQEHhs3uEe6CuLN4ByNQ.AIdlQyE", "keyPair=<supplied>")
        .doesNotContain("Private");
    assertThatThrownBy(
            () -> CertificateRequest.builder().names("a.example").replaces("x y").build())
        .hasMessageContaining("ARI CertID");
  }

  @Test
  void keyTypeOfAPublicKey() throws Exception {
    for (CertificateKeyType t :
        new CertificateKeyType[] {
          CertificateKeyType.EC_P256, CertificateKeyType.EC_P384, CertificateKeyType.RSA_2048
        }) {
      assertThat(
              CertificateKeyType.of(
                  org.zonetrust.acme.internal.CertificateKeys.generate(t).getPublic()))
          .isEqualTo(t);
    }
    java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("RSA");
    g.initialize(1024);
    java.security.KeyPair weak = g.generateKeyPair();
    assertThatThrownBy(() -> CertificateRequest.builder().names("a.example").keyPair(weak).build())
        .hasMessageContaining("2048, 3072 or 4096");
  }
}
