package org.zonetrust.core.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.zonetrust.core.dns.TestbedDns.name;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;
import org.zonetrust.testbed.Testbed;
import org.zonetrust.testbed.WithTestbed;

@WithTestbed
class PropagationCheckerIT {

  private static PropagationChecker checker(Testbed tb, Duration timeout) {
    return builder(tb, timeout).build();
  }

  private static PropagationChecker.Builder builder(Testbed tb, Duration timeout) {
    Name ns1 = name(tb.primaryNameServer());
    Name ns2 = name(tb.secondaryNameServer());
    SimpleResolver resolver = new SimpleResolver(tb.unbound());
    resolver.setTimeout(Duration.ofSeconds(3));
    return PropagationChecker.builder()
        .resolver(resolver)
        .port(
            (ns, address) -> {
              if (ns.equals(ns1)) {
                return tb.bindPort();
              } else if (ns.equals(ns2)) {
                return tb.knotPort();
              }
              throw new IllegalArgumentException("unexpected name server " + ns);
            })
        .queryTimeout(Duration.ofSeconds(1))
        .backoff(Duration.ofMillis(100), Duration.ofMillis(500))
        .timeout(timeout);
  }

  @Test
  void returnsOnlyAfterTheHeldBackSecondaryHasTheRecord(Testbed tb) throws Exception {
    String zoneText = tb.createZone("release");
    Name zone = name(zoneText);
    Name owner = Name.fromString("_acme-challenge", zone);
    TXTRecord token = new TXTRecord(owner, DClass.IN, 60, "late");
    // Counts finished tasks: a round's task, then one per address probed. A round starts only
    // after the previous round's probes have finished, so 8 finished tasks (round 1: 1 + 4,
    // round 2: 1 + Knot's 2) mean the held-back Knot has been asked at least twice.
    ExecutorService pool = Executors.newFixedThreadPool(4);
    AtomicInteger finished = new AtomicInteger();
    Executor counting =
        task ->
            pool.execute(
                () -> {
                  try {
                    task.run();
                  } finally {
                    finished.incrementAndGet();
                  }
                });
    try (PropagationChecker checker =
        builder(tb, Duration.ofSeconds(60)).executor(counting).build()) {
      CompletableFuture<PropagationResult> f;
      tb.holdSecondary(zoneText);
      try {
        TestbedDns.updater(tb).apply(DnsUpdate.builder(zone).add(token).build());
        f = checker.await(owner, Type.TXT, Expectation.contains(token)).toCompletableFuture();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (finished.get() < 8 && System.nanoTime() < end) {
          Thread.sleep(10);
        }
        assertThat(finished.get()).isGreaterThanOrEqualTo(8);
        assertThat(f).isNotDone();
      } finally {
        tb.releaseSecondary(zoneText);
      }
      PropagationResult r = f.get(30, TimeUnit.SECONDS);
      assertThat(r.zone()).isEqualTo(zone);
      assertThat(r.servers()).hasSize(4).allMatch(ServerStatus::confirmed);
      assertThat(r.servers())
          .extracting(s -> s.address().getAddress())
          .containsOnly(tb.ipv4(), tb.ipv6());
      assertThat(r.rounds()).isGreaterThan(1);
      long serial = tb.soaSerial(tb.bind(), zoneText);
      assertThat(r.servers()).allSatisfy(s -> assertThat(s.soaSerial()).hasValue(serial));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void timesOutWhileTheSecondaryIsHeldAndReportsEveryServer(Testbed tb) throws Exception {
    String zoneText = tb.createZone("timeout");
    Name zone = name(zoneText);
    Name owner = Name.fromString("_acme-challenge", zone);
    TXTRecord token = new TXTRecord(owner, DClass.IN, 60, "never-at-knot");
    try (PropagationChecker checker = checker(tb, Duration.ofSeconds(3))) {
      tb.holdSecondary(zoneText);
      try {
        long knotSerial = tb.soaSerial(tb.knot(), zoneText);
        TestbedDns.updater(tb).apply(DnsUpdate.builder(zone).add(token).build());
        long bindSerial = tb.soaSerial(tb.bind(), zoneText);
        assertThat(bindSerial).isNotEqualTo(knotSerial);
        CompletableFuture<PropagationResult> f =
            checker.await(owner, Type.TXT, Expectation.contains(token)).toCompletableFuture();
        assertThatThrownBy(() -> f.get(30, TimeUnit.SECONDS))
            .isInstanceOf(ExecutionException.class)
            .cause()
            .isInstanceOf(PropagationTimeoutException.class)
            .hasMessageContaining("2 of 4 confirmed")
            .hasMessageContaining(
                "ns1.test. 127.0.0.1:" + tb.bindPort() + " serial " + bindSerial + " confirmed")
            .hasMessageContaining(
                "ns1.test. [::1]:" + tb.bindPort() + " serial " + bindSerial + " confirmed")
            .hasMessageContaining(
                "ns2.test. 127.0.0.1:"
                    + tb.knotPort()
                    + " serial "
                    + knotSerial
                    + " pending: NXDOMAIN")
            .hasMessageContaining(
                "ns2.test. [::1]:" + tb.knotPort() + " serial " + knotSerial + " pending: NXDOMAIN")
            .hasMessageContaining("\"never-at-knot\"");
        PropagationTimeoutException e = (PropagationTimeoutException) f.handle((r, t) -> t).join();
        assertThat(e.servers()).hasSize(4);
        assertThat(e.zone()).contains(zone);
      } finally {
        tb.releaseSecondary(zoneText);
      }
    }
  }
}
