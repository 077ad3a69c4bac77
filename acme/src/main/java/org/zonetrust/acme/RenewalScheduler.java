package org.zonetrust.acme;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zonetrust.acme.internal.RecordStore;
import org.zonetrust.acme.internal.RenewalAttempt;
import org.zonetrust.core.state.StateStore;

/**
 * Scans the stored {@link CertificateRecord}s and renews those that are due, what a nightly cron
 * job ({@code zonetrust renew}) or a platform's timer runs.
 *
 * <pre>{@code
 * RenewalScheduler scheduler = RenewalScheduler.builder()
 *     .stateStore(store).clock(clock)
 *     .renewer(certificates.renewer())             // the ACME client via CertificateManager
 *     .renewalInfo(certificates.renewalInfo())     // optional: RFC 9773 ARI
 *     .ledger(ledger)                              // optional: local rate limits
 *     .build();
 * scheduler.track(CertificateRecord.of("shop", names, notBefore, notAfter, ariCertId));
 * RenewalRun run = scheduler.runOnce();            // run.nextDueAt(): when to run again
 * }</pre>
 *
 * <p>{@link CertificateManager#scheduler()} returns this builder with the store, clock, renewer,
 * renewal information and ledger already set.
 *
 * <p>One {@link #runOnce()}:
 *
 * <ol>
 *   <li>For each unexpired record with an ARI id whose poll time has come, asks the {@link
 *       RenewalInfoSource} and stores the window and the next poll time (Retry-After). An expired
 *       certificate is not polled (RFC 9773 section 4.3); it is due anyway.
 *   <li>Chooses and stores the renewal instant with the {@link RenewalPolicy} (once per window).
 *   <li>Collects the records due now (planned instant reached, and no backoff pending), ARI-based
 *       ones first, then the most overdue; at most {@code maxPerRun}.
 *   <li>Renews them with at most {@code concurrency} at a time. For each: acquires the lease {@code
 *       locks/acme/certificates/<id>} (a certificate leased by another process is skipped),
 *       re-reads the record and checks it is still due, asks the {@link RateLimitLedger} (a refusal
 *       defers the certificate until the ledger has room, without starting an order), calls the
 *       {@link Renewer} with {@code replaces} set for ARI renewals, and records the outcome while
 *       still holding the lease.
 * </ol>
 *
 * <p>{@code alreadyReplaced}: if the CA refuses an order with {@code replaces} because that
 * certificate was already replaced, the scheduler orders again at once without {@code replaces}
 * (through the ledger, as a plain renewal) and marks the record so that later orders go without it
 * too. Failures back off by the policy's ladder (1 min, 10 min, 100 min, 1 day), or until the CA's
 * Retry-After if later.
 *
 * <p>The lease lasts {@code leaseTtl} (default 15 minutes): the {@link Renewer} must finish well
 * within it. Thread-safe; several processes may share the store.
 */
public final class RenewalScheduler {
  private static final Logger LOG = LoggerFactory.getLogger(RenewalScheduler.class);

  private final RecordStore records;
  private final Clock clock;
  private final RenewalPolicy policy;
  private final @Nullable RenewalInfoSource renewalInfo;
  private final int concurrency;
  private final int maxPerRun;
  private final RenewalAttempt attempt;

  private RenewalScheduler(Builder b, StateStore store, Clock clock, Renewer renewer) {
    this.records = new RecordStore(store);
    this.clock = clock;
    this.policy = b.policy;
    this.renewalInfo = b.renewalInfo;
    this.concurrency = b.concurrency;
    this.maxPerRun = b.maxPerRun;
    this.attempt =
        new RenewalAttempt(
            store,
            records,
            clock,
            renewer,
            policy,
            b.ledger,
            b.holder,
            b.leaseTtl,
            renewalInfo != null);
  }

  /**
   * Starts configuring a scheduler.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Stores (or replaces) a certificate's record, e.g. after the first issuance.
   *
   * @param certificate the record
   * @throws AcmeException if the store fails
   */
  public void track(CertificateRecord certificate) throws AcmeException {
    records.put(certificate);
  }

  /**
   * Forgets a certificate: it is no longer renewed.
   *
   * @param certId the certificate id
   * @return true if a record existed
   * @throws AcmeException if the store fails
   */
  public boolean untrack(String certId) throws AcmeException {
    return records.delete(certId);
  }

