package org.zonetrust.acme;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class RenewalPolicyPropertyTest {
  private static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");

  @Property(tries = 500)
  void theAriRenewalInstantIsAlwaysInsideTheWindow(
      @ForAll @LongRange(min = 3_600, max = 400L * 86_400) long lifetimeSeconds,
      @ForAll @LongRange(min = 0, max = 1_000_000) long startPermille,
      @ForAll @LongRange(min = 1, max = 30L * 86_400_000) long windowMillis,
      @ForAll long seed) {
    Instant nb = BASE;
    Instant na = nb.plusSeconds(lifetimeSeconds);
    Instant start = nb.plusMillis(lifetimeSeconds * 1000 * startPermille / 1_000_001);
    RenewalWindow w = new RenewalWindow(start, start.plusMillis(windowMillis));
    RenewalPolicy policy = RenewalPolicy.builder().random(new Random(seed)).build();
    CertificateRecord planned =
        policy.plan(CertificateRecord.of("c", List.of("a.test"), nb, na, "x.y").withWindow(w, nb));
    assertThat(policy.ariBased(planned)).isTrue();
    assertThat(planned.plannedRenewal()).isAfterOrEqualTo(w.start()).isBefore(w.end());
  }

  @Property(tries = 500)
  void withoutAriAtLeastOneThirdOfTheLifetimeRemains(
      @ForAll @LongRange(min = 1, max = 400L * 86_400) long lifetimeSeconds,
      @ForAll @LongRange(min = 0, max = 3L * 86_400) long maxJitterSeconds,
      @ForAll long seed) {
    Instant nb = BASE;
    Instant na = nb.plusSeconds(lifetimeSeconds);
    RenewalPolicy policy =
        RenewalPolicy.builder()
            .random(new Random(seed))
            .maxJitter(Duration.ofSeconds(maxJitterSeconds))
            .build();
    Instant at =
        policy.plan(CertificateRecord.of("c", List.of("a.test"), nb, na, null)).plannedRenewal();
    Duration remaining = Duration.between(at, na);
    assertThat(remaining.multipliedBy(3))
        .isGreaterThanOrEqualTo(Duration.between(nb, na).minusMillis(3));
    Duration lifetime = Duration.ofSeconds(lifetimeSeconds);
    Duration jitterCap = lifetime.dividedBy(10);
    Duration cap =
        jitterCap.compareTo(Duration.ofSeconds(maxJitterSeconds)) < 0
            ? jitterCap
            : Duration.ofSeconds(maxJitterSeconds);
    assertThat(at).isAfterOrEqualTo(RenewalPolicy.oneThirdRemaining(nb, na).minus(cap));
    assertThat(at).isAfter(nb);
  }

  @Property(tries = 200)
  void backoffIsMonotoneAndRetryAfterIsHonoured(
      @ForAll @IntRange(min = 1, max = 40) int failures,
      @ForAll @LongRange(min = 0, max = 3L * 86_400) long retryAfterSeconds,
      @ForAll long seed) {
    RenewalPolicy policy = RenewalPolicy.builder().random(new Random(seed)).build();
    assertThat(policy.backoff(failures + 1)).isGreaterThanOrEqualTo(policy.backoff(failures));
    Instant now = BASE;
    Instant retryAfter = now.plusSeconds(retryAfterSeconds);
    Instant at = policy.retryAt(failures, retryAfter, now);
    Duration base = policy.backoff(failures);
    assertThat(at).isAfterOrEqualTo(retryAfter).isAfterOrEqualTo(now.plus(base));
    assertThat(at)
        .isBeforeOrEqualTo(
            retryAfter.isAfter(now.plus(base).plus(base.dividedBy(10)))
                ? retryAfter
                : now.plus(base).plus(base.dividedBy(10)));
  }
}
