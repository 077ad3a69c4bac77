package org.zonetrust.acme.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import org.junit.jupiter.api.Test;
import org.zonetrust.acme.CertificateKeyType;

class KeyPairPemTest {
  @Test
  void roundTripsEcAndRsa() {
    for (CertificateKeyType t :
        new CertificateKeyType[] {CertificateKeyType.EC_P256, CertificateKeyType.RSA_2048}) {
      KeyPair kp = CertificateKeys.generate(t);
      KeyPair back = KeyPairPem.decode(KeyPairPem.encode(kp), "k");
      assertThat(back.getPublic()).isEqualTo(kp.getPublic());
      assertThat(back.getPrivate()).isEqualTo(kp.getPrivate());
    }
    KeyPair account = AccountLogin.generateAccountKey();
    assertThat(KeyPairPem.decode(KeyPairPem.encode(account), "k").getPublic())
        .isEqualTo(account.getPublic());
  }

  @Test
  void rejectsGarbageWithoutShowingIt() {
    assertThatThrownBy(
            () ->
                KeyPairPem.decode(
                    "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"
                        .getBytes(StandardCharsets.US_ASCII),
                    "acme/accounts/x/key"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("acme/accounts/x/key")
        .hasMessageNotContaining("AAAA");
  }
}
