package org.zonetrust.acme;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random order streams against small limits: in every bucket, no sliding period holds more admitted
 * orders than the limit allows, and an order is refused only when its bucket is full.
 */
class RateLimitLedgerPropertyTest {
  private static final RateLimits LIMITS =
      new RateLimits(
          new RateLimits.Limit(6, Duration.ofHours(3)),
          new RateLimits.Limit(3, Duration.ofHours(2)),
          new RateLimits.Limit(2, Duration.ofHours(1)));
  private static final List<String> NAMES =
      List.of("a.one.test", "b.one.test", "c.one.test", "a.two.test", "b.two.test", "three.test");

  record Op(OrderKind kind, List<String> names, long advanceMinutes) {}

  @Provide
  Arbitrary<List<Op>> ops() {
    Arbitrary<List<String>> names =
        Arbitraries.of(NAMES)
            .set()
            .ofMinSize(1)
            .ofMaxSize(3)
            .map(s -> List.copyOf(new TreeSet<>(s)));
    return Combinators.combine(
            Arbitraries.of(OrderKind.class), names, Arbitraries.longs().between(0, 90))
        .as(Op::new)
        .list()
        .ofMinSize(1)
        .ofMaxSize(80);
  }

  @Property(tries = 300)
  void noLimitIsEverExceeded(@ForAll("ops") List<Op> ops) throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2026-05-01T00:00:00Z"));
    RateLimitLedger ledger =
        RateLimitLedger.builder()
            .stateStore(new MemoryStateStore(clock))
            .clock(clock)
            .account("acct")
            .limits(LIMITS)
            .build();
    RegisteredDomains rd = RegisteredDomains.lastTwoLabels();
    Map<String, List<Instant>> admitted = new HashMap<>();
    for (Op op : ops) {
      clock.advance(Duration.ofMinutes(op.advanceMinutes()));
      Instant now = clock.instant();
      List<String> buckets = buckets(op, rd);
      boolean full = false;
      for (String b : buckets) {
        RateLimits.Limit l = limitOf(b);
        long live =
            admitted.getOrDefault(b, List.of()).stream()
                .filter(t -> t.isAfter(now.minus(l.period())))
                .count();
        full |= live >= l.count();
      }
      Admission a = ledger.admit(op.kind(), op.names());
      assertThat(a.admitted()).as("admitted exactly when no bucket is full").isEqualTo(!full);
      if (a.admitted()) {
        for (String b : buckets) {
          admitted.computeIfAbsent(b, k -> new ArrayList<>()).add(now);
        }
      } else {
        assertThat(a.retryAt()).isAfter(now);
      }
    }
    for (Map.Entry<String, List<Instant>> e : admitted.entrySet()) {
      RateLimits.Limit l = limitOf(e.getKey());
      List<Instant> times = e.getValue();
      for (int i = 0; i + l.count() < times.size(); i++) {
        assertThat(Duration.between(times.get(i), times.get(i + l.count())))
            .as("bucket %s: %d orders within %s", e.getKey(), l.count() + 1, l.period())
            .isGreaterThanOrEqualTo(l.period());
      }
    }
  }

  private static List<String> buckets(Op op, RegisteredDomains rd) {
    List<String> out = new ArrayList<>();
    if (op.kind() == OrderKind.ARI_RENEWAL) {
      return out;
    }
    out.add("orders");
    if (op.kind() == OrderKind.NEW) {
      new TreeSet<>(op.names().stream().map(rd::registeredDomain).toList())
          .forEach(d -> out.add("domain:" + d));
    }
    out.add("names:" + String.join(",", op.names()));
    return out;
  }

  private static RateLimits.Limit limitOf(String bucket) {
    if (bucket.equals("orders")) {
      return LIMITS.newOrdersPerAccount();
    }
    return bucket.startsWith("domain:")
        ? LIMITS.certificatesPerRegisteredDomain()
        : LIMITS.duplicateCertificates();
  }
}
