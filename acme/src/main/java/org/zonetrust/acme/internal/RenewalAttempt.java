package org.zonetrust.acme.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zonetrust.acme.AcmeException;
import org.zonetrust.acme.Admission;
import org.zonetrust.acme.CertificateRecord;
import org.zonetrust.acme.OrderKind;
import org.zonetrust.acme.RateLimitLedger;
import org.zonetrust.acme.RenewalOutcome;
import org.zonetrust.acme.RenewalPolicy;
import org.zonetrust.acme.RenewalRequest;
import org.zonetrust.acme.Renewer;
import org.zonetrust.core.state.Lease;
import org.zonetrust.core.state.StateStore;
import org.zonetrust.core.state.StateStoreException;

/**
 * One renewal attempt of the {@code RenewalScheduler}, under the certificate's lease: re-check,
 * ledger, {@code Renewer}, the {@code alreadyReplaced} retry, and recording the outcome.
 * Thread-safe.
 */
public final class RenewalAttempt {
  private static final Logger LOG = LoggerFactory.getLogger(RenewalAttempt.class);

  /** What an attempt did. */
  public enum Result {
    /** A new certificate was issued. */
    RENEWED,
    /** The renewal failed; backoff recorded. */
    FAILED,
    /** The ledger refused; postponed without counting a failure. */
    DEFERRED,
    /** Another process holds the lease. */
    LEASED,
    /** No longer due (renewed meanwhile by someone else). */
    NOT_DUE
  }

  /**
   * The result and when this certificate needs attention again.
   *
   * @param result what happened
   * @param next the next due instant, or null if unknown
   */
  public record Outcome(Result result, @Nullable Instant next) {}

  private final StateStore store;
  private final RecordStore records;
  private final Clock clock;
  private final Renewer renewer;
  private final RenewalPolicy policy;
  private final @Nullable RateLimitLedger ledger;
  private final String holder;
  private final Duration leaseTtl;
  private final boolean pollsAri;

  /**
   * Creates the attempt logic.
   *
   * @param store the store (leases)
   * @param records the records
   * @param clock the clock
   * @param renewer the renewer
   * @param policy the renewal policy
   * @param ledger the ledger, or null
   * @param holder the lease holder name
   * @param leaseTtl the lease duration
   * @param pollsAri whether the scheduler polls ARI (a renewed certificate is polled at once)
   */
  public RenewalAttempt(
      StateStore store,
      RecordStore records,
      Clock clock,
      Renewer renewer,
      RenewalPolicy policy,
      @Nullable RateLimitLedger ledger,
      String holder,
      Duration leaseTtl,
      boolean pollsAri) {
    this.store = store;
    this.records = records;
    this.clock = clock;
    this.renewer = renewer;
    this.policy = policy;
    this.ledger = ledger;
    this.holder = holder;
    this.leaseTtl = leaseTtl;
    this.pollsAri = pollsAri;
  }

  /**
   * Renews one certificate if it is (still) due and its lease is free.
   *
   * @param id the certificate id
   * @return what happened
   * @throws AcmeException if the store fails
   * @throws InterruptedException if interrupted
   */
  public Outcome run(String id) throws AcmeException, InterruptedException {
    Optional<Lease> lease;
    try {
      lease = store.tryAcquire(StateKeys.renewalLease(id), holder, leaseTtl);
    } catch (StateStoreException e) {
      throw new AcmeException("cannot acquire the renewal lease of certificate " + id, e);
    }
    if (lease.isEmpty()) {
      LOG.debug("certificate {} is being renewed by another process", id);
      return new Outcome(Result.LEASED, null);
    }
    try (Lease held = lease.get()) {
      Optional<CertificateRecord> fresh = records.get(id);
      if (fresh.isEmpty()) {
        return new Outcome(Result.NOT_DUE, null);
      }
      CertificateRecord rec = policy.plan(fresh.get());
      if (policy.dueAt(rec).isAfter(clock.instant())) {
        return new Outcome(Result.NOT_DUE, policy.dueAt(rec));
      }
      boolean replaces = policy.ariBased(rec) && rec.ariCertId() != null && !rec.replacesRejected();
      RenewalOutcome outcome = order(rec, replaces, held);
      if (outcome != null
          && !outcome.issued()
          && replaces
          && RenewalOutcome.ALREADY_REPLACED.equals(outcome.problemType())) {
        LOG.info(
            "certificate {}: the CA says {} was already replaced; ordering without replaces",
            id,
            rec.ariCertId());
        rec = records.update(id, CertificateRecord::withReplacesRejected).orElse(rec);
        outcome = order(rec, false, held);
      }
      if (outcome == null) {
        CertificateRecord deferred = records.get(id).orElse(rec);
        return new Outcome(Result.DEFERRED, deferred.retryNotBefore());
      }
      return record(id, rec, outcome, held);
    } catch (StateStoreException e) {
      throw new AcmeException("cannot release the renewal lease of certificate " + id, e);
    }
  }

  private @Nullable RenewalOutcome order(CertificateRecord rec, boolean replaces, Lease lease)
      throws AcmeException, InterruptedException {
    if (ledger != null) {
      Admission a = ledger.admit(replaces ? OrderKind.ARI_RENEWAL : OrderKind.RENEWAL, rec.names());
      if (!a.admitted()) {
        Instant until = Objects.requireNonNull(a.retryAt());
        records.update(rec.id(), r -> r.deferredUntil(until, "local rate limit: " + a.reason()));
        return null;
      }
    }
    RenewalRequest request =
        new RenewalRequest(
            rec, replaces ? rec.ariCertId() : null, rec.profile(), lease.fencingToken());
    try {
      return Objects.requireNonNull(renewer.renew(request), "the Renewer returned null");
    } catch (AcmeException | RuntimeException e) {
      LOG.warn("certificate {}: renewal failed: {}", rec.id(), e.getMessage(), e);
      return RenewalOutcome.failed(null, String.valueOf(e.getMessage()), null);
    }
  }

  private Outcome record(String id, CertificateRecord rec, RenewalOutcome o, Lease lease)
      throws AcmeException, StateStoreException {
    if (!lease.renew(leaseTtl)) {
      LOG.warn("certificate {}: the renewal lease expired during the renewal", id);
    }
    if (o.issued()) {
      Instant nb = Objects.requireNonNull(o.notBefore());
      Instant na = Objects.requireNonNull(o.notAfter());
      Optional<CertificateRecord> renewed =
          records.update(id, r -> policy.plan(r.renewed(nb, na, o.ariCertId())));
      LOG.info("certificate {} renewed; valid until {}", id, na);
      Instant next = renewed.map(policy::dueAt).orElse(null);
      if (renewed.isPresent() && renewed.get().ariNextPoll() == null && o.ariCertId() != null) {
        next = pollsAri ? clock.instant() : next;
      }
      return new Outcome(Result.RENEWED, next);
    }
    Instant retry = policy.retryAt(rec.failures() + 1, o.retryAfter(), clock.instant());
    String what =
        (o.problemType() == null ? "" : o.problemType() + ": ") + String.valueOf(o.detail());
    records.update(id, r -> r.withFailure(what, retry, false));
    LOG.warn("certificate {}: renewal failed ({}); next attempt at {}", id, what, retry);
    return new Outcome(Result.FAILED, retry);
  }
}
