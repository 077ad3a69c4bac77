package org.zonetrust.dnssec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class KeyRolloverPolicyTest {

  @Test
  void presetsBuild() {
    assertThat(KeyRolloverPolicy.defaults().zskMethod()).isEqualTo(RolloverMethod.PRE_PUBLICATION);
    assertThat(KeyRolloverPolicy.defaults().lifetime(KeyRole.ZSK)).isEqualTo(Duration.ofDays(30));
    assertThat(KeyRolloverPolicy.defaultsCsk().csk()).isTrue();
    assertThat(KeyRolloverPolicy.fast().dnskeyTtl()).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void refusesARefreshThatDoesNotCoverSoaExpirePlusTheLargestTtl() {
    KeyRolloverPolicy.Builder b =
        KeyRolloverPolicy.builder()
            .soaExpire(Duration.ofDays(7))
            .dnskeyTtl(Duration.ofDays(2))
            .signatureValidity(
                SignatureValidity.of(
                    Duration.ofDays(21), Duration.ofHours(1), Duration.ZERO, Duration.ofDays(9)));
    assertThatThrownBy(b::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("signature refresh (9d of validity left)")
        .hasMessageContaining("SOA expire (7d)")
        .hasMessageContaining("DNSKEY included (2d)")
        .hasMessageContaining("at least 9d 1h 5m");
  }

  @Test
  void refusesALifetimeShorterThanTheShortestRollover() {
    Duration shortest = KeyRolloverPolicy.defaults().shortestRollover(KeyRole.ZSK);
    assertThat(shortest).isEqualTo(Duration.ofHours(29).plusMinutes(15));
    assertThatThrownBy(
            () -> KeyRolloverPolicy.builder().zskLifetime(shortest.minusSeconds(1)).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the ZSK lifetime (1d 5h 14m 59s)")
        .hasMessageContaining("= 1d 5h 15m");
    assertThat(KeyRolloverPolicy.builder().zskLifetime(shortest).build().lifetime(KeyRole.ZSK))
        .isEqualTo(shortest);
  }

  @Test
  void refusesMethodsOfTheOtherRole() {
    assertThatThrownBy(() -> KeyRolloverPolicy.builder().zskMethod(RolloverMethod.DOUBLE_DS))
        .hasMessageContaining("KSK method");
    assertThatThrownBy(() -> KeyRolloverPolicy.builder().kskMethod(RolloverMethod.PRE_PUBLICATION))
        .hasMessageContaining("ZSK method");
  }
}
