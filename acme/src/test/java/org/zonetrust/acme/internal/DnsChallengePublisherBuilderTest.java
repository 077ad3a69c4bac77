package org.zonetrust.acme.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Name;
import org.zonetrust.core.dns.DnsUpdateException;
import org.zonetrust.core.dns.DnsUpdateException.Reason;
import org.zonetrust.core.dns.PropagationChecker;
import org.zonetrust.core.state.FileStateStore;

class DnsChallengePublisherBuilderTest {

  @Test
  void namesWhatIsMissingOrInvalid(@TempDir Path dir) throws Exception {
    assertThatThrownBy(() -> DnsChallengePublisher.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("stateStore is required");
    try (PropagationChecker checker = PropagationChecker.builder().build()) {
      DnsChallengePublisherBuilder b =
          DnsChallengePublisher.builder()
              .stateStore(FileStateStore.open(dir, Clock.systemUTC()))
              .propagationChecker(checker);
      assertThatThrownBy(b::build).hasMessageContaining("dnsUpdater is required");
      b.dnsUpdater(update -> {});
      assertThat(b.build()).isNotNull();
      assertThatThrownBy(() -> b.txtTtl(Duration.ofMillis(1500)).build())
          .hasMessageContaining("txtTtl must be a positive whole number of seconds");
      b.txtTtl(Duration.ofMinutes(1));
      assertThatThrownBy(
              () ->
                  b.aliases(Map.of(Name.fromConstantString("a.test."), Name.fromString("relative")))
                      .build())
          .hasMessageContaining("absolute");
      b.aliases(Map.of());
      assertThatThrownBy(() -> b.recoverOtherHostsAfter(Duration.ZERO).build())
          .hasMessageContaining("recoverOtherHostsAfter must be positive");
    }
  }

  @Test
  void onlyAnAnswerThatProvesFailureCountsAsNotApplied() {
    assertThat(DnsChallengePublisher.notApplied(failure(Reason.TSIG_REJECTED, "BADSIG"))).isTrue();
    assertThat(DnsChallengePublisher.notApplied(failure(Reason.TSIG_REJECTED, "NOERROR")))
        .isFalse();
    assertThat(DnsChallengePublisher.notApplied(failure(Reason.REFUSED, "REFUSED"))).isTrue();
    assertThat(DnsChallengePublisher.notApplied(failure(Reason.TIMEOUT, null))).isFalse();
    assertThat(DnsChallengePublisher.notApplied(failure(Reason.BAD_RESPONSE, null))).isFalse();
  }

  private static DnsUpdateException failure(Reason reason, String rcode) {
    return new DnsUpdateException("a.test.", "127.0.0.1:53", reason, rcode, "x", null);
  }
}
