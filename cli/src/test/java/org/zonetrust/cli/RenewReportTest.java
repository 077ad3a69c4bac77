package org.zonetrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.zonetrust.acme.CertificateRecord;
import org.zonetrust.acme.RenewalPolicy;

/** How {@code zonetrust renew} tells a certificate's outcome from its record before and after. */
class RenewReportTest {
  static final Instant NB = Instant.parse("2026-01-01T00:00:00Z");
  static final Instant NA = NB.plus(Duration.ofDays(90));
  final RenewalPolicy policy = RenewalPolicy.builder().maxJitter(Duration.ZERO).build();
  final CertificateRecord before =
      policy.plan(CertificateRecord.of("shop", List.of("shop.example"), NB, NA, "aa.bb"));

  private RenewReport.Line line(Optional<CertificateRecord> after, Instant now) {
    return RenewReport.line(before, after, policy, now);
  }

  @Test
  void notDueNamesTheRenewalInstant() {
    RenewReport.Line l = line(Optional.of(before), NB.plus(Duration.ofDays(1)));
    assertThat(l.status()).isEqualTo(RenewReport.Status.NOT_DUE);
    assertThat(l.text()).isEqualTo("shop: not due until " + RenewReport.s(policy.dueAt(before)));
  }

  @Test
  void aNewValidityIsARenewal() {
    Instant later = NB.plus(Duration.ofDays(60));
    CertificateRecord renewed = before.renewed(later, later.plus(Duration.ofDays(90)), "aa.cc");
    RenewReport.Line l = line(Optional.of(renewed), later);
    assertThat(l.status()).isEqualTo(RenewReport.Status.RENEWED);
    assertThat(l.text()).startsWith("shop: renewed, valid 2026-03-02T00:00:00Z to ");
  }

  @Test
  void oneMoreFailureIsAFailureWithItsReason() {
    Instant now = NB.plus(Duration.ofDays(70));
    CertificateRecord failed =
        before.withFailure("urn:ietf:params:acme:error:dns: refused", now.plusSeconds(60), false);
    RenewReport.Line l = line(Optional.of(failed), now);
    assertThat(l.status()).isEqualTo(RenewReport.Status.FAILED);
    assertThat(l.text())
        .isEqualTo(
            "shop: failed: urn:ietf:params:acme:error:dns: refused (attempt 1, next at "
                + RenewReport.s(now.plusSeconds(60))
                + ")");
  }

  @Test
  void aNewRetryWithoutFailureIsADeferral() {
    Instant now = NB.plus(Duration.ofDays(70));
    CertificateRecord deferred =
        before.deferredUntil(now.plus(Duration.ofHours(3)), "local rate limit: 50 per week");
    RenewReport.Line l = line(Optional.of(deferred), now);
    assertThat(l.status()).isEqualTo(RenewReport.Status.DEFERRED);
    assertThat(l.text()).contains("deferred until ", "local rate limit");
  }

  @Test
  void dueButUnchangedWasLeasedElsewhere() {
    RenewReport.Line l = line(Optional.of(before), NA.minus(Duration.ofDays(1)));
    assertThat(l.status()).isEqualTo(RenewReport.Status.SKIPPED);
    assertThat(l.text())
        .isEqualTo("shop: skipped: lease held elsewhere (another issue or renew of it is running)");
  }

  @Test
  void aRecordRemovedDuringTheRunIsGone() {
    assertThat(line(Optional.empty(), NB).status()).isEqualTo(RenewReport.Status.GONE);
  }
}