  /**
   * Reads a certificate's record.
   *
   * @param certId the certificate id
   * @return the record, or empty
   * @throws AcmeException if the store fails or the record is corrupt
   */
  public Optional<CertificateRecord> record(String certId) throws AcmeException {
    return records.get(certId);
  }

  /**
   * Scans once and renews what is due (see the class description).
   *
   * @return what was done and when to run again
   * @throws AcmeException if the records cannot be listed
   * @throws InterruptedException if interrupted; renewals in flight are interrupted
   */
  public RenewalRun runOnce() throws AcmeException, InterruptedException {
    Instant now = clock.instant();
    Tally tally = new Tally();
    List<CertificateRecord> due = new ArrayList<>();
    for (String id : records.ids()) {
      try {
        Optional<CertificateRecord> stored = records.get(id);
        if (stored.isEmpty()) {
          continue;
        }
        tally.scanned++;
        CertificateRecord rec = refreshAri(stored.get(), now);
        rec = records.update(id, policy::plan).orElse(policy.plan(rec));
        tally.next(ariPoll(rec));
        Instant dueAt = policy.dueAt(rec);
        if (dueAt.isAfter(now)) {
          tally.next(dueAt);
        } else {
          due.add(rec);
        }
      } catch (AcmeException e) {
        tally.errors++;
        LOG.error("certificate {}: {}", id, e.getMessage(), e);
      }
    }
    due.sort(
        Comparator.comparing((CertificateRecord r) -> !policy.ariBased(r))
            .thenComparing(policy::dueAt));
    if (due.size() > maxPerRun) {
      tally.deferred += due.size() - maxPerRun;
      tally.next(now);
      due = due.subList(0, maxPerRun);
    }
    renewAll(due, tally);
    return new RenewalRun(
        tally.scanned,
        tally.renewed,
        tally.failed,
        tally.deferred,
        tally.leased,
        tally.errors,
        tally.nextDueAt);
  }

