package org.zonetrust.acme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RenewalPolicyTest {
  private static final Instant NB = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant NA = NB.plus(Duration.ofDays(90));
  private static final Instant NOW = NB.plus(Duration.ofDays(1));

  private final RenewalPolicy policy = RenewalPolicy.builder().random(new Random(7)).build();

  private static CertificateRecord cert() {
    return CertificateRecord.of("shop", List.of("shop.test", "*.shop.test"), NB, NA, "aki.serial");
  }

  @Test
  void withoutAriRenewsWithAThirdOfTheLifetimeLeftMinusAtMostOneDayOfJitter() {
    Instant planned = policy.plan(cert()).plannedRenewal();
    Instant third = NA.minus(Duration.ofDays(30));
    assertThat(RenewalPolicy.oneThirdRemaining(NB, NA)).isEqualTo(third);
    assertThat(planned).isBetween(third.minus(Duration.ofDays(1)), third);
    assertThat(policy.ariBased(cert())).isFalse();
  }

  @Test
  void withAriPicksAPointInsideTheWindowOnceAndKeepsIt() {
    RenewalWindow w = new RenewalWindow(NB.plus(Duration.ofDays(50)), NB.plus(Duration.ofDays(52)));
    CertificateRecord planned = policy.plan(cert().withWindow(w, NOW));
    assertThat(planned.plannedRenewal()).isAfterOrEqualTo(w.start()).isBefore(w.end());
    assertThat(policy.ariBased(planned)).isTrue();
    assertThat(policy.plan(planned)).isSameAs(planned);
    // the same window keeps the plan; a new window clears it
    assertThat(planned.withWindow(w, NOW.plusSeconds(60)).plannedRenewal())
        .isEqualTo(planned.plannedRenewal());
    RenewalWindow moved =
        new RenewalWindow(NB.plus(Duration.ofDays(5)), NB.plus(Duration.ofDays(6)));
    CertificateRecord replanned = policy.plan(planned.withWindow(moved, NOW));
    assertThat(replanned.plannedRenewal()).isAfterOrEqualTo(moved.start()).isBefore(moved.end());
  }

  @Test
  void pointsAreSpreadOverTheWholeWindow() {
    RenewalWindow w = new RenewalWindow(NB.plus(Duration.ofDays(50)), NB.plus(Duration.ofDays(52)));
    Instant middle = NB.plus(Duration.ofDays(51));
    int early = 0;
    for (int i = 0; i < 1000; i++) {
      if (policy.plan(cert().withWindow(w, NOW)).plannedRenewal().isBefore(middle)) {
        early++;
      }
    }
    assertThat(early).isBetween(400, 600);
  }

  @Test
  void aWindowStartingAfterExpiryIsIgnored() {
    RenewalWindow late = new RenewalWindow(NA, NA.plus(Duration.ofDays(1)));
    CertificateRecord planned = policy.plan(cert().withWindow(late, NOW));
    assertThat(policy.ariBased(planned)).isFalse();
    assertThat(planned.plannedRenewal())
        .isBefore(RenewalPolicy.oneThirdRemaining(NB, NA).plusMillis(1));
  }

  @Test
  void backoffLadderAndRetryAfter() {
    assertThat(List.of(1, 2, 3, 4, 5, 50).stream().map(policy::backoff))
        .containsExactly(
            Duration.ofMinutes(1),
            Duration.ofMinutes(10),
            Duration.ofMinutes(100),
            Duration.ofDays(1),
            Duration.ofDays(1),
            Duration.ofDays(1));
    Instant at = policy.retryAt(2, null, NOW);
    assertThat(at).isBetween(NOW.plus(Duration.ofMinutes(10)), NOW.plus(Duration.ofMinutes(11)));
    Instant later = NOW.plus(Duration.ofHours(5));
    assertThat(policy.retryAt(1, later, NOW)).isEqualTo(later);
    assertThat(policy.retryAt(4, NOW.plusSeconds(5), NOW)).isAfter(NOW.plus(Duration.ofHours(23)));
    assertThatThrownBy(() -> policy.backoff(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                RenewalPolicy.builder()
                    .backoff(List.of(Duration.ofMinutes(10), Duration.ofMinutes(1))))
        .hasMessageContaining("non-decreasing");
  }

  @Test
  void ariPollsFollowRetryAfterWithinOneMinuteAndOneDay() {
    assertThat(policy.nextAriPoll(null, NOW)).isEqualTo(NOW.plus(Duration.ofHours(6)));
    assertThat(policy.nextAriPoll(Duration.ofHours(2), NOW))
        .isEqualTo(NOW.plus(Duration.ofHours(2)));
    assertThat(policy.nextAriPoll(Duration.ofSeconds(1), NOW))
        .isEqualTo(NOW.plus(Duration.ofMinutes(1)));
    assertThat(policy.nextAriPoll(Duration.ofDays(9), NOW)).isEqualTo(NOW.plus(Duration.ofDays(1)));
  }

  @Test
  void dueAtRespectsRetryNotBefore() {
    CertificateRecord planned = policy.plan(cert());
    Instant p = planned.plannedRenewal();
    assertThat(policy.dueAt(planned)).isEqualTo(p);
    CertificateRecord failed = planned.withFailure("boom", p.plus(Duration.ofHours(1)), false);
    assertThat(policy.dueAt(failed)).isEqualTo(p.plus(Duration.ofHours(1)));
    assertThat(failed.failures()).isEqualTo(1);
    assertThat(failed.renewed(NA, NA.plus(Duration.ofDays(90)), null).failures()).isZero();
  }
}
