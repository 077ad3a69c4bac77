package org.zonetrust.acme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.security.KeyPairGenerator;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class AcmeAccountTest {
  private static final String HMAC =
      Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(
              "very-secret-hmac-key-0123456789"
                  .getBytes(java.nio.charset.StandardCharsets.US_ASCII));

  @Test
  void keepsSettingsAndHidesSecrets() throws Exception {
    AcmeAccount a =
        AcmeAccount.builder()
            .contact("mailto:ops@example.com")
            .agreeToTermsOfService(true)
            .externalAccountBinding("kid-1", HMAC)
            .keyPair(KeyPairGenerator.getInstance("EC").generateKeyPair())
            .build();
    assertThat(a.contacts()).containsExactly(URI.create("mailto:ops@example.com"));
    assertThat(a.agreesToTermsOfService()).isTrue();
    assertThat(a.externalAccountKeyId()).contains("kid-1");
    assertThat(a.hasSuppliedKeyPair()).isTrue();
    assertThat(a.eabHmacKey())
        .isEqualTo(
            "very-secret-hmac-key-0123456789".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    assertThat(a.toString()).contains("kid-1").doesNotContain(HMAC).doesNotContain("very-secret");
  }

  @Test
  void acceptsStandardBase64Too() {
    String std = Base64.getEncoder().encodeToString(new byte[] {(byte) 0xfb, (byte) 0xff, 1});
    AcmeAccount a = AcmeAccount.builder().externalAccountBinding("k", std).build();
    assertThat(a.eabHmacKey()).containsExactly((byte) 0xfb, (byte) 0xff, 1);
  }

  @Test
  void rejectsBadInputWithoutEchoingTheKey() {
    assertThatThrownBy(() -> AcmeAccount.builder().contact("ops@example.com"))
        .hasMessageContaining("mailto:");
    assertThatThrownBy(() -> AcmeAccount.builder().externalAccountBinding("kid", "s3cr3t!!%%"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("kid")
        .hasMessageNotContaining("s3cr3t");
    assertThatThrownBy(() -> AcmeAccount.builder().externalAccountBinding(" ", HMAC))
        .hasMessageContaining("key id");
  }
}