  private void renewAll(List<CertificateRecord> due, Tally tally) throws InterruptedException {
    if (due.isEmpty()) {
      return;
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(concurrency, due.size()));
    try {
      List<Callable<RenewalAttempt.Outcome>> tasks = new ArrayList<>();
      for (CertificateRecord rec : due) {
        tasks.add(() -> attempt.run(rec.id()));
      }
      for (Future<RenewalAttempt.Outcome> f : pool.invokeAll(tasks)) {
        try {
          tally.add(f.get());
        } catch (ExecutionException e) {
          tally.errors++;
          LOG.error("renewal failed unexpectedly", e.getCause());
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private CertificateRecord refreshAri(CertificateRecord rec, Instant now)
      throws AcmeException, InterruptedException {
    RenewalInfoSource source = renewalInfo;
    Instant poll = rec.ariNextPoll();
    if (source == null
        || rec.ariCertId() == null
        || (poll != null && poll.isAfter(now))
        || !now.isBefore(rec.notAfter())) {
      return rec;
    }
    RenewalWindow window;
    Instant nextPoll;
    try {
      Optional<AriResponse> answer = source.fetch(rec);
      window = answer.map(AriResponse::window).orElse(null);
      nextPoll =
          policy.nextAriPoll(
              answer.isPresent() ? answer.get().retryAfter() : Duration.ofDays(1), now);
    } catch (AcmeException e) {
      LOG.warn("certificate {}: renewal information unavailable: {}", rec.id(), e.getMessage());
      window = rec.window();
      nextPoll = policy.nextAriPoll(Duration.ofHours(1), now);
    }
    RenewalWindow w = window;
    Instant p = nextPoll;
    return records.update(rec.id(), r -> r.withWindow(w, p)).orElse(rec);
  }

  private @Nullable Instant ariPoll(CertificateRecord rec) {
    return renewalInfo == null || rec.ariCertId() == null ? null : rec.ariNextPoll();
  }

  private static final class Tally {
    int scanned;
    int renewed;
    int failed;
    int deferred;
    int leased;
    int errors;
    @Nullable Instant nextDueAt;

    void next(@Nullable Instant at) {
      if (at != null && (nextDueAt == null || at.isBefore(nextDueAt))) {
        nextDueAt = at;
      }
    }

    void add(RenewalAttempt.Outcome a) {
      switch (a.result()) {
        case RENEWED -> renewed++;
        case FAILED -> failed++;
        case DEFERRED -> deferred++;
        case LEASED -> leased++;
        case NOT_DUE -> {}
      }
      next(a.next());
    }
  }

  /** Configures a {@link RenewalScheduler}; {@link #build()} validates. Not thread-safe. */
  public static final class Builder {
    private @Nullable StateStore store;
    private @Nullable Clock clock;
    private @Nullable Renewer renewer;
    private RenewalPolicy policy = RenewalPolicy.defaults();
    private @Nullable RateLimitLedger ledger;
    private @Nullable RenewalInfoSource renewalInfo;
    private String holder = "zonetrust-" + ProcessHandle.current().pid();
    private Duration leaseTtl = Duration.ofMinutes(15);
    private int concurrency = 4;
    private int maxPerRun = 1000;

    private Builder() {}

    /**
     * Sets the store of records, leases and (usually) the ledger (required).
     *
     * @param store the store
     * @return this builder
     */
    public Builder stateStore(StateStore store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /**
     * Sets the clock (required); tests pass a simulated one.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets what orders a renewal (required).
     *
     * @param renewer the renewer
     * @return this builder
     */
    public Builder renewer(Renewer renewer) {
      this.renewer = Objects.requireNonNull(renewer, "renewer");
      return this;
    }

    /**
     * Sets the renewal policy; default {@link RenewalPolicy#defaults()}.
     *
     * @param policy the policy
     * @return this builder
     */
    public Builder policy(RenewalPolicy policy) {
      this.policy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * Sets the local rate-limit ledger; without one, no local limits apply.
     *
     * @param ledger the ledger
     * @return this builder
     */
    public Builder ledger(RateLimitLedger ledger) {
      this.ledger = Objects.requireNonNull(ledger, "ledger");
      return this;
    }

    /**
     * Sets where ARI windows come from; without one, every renewal uses the one-third rule.
     *
     * @param renewalInfo the source
     * @return this builder
     */
    public Builder renewalInfo(RenewalInfoSource renewalInfo) {
      this.renewalInfo = Objects.requireNonNull(renewalInfo, "renewalInfo");
      return this;
    }

    /**
     * Names this process in its leases (diagnostics only); default {@code zonetrust-<pid>}.
     *
     * @param holder the holder name
     * @return this builder
     */
    public Builder holder(String holder) {
      this.holder = Objects.requireNonNull(holder, "holder");
      return this;
    }

    /**
     * Sets how long a certificate's lease lasts (default 15 minutes); the {@link Renewer} must
     * finish well within it.
     *
     * @param leaseTtl a positive duration
     * @return this builder
     */
    public Builder leaseTtl(Duration leaseTtl) {
      this.leaseTtl = Objects.requireNonNull(leaseTtl, "leaseTtl");
      return this;
    }

    /**
     * Sets how many renewals run at once (default 4).
     *
     * @param concurrency 1 to 256
     * @return this builder
     */
    public Builder concurrency(int concurrency) {
      this.concurrency = concurrency;
      return this;
    }

    /**
     * Sets how many renewals one run starts at most (default 1000); the rest wait for the next run,
     * ARI-based and most overdue first.
     *
     * @param maxPerRun at least 1
     * @return this builder
     */
    public Builder maxPerRun(int maxPerRun) {
      this.maxPerRun = maxPerRun;
      return this;
    }

    /**
     * Validates and builds.
     *
     * @return the scheduler
     * @throws IllegalStateException naming what is missing or wrong
     */
    public RenewalScheduler build() {
      if (store == null || clock == null || renewer == null) {
        throw new IllegalStateException(
            "RenewalScheduler needs stateStore(StateStore), clock(Clock) and renewer(Renewer)");
      }
      if (concurrency < 1 || concurrency > 256) {
        throw new IllegalStateException("concurrency must be 1 to 256, got " + concurrency);
      }
      if (maxPerRun < 1) {
        throw new IllegalStateException("maxPerRun must be >= 1, got " + maxPerRun);
      }
      if (leaseTtl.isNegative() || leaseTtl.isZero()) {
        throw new IllegalStateException("leaseTtl must be positive, got " + leaseTtl);
      }
      return new RenewalScheduler(this, store, clock, renewer);
    }
  }
}
