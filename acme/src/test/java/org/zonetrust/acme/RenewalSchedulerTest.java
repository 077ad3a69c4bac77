package org.zonetrust.acme;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zonetrust.core.state.FileStateStore;
import org.zonetrust.core.state.StateStore;

/** The scheduler under a simulated clock: months of renewals in milliseconds. */
class RenewalSchedulerTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Duration LIFE = Duration.ofDays(90);

  private final MutableClock clock = new MutableClock(T0);
  private final MemoryStateStore store = new MemoryStateStore(clock);
  private final List<RenewalRequest> calls = new CopyOnWriteArrayList<>();

  private RenewalScheduler.Builder scheduler(StateStore s, Renewer renewer) {
    return RenewalScheduler.builder()
        .stateStore(s)
        .clock(clock)
        .policy(RenewalPolicy.builder().random(new Random(1)).build())
        .renewer(
            request -> {
              calls.add(request);
              return renewer.renew(request);
            });
  }

  private Renewer issuing() {
    return request -> RenewalOutcome.issued(clock.instant(), clock.instant().plus(LIFE), "new.id");
  }

  private static CertificateRecord cert(String id, String ariId) {
    return CertificateRecord.of(id, List.of(id + ".test"), T0, T0.plus(LIFE), ariId);
  }

  @Test
  void withoutAriRenewsWhenAThirdOfTheLifetimeRemainsAndAgainAfterThat() throws Exception {
    RenewalScheduler s = scheduler(store, issuing()).build();
    s.track(cert("shop", null));

    RenewalRun first = s.runOnce();
    assertThat(first.scanned()).isEqualTo(1);
    assertThat(first.renewed()).isZero();
    Instant due = first.nextDueAt();
    assertThat(due).isBetween(T0.plus(Duration.ofDays(59)), T0.plus(Duration.ofDays(60)));
    assertThat(s.record("shop").orElseThrow().plannedRenewal()).isEqualTo(due);

    clock.set(due.minusSeconds(1));
    assertThat(s.runOnce().renewed()).isZero();
    clock.set(due);
    RenewalRun second = s.runOnce();
    assertThat(second.renewed()).isEqualTo(1);
    assertThat(calls).hasSize(1);
    assertThat(calls.get(0).replaces()).isNull();
    CertificateRecord renewed = s.record("shop").orElseThrow();
    assertThat(renewed.notAfter()).isEqualTo(due.plus(LIFE));
    assertThat(renewed.ariCertId()).isEqualTo("new.id");
    assertThat(second.nextDueAt()).isAfter(due.plus(Duration.ofDays(58)));

    // a year of daily runs: one renewal about every 60 days, never with less than 30 days left
    for (int day = 0; day < 365; day++) {
      clock.advance(Duration.ofDays(1));
      s.runOnce();
      CertificateRecord r = s.record("shop").orElseThrow();
      assertThat(Duration.between(clock.instant(), r.notAfter()))
          .isGreaterThan(Duration.ofDays(28));
    }
    assertThat(calls).hasSizeBetween(6, 8);
  }

  @Test
  void ariWindowsAreFollowedWithReplacesAndRetryAfterPaced() throws Exception {
    RenewalWindow window =
        new RenewalWindow(T0.plus(Duration.ofDays(20)), T0.plus(Duration.ofDays(21)));
    List<CertificateRecord> asked = new ArrayList<>();
    RenewalScheduler s =
        scheduler(store, issuing())
            .renewalInfo(
                c -> {
                  asked.add(c);
                  return Optional.of(new AriResponse(window, Duration.ofHours(2)));
                })
            .build();
    s.track(cert("shop", "aki.serial1"));

    RenewalRun first = s.runOnce();
    CertificateRecord r = s.record("shop").orElseThrow();
    assertThat(r.window()).isEqualTo(window);
    assertThat(r.plannedRenewal()).isAfterOrEqualTo(window.start()).isBefore(window.end());
    assertThat(r.ariNextPoll()).isEqualTo(T0.plus(Duration.ofHours(2)));
    assertThat(first.nextDueAt()).isEqualTo(T0.plus(Duration.ofHours(2)));

    clock.advance(Duration.ofHours(1));
    s.runOnce();
    assertThat(asked).hasSize(1); // Retry-After not over yet
    clock.advance(Duration.ofHours(1));
    s.runOnce();
    assertThat(asked).hasSize(2);
    assertThat(s.record("shop").orElseThrow().plannedRenewal()).isEqualTo(r.plannedRenewal());

    clock.set(r.plannedRenewal());
    assertThat(s.runOnce().renewed()).isEqualTo(1);
    assertThat(calls.get(0).replaces()).isEqualTo("aki.serial1");
  }

  @Test
  void anExpiredCertificateIsNotPolledButRenewedAndABadWindowIsAFailedPoll() throws Exception {
    List<String> asked = new ArrayList<>();
    RenewalScheduler s =
        scheduler(store, issuing())
            .renewalInfo(
                c -> {
                  asked.add(c.id());
                  throw new AcmeException("invalid window");
                })
            .build();
    s.track(cert("old", "o.1"));
    clock.set(T0.plus(LIFE)); // "old" expires now
    Instant now = clock.instant();
    s.track(CertificateRecord.of("fresh", List.of("fresh.test"), now, now.plus(LIFE), "f.1"));

    RenewalRun run = s.runOnce();
    assertThat(asked).containsExactly("fresh");
    CertificateRecord fresh = s.record("fresh").orElseThrow();
    assertThat(fresh.ariNextPoll()).isEqualTo(now.plus(Duration.ofHours(1)));
    assertThat(fresh.window()).isNull();
    assertThat(run.renewed()).isEqualTo(1);
    assertThat(calls).extracting(r -> r.certificate().id()).containsExactly("old");
  }

  @Test
  void alreadyReplacedIsRetriedAtOnceWithoutReplaces() throws Exception {
    Renewer renewer =
        request ->
            request.replaces() != null
                ? RenewalOutcome.failed(RenewalOutcome.ALREADY_REPLACED, "already replaced", null)
                : RenewalOutcome.issued(clock.instant(), clock.instant().plus(LIFE), null);
    RenewalWindow window = new RenewalWindow(T0, T0.plus(Duration.ofMinutes(1)));
    RenewalScheduler s =
        scheduler(store, renewer)
            .renewalInfo(c -> Optional.of(new AriResponse(window, null)))
            .build();
    s.track(cert("shop", "aki.serial1"));
    clock.advance(Duration.ofMinutes(1));

    RenewalRun run = s.runOnce();
    assertThat(run.renewed()).isEqualTo(1);
    assertThat(run.failed()).isZero();
    assertThat(calls).extracting(RenewalRequest::replaces).containsExactly("aki.serial1", null);
  }

  @Test
  void failuresBackOffAndHonourRetryAfter() throws Exception {
    Instant due = T0.plus(Duration.ofDays(60));
    Renewer failing =
        request ->
            RenewalOutcome.failed(
                RenewalOutcome.RATE_LIMITED, "too many", clock.instant().plus(Duration.ofHours(3)));
    RenewalScheduler s = scheduler(store, failing).build();
    s.track(cert("shop", null));
    clock.set(due);
    RenewalRun run = s.runOnce();
    assertThat(run.failed()).isEqualTo(1);
    CertificateRecord r = s.record("shop").orElseThrow();
    assertThat(r.failures()).isEqualTo(1);
    assertThat(r.retryNotBefore()).isEqualTo(due.plus(Duration.ofHours(3)));
    assertThat(r.lastFailure()).contains("rateLimited").contains("too many");
    assertThat(run.nextDueAt()).isEqualTo(due.plus(Duration.ofHours(3)));

    clock.advance(Duration.ofHours(2));
    s.runOnce();
    assertThat(calls).hasSize(1);
    clock.advance(Duration.ofHours(1));
    s.runOnce();
    assertThat(calls).hasSize(2);
    // an exception counts as a failure too, with the ladder's third step
    RenewalScheduler throwing =
        scheduler(
                store,
                request -> {
                  throw new AcmeException("CA unreachable");
                })
            .build();
    clock.set(s.record("shop").orElseThrow().retryNotBefore());
    Instant now = clock.instant();
    assertThat(throwing.runOnce().failed()).isEqualTo(1);
    r = s.record("shop").orElseThrow();
    assertThat(r.failures()).isEqualTo(3);
    assertThat(r.lastFailure()).isEqualTo("CA unreachable");
    assertThat(r.retryNotBefore())
        .isBetween(now.plus(Duration.ofMinutes(100)), now.plus(Duration.ofMinutes(110)));
  }

  @Test
  void theLedgerDefersWithoutStartingAnOrderAndAriRenewalsGoFirst() throws Exception {
    RateLimitLedger ledger =
        RateLimitLedger.builder()
            .stateStore(store)
            .clock(clock)
            .account("a")
            .limits(
                new RateLimits(
                    new RateLimits.Limit(1, Duration.ofHours(3)),
                    new RateLimits.Limit(50, Duration.ofDays(7)),
                    new RateLimits.Limit(5, Duration.ofDays(7))))
            .build();
    RenewalWindow window = new RenewalWindow(T0, T0.plus(Duration.ofMinutes(1)));
    RenewalScheduler s =
        scheduler(store, issuing())
            .ledger(ledger)
            .concurrency(1)
            .renewalInfo(
                c ->
                    c.id().startsWith("ari")
                        ? Optional.of(new AriResponse(window, null))
                        : Optional.empty())
            .build();
    s.track(cert("a-plain1", "p.1"));
    s.track(cert("a-plain2", "p.2"));
    s.track(cert("ari", "x.1"));
    clock.set(T0.plus(Duration.ofDays(61)));

    RenewalRun run = s.runOnce();
    assertThat(run.renewed()).isEqualTo(2);
    assertThat(run.deferred()).isEqualTo(1);
    assertThat(calls.get(0).certificate().id()).isEqualTo("ari");
    assertThat(calls.get(0).replaces()).isEqualTo("x.1");
    assertThat(calls).hasSize(2);
    CertificateRecord held =
        s.record("a-plain1").orElseThrow().failures() == 0
                && s.record("a-plain1").orElseThrow().retryNotBefore() != null
            ? s.record("a-plain1").orElseThrow()
            : s.record("a-plain2").orElseThrow();
    assertThat(held.failures()).isZero();
    assertThat(held.retryNotBefore()).isEqualTo(clock.instant().plus(Duration.ofHours(3)));
    assertThat(held.lastFailure()).contains("local rate limit");
  }

  @Test
  void aLeasedCertificateIsLeftAloneAndTheLeaseIsHeldDuringTheCall(@TempDir Path dir)
      throws Exception {
    FileStateStore shared = FileStateStore.open(dir, clock);
    List<RenewalRun> inner = new ArrayList<>();
    RenewalScheduler other = scheduler(shared, issuing()).holder("other-process").build();
    RenewalScheduler s =
        scheduler(
                shared,
                request -> {
                  // a second process scans while this one is ordering
                  inner.add(other.runOnce());
                  return RenewalOutcome.issued(clock.instant(), clock.instant().plus(LIFE), null);
                })
            .holder("this-process")
            .build();
    s.track(cert("shop", null));
    clock.set(T0.plus(Duration.ofDays(61)));

    RenewalRun run = s.runOnce();
    assertThat(run.renewed()).isEqualTo(1);
    assertThat(inner).hasSize(1);
    assertThat(inner.get(0).leased()).isEqualTo(1);
    assertThat(inner.get(0).renewed()).isZero();
    assertThat(calls).hasSize(1);
    // released afterwards, and the record is no longer due for the other process
    RenewalRun after = other.runOnce();
    assertThat(after.leased()).isZero();
    assertThat(after.renewed()).isZero();
    assertThat(shared.tryAcquire("locks/acme/certificates/shop", "x", Duration.ofMinutes(1)))
        .isPresent();
  }

  @Test
  void concurrentRenewalsRenewEachDueCertificateExactlyOnce() throws Exception {
    java.util.Set<String> inFlight = java.util.concurrent.ConcurrentHashMap.newKeySet();
    java.util.concurrent.atomic.AtomicInteger overlap =
        new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.atomic.AtomicInteger peak =
        new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.CountDownLatch bothRunning = new java.util.concurrent.CountDownLatch(2);
    RenewalScheduler s =
        scheduler(
                store,
                request -> {
                  String id = request.certificate().id();
                  if (!inFlight.add(id)) {
                    overlap.incrementAndGet();
                  }
                  peak.accumulateAndGet(inFlight.size(), Math::max);
                  // the first two calls wait for each other: renewals do run in parallel
                  bothRunning.countDown();
                  assertThat(bothRunning.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
                  inFlight.remove(id);
                  return RenewalOutcome.issued(clock.instant(), clock.instant().plus(LIFE), null);
                })
            .concurrency(4)
            .build();
    for (int i = 0; i < 20; i++) {
      s.track(cert("c" + i, null));
    }
    clock.set(T0.plus(Duration.ofDays(61)));
    assertThat(s.runOnce().renewed()).isEqualTo(20);
    assertThat(calls).extracting(r -> r.certificate().id()).doesNotHaveDuplicates().hasSize(20);
    assertThat(overlap).hasValue(0);
    assertThat(peak.get()).isBetween(2, 4);
    assertThat(s.runOnce().renewed()).isZero();
  }

  @Test
  void maxPerRunBoundsARunAndTheRestComesNext() throws Exception {
    RenewalScheduler s = scheduler(store, issuing()).maxPerRun(2).build();
    for (int i = 0; i < 5; i++) {
      s.track(cert("c" + i, null));
    }
    clock.set(T0.plus(Duration.ofDays(61)));
    RenewalRun run = s.runOnce();
    assertThat(run.renewed()).isEqualTo(2);
    assertThat(run.deferred()).isEqualTo(3);
    assertThat(run.nextDueAt()).isEqualTo(clock.instant());
    assertThat(s.runOnce().renewed()).isEqualTo(2);
    assertThat(s.runOnce().renewed()).isEqualTo(1);
    assertThat(s.untrack("c0")).isTrue();
    assertThat(s.runOnce().scanned()).isEqualTo(4);
  }
}
