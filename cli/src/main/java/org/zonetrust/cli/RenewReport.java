package org.zonetrust.cli;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.zonetrust.acme.CertificateRecord;
import org.zonetrust.acme.RenewalPolicy;

/**
 * One line per certificate for {@code zonetrust renew}, told from its record before and after the
 * scheduler's pass (the record holds no secrets, so neither does the line).
 */
final class RenewReport {
  /** What happened to one certificate. */
  enum Status {
    RENEWED,
    NOT_DUE,
    FAILED,
    DEFERRED,
    SKIPPED,
    GONE
  }

  /** A certificate's status and its line. */
  record Line(Status status, String text) {}

  private RenewReport() {}

  /** An instant to the second, for reading (the record keeps nanoseconds of the jitter). */
  static String s(@Nullable Instant at) {
    return at == null ? "-" : at.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  static Line line(
      CertificateRecord before,
      Optional<CertificateRecord> afterRun,
      RenewalPolicy policy,
      Instant now) {
    String id = before.id();
    if (afterRun.isEmpty()) {
      return new Line(Status.GONE, id + ": no longer tracked (removed during the run)");
    }
    CertificateRecord after = afterRun.get();
    if (!after.notBefore().equals(before.notBefore())
        || !after.notAfter().equals(before.notAfter())
        || !Objects.equals(after.ariCertId(), before.ariCertId())) {
      return new Line(
          Status.RENEWED, id + ": renewed, valid " + after.notBefore() + " to " + after.notAfter());
    }
    if (after.failures() > before.failures()) {
      return new Line(
          Status.FAILED,
          id
              + ": failed: "
              + after.lastFailure()
              + " (attempt "
              + after.failures()
              + ", next at "
              + s(after.retryNotBefore())
              + ")");
    }
    if (after.retryNotBefore() != null
        && !Objects.equals(after.retryNotBefore(), before.retryNotBefore())) {
      return new Line(
          Status.DEFERRED,
          id + ": deferred until " + s(after.retryNotBefore()) + ": " + after.lastFailure());
    }
    Instant due = policy.dueAt(after.plannedRenewal() == null ? policy.plan(after) : after);
    if (due.isAfter(now)) {
      return new Line(Status.NOT_DUE, id + ": not due until " + due);
    }
    return new Line(
        Status.SKIPPED,
        id + ": skipped: lease held elsewhere (another issue or renew of it is running)");
  }
}
