package org.zonetrust.dane;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TLSARecord;
import org.xbill.DNS.Type;
import org.zonetrust.core.dns.PropagationChecker;
import org.zonetrust.core.dns.Rfc2136Updater;
import org.zonetrust.core.dns.ServerStatus;
import org.zonetrust.core.dns.TsigAlgorithm;
import org.zonetrust.core.dns.TsigKey;
import org.zonetrust.testbed.Testbed;
import org.zonetrust.testbed.WithTestbed;

/**
 * The rollover against real servers: the publish set goes to BIND by RFC 2136 with TSIG, and the
 * confirmation (the start of the hold-down) waits until BIND and the held-back Knot secondary both
 * serve it on every address; after the switch, the retired key goes in one update.
 */
@WithTestbed
class RolloverPublicationIT {

  @Test
  void confirmationWaitsForEveryAuthoritativeServer(Testbed tb) throws Exception {
    String zoneText = tb.createZone("tlsa-rollover");
    Name zone = Name.fromString(zoneText);
    Clock clock = Clock.systemUTC();
    TlsaRolloverPlanner planner =
        TlsaRolloverPlanner.builder()
            .endpoints(
                List.of(
                    TlsaEndpoint.tcp(25, Name.fromString("mx1", zone)),
                    TlsaEndpoint.tcp(443, Name.fromString("www", zone))))
            .ttl(Duration.ofMinutes(10))
            .negativeTtl(Duration.ofMinutes(1))
            .margin(Duration.ofMinutes(2))
            .clock(clock)
            .build();
    TlsaSource current = TlsaSource.of(TestCerts.keyPair("P-256").getPublic());
    TlsaSource next = TlsaSource.ofCsr(TestCerts.csr(TestCerts.keyPair("RSA")));
    TlsaPublishSet set = planner.plan(current, next);
    Rfc2136Updater dns = updater(tb);

    // counts finished checker tasks (a round, then one per address probed), as core's IT does
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
    try (PropagationChecker checker = checker(tb).executor(counting).build()) {
      CompletableFuture<TlsaConfirmation> confirming;
      Instant released;
      tb.holdSecondary(zoneText);
      try {
        dns.apply(set.update(zone));
        assertThat(tlsa(tb.bind(), Name.fromString("_25._tcp.mx1", zone))).hasSize(2);
        confirming = planner.confirmServed(set, checker, null).toCompletableFuture();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (finished.get() < 16 && System.nanoTime() < end) {
          Thread.sleep(10);
        }
        assertThat(finished.get()).isGreaterThanOrEqualTo(16);
        assertThat(confirming).as("Knot is held back: nothing may be confirmed").isNotDone();
        assertThat(tlsa(tb.knot(), Name.fromString("_25._tcp.mx1", zone))).isEmpty();
        assertThat(planner.keyForRenewal(set, null).key()).isEqualTo(RenewalKey.CURRENT);
      } finally {
        released = clock.instant();
        tb.releaseSecondary(zoneText);
      }
      TlsaConfirmation confirmed = confirming.get(30, TimeUnit.SECONDS);
      assertThat(confirmed.servedEverywhereAt()).isAfterOrEqualTo(released);
      assertThat(confirmed.results()).hasSize(2);
      for (var r : confirmed.results()) {
        assertThat(r.servers()).hasSize(4).allMatch(ServerStatus::confirmed);
        assertThat(r.servers())
            .extracting(s -> s.address().getPort())
            .containsOnly(tb.bindPort(), tb.knotPort());
      }
      assertThat(tlsa(tb.knot(), Name.fromString("_443._tcp.www", zone)))
          .extracting(TLSARecord::rdataToString)
          .containsExactlyInAnyOrderElementsOf(
              set.byOwner().get(Name.fromString("_443._tcp.www", zone)).stream()
                  .map(TLSARecord::rdataToString)
                  .toList());

      RenewalKeyDecision now = planner.keyForRenewal(set, confirmed);
      assertThat(now.key()).isEqualTo(RenewalKey.CURRENT);
      assertThat(now.nextFrom())
          .isEqualTo(confirmed.servedEverywhereAt().plus(Duration.ofMinutes(3)));

      // the servers switched: the retired key goes at once, in one update
      TlsaAfterSwitch after = planner.afterSwitch(set, null);
      dns.apply(after.publish().update(zone));
      TlsaConfirmation steady =
          planner
              .confirmServed(after.publish(), checker, planner.ttl())
              .toCompletableFuture()
              .get(30, TimeUnit.SECONDS);
      assertThat(steady.results()).allSatisfy(r -> assertThat(r.servers()).hasSize(4));
      Map<Name, List<TLSARecord>> published = after.publish().byOwner();
      for (Name owner : published.keySet()) {
        assertThat(tlsa(tb.knot(), owner))
            .extracting(TLSARecord::rdataToString)
            .containsExactly(published.get(owner).get(0).rdataToString());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static Rfc2136Updater updater(Testbed tb) {
    return Rfc2136Updater.builder()
        .server(tb.bind())
        .tsigKey(
            TsigKey.of(
                tb.tsigKeyName(), TsigAlgorithm.fromDnsName(tb.tsigAlgorithm()), tb.tsigSecret()))
        .timeout(Duration.ofSeconds(5))
        .build();
  }

  private static PropagationChecker.Builder checker(Testbed tb) throws IOException {
    Name ns1 = Name.fromString(tb.primaryNameServer());
    Name ns2 = Name.fromString(tb.secondaryNameServer());
    SimpleResolver resolver = new SimpleResolver(tb.unbound());
    resolver.setTimeout(Duration.ofSeconds(3));
    return PropagationChecker.builder()
        .resolver(resolver)
        .port((ns, address) -> ns.equals(ns1) ? tb.bindPort() : ns.equals(ns2) ? tb.knotPort() : 53)
        .queryTimeout(Duration.ofSeconds(1))
        .backoff(Duration.ofMillis(50), Duration.ofMillis(300))
        .timeout(Duration.ofSeconds(30));
  }

  /** The TLSA records a server answers authoritatively (RD=0). */
  private static List<TLSARecord> tlsa(InetSocketAddress server, Name owner) throws IOException {
    SimpleResolver r = new SimpleResolver(server);
    r.setTimeout(Duration.ofSeconds(3));
    Message q = Message.newQuery(Record.newRecord(owner, Type.TLSA, DClass.IN));
    q.getHeader().unsetFlag(Flags.RD);
    return r.send(q).getSection(Section.ANSWER).stream()
        .filter(rec -> rec instanceof TLSARecord)
        .map(TLSARecord.class::cast)
        .toList();
  }
}
