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
}
