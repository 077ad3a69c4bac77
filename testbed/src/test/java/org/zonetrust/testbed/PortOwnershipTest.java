package org.zonetrust.testbed;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PortOwnershipTest {
  private static final List<String> DNS = BindServer.dnsSockets();

  private static final String OURS =
      String.join(
          "\n",
          "udp   UNCONN 0      0          127.0.0.1:27553      0.0.0.0:*    users:((\"knotd\",pid=8599,fd=20))",
          "udp   UNCONN 0      0              [::1]:27553         [::]:*    users:((\"knotd\",pid=8599,fd=21))",
          "tcp   LISTEN 0      128        127.0.0.1:27553      0.0.0.0:*    users:((\"knotd\",pid=8599,fd=22))",
          "tcp   LISTEN 0      128            [::1]:27553         [::]:*    users:((\"knotd\",pid=8599,fd=23))",
          "");

  @Test
  void acceptsSocketsThatAllBelongToOurProcess() {
    assertThatCode(() -> PortOwnership.check(OURS, 8599, 27553, "knotd", DNS))
        .doesNotThrowAnyException();
  }

  @Test
  void rejectsASocketOfAnotherProcessSharingThePort() {
    String shared =
        OURS
            + "udp   UNCONN 0      0          127.0.0.1:27553      0.0.0.0:*    users:((\"named\",pid=777,fd=5))\n";
    assertThatThrownBy(() -> PortOwnership.check(shared, 8599, 27553, "knotd", DNS))
        .isInstanceOf(PortOwnership.PortCollisionException.class)
        .hasMessageContaining("shared with another process")
        .hasMessageContaining("pid=777");
  }

  @Test
  void rejectsASocketWhoseOwnerIsNotVisible() {
    String hidden = OURS + "tcp   LISTEN 0      128        127.0.0.1:27553      0.0.0.0:*\n";
    assertThatThrownBy(() -> PortOwnership.check(hidden, 8599, 27553, "knotd", DNS))
        .isInstanceOf(PortOwnership.PortCollisionException.class);
  }

  @Test
  void rejectsAMissingSocket() {
    String v4only = OURS.lines().filter(l -> !l.contains("::1")).reduce("", (a, b) -> a + b + "\n");
    assertThatThrownBy(() -> PortOwnership.check(v4only, 8599, 27553, "knotd", DNS))
        .isInstanceOf(PortOwnership.PortCollisionException.class)
        .hasMessageContaining("udp [::1]");
  }

  @Test
  void ignoresOtherPortsThatOnlyShareADigitPrefix() {
    String other =
        OURS
            + "tcp   LISTEN 0      128        127.0.0.1:127553      0.0.0.0:*    users:((\"x\",pid=1,fd=1))\n";
    assertThatCode(() -> PortOwnership.check(other, 8599, 27553, "knotd", DNS))
        .doesNotThrowAnyException();
  }

  @Test
  void onPort53OnlyTheResolversOwnAddressAndWildcardsCount() {
    List<String> mine = List.of("udp 127.0.0.42", "tcp 127.0.0.42");
    String ss =
        String.join(
            "\n",
            "udp   UNCONN 0      0         127.0.0.42:53      0.0.0.0:*    users:((\"unbound\",pid=10,fd=3))",
            "tcp   LISTEN 0      128       127.0.0.42:53      0.0.0.0:*    users:((\"unbound\",pid=10,fd=4))",
            "udp   UNCONN 0      0         127.0.0.11:53      0.0.0.0:*    users:((\"dockerd\",pid=99,fd=5))",
            "");
    assertThatCode(() -> PortOwnership.check(ss, 10, 53, "unbound", mine, true))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> PortOwnership.check(ss, 10, 53, "unbound", mine, false))
        .isInstanceOf(PortOwnership.PortCollisionException.class);
    String wildcard =
        ss
            + "udp   UNCONN 0      0         0.0.0.0:53      0.0.0.0:*    users:((\"named\",pid=7,fd=5))\n";
    assertThatThrownBy(() -> PortOwnership.check(wildcard, 10, 53, "unbound", mine, true))
        .isInstanceOf(PortOwnership.PortCollisionException.class)
        .hasMessageContaining("pid=7");
  }
}
