package org.zonetrust.registrar.internal.dnsupdate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.DSRecord;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.SimpleResolver;
import org.zonetrust.core.dns.DnsUpdate;
import org.zonetrust.core.dns.ParentDsChannel;
import org.zonetrust.core.dns.ParentDsView;
import org.zonetrust.core.dns.Rfc2136Updater;
import org.zonetrust.core.dns.TsigAlgorithm;
import org.zonetrust.core.dns.TsigKey;
import org.zonetrust.registrar.ParentObserver;
import org.zonetrust.registrar.RegistrarDsUpdater;
import org.zonetrust.registrar.RegistrarDsUpdaters;
import org.zonetrust.registrar.SecureDelegation;
import org.zonetrust.registrar.TestKeys;
import org.zonetrust.testbed.Testbed;
import org.zonetrust.testbed.WithTestbed;

/**
 * The parent channel against real servers: the parent is a testbed zone (BIND primary, Knot
 * secondary), the child one label below it, so the parent's two name servers are two different
 * implementations that can lag behind each other.
 */
@WithTestbed
class ParentChannelIT {
  private static final Duration WAIT = Duration.ofSeconds(20);

  /** Asks ns1.test. (BIND) and ns2.test. (Knot) at their own ports, over IPv4 and IPv6. */
  private static ParentObserver observer(Testbed tb) throws Exception {
    return ParentObserver.builder()
        .resolver(new SimpleResolver(tb.unbound()))
        .port(
            (ns, address) ->
                ns.toString().equals(tb.secondaryNameServer()) ? tb.knotPort() : tb.bindPort())
        .queryTimeout(Duration.ofSeconds(2))
        .build();
  }

  /** A child one label below a fresh testbed zone, delegated there (NS) but without DS. */
  private static Name child(Testbed tb, String label) throws Exception {
    Name parent = Name.fromString(tb.createZone(label));
    Name child = Name.fromString("kid", parent);
    Rfc2136Updater.builder()
        .server(tb.bind())
        .tsigKey(
            TsigKey.of(
                tb.tsigKeyName(), TsigAlgorithm.fromDnsName(tb.tsigAlgorithm()), tb.tsigSecret()))
        .build()
        .apply(
            DnsUpdate.builder(parent)
                .add(new NSRecord(child, DClass.IN, 60, Name.fromString(tb.primaryNameServer())))
                .build());
    return child;
  }

  private static Set<DSRecord> ds(Name zone, long... seeds) {
    List<DNSKEYRecord> keys =
        java.util.Arrays.stream(seeds).mapToObj(s -> TestKeys.ksk(zone, s)).toList();
    return Set.copyOf(SecureDelegation.fromDnskeys(zone, keys, Set.of(2)).dsRecords(zone, 300));
  }

  /** Observes until the view passes, or fails with the last view. */
  private static ParentDsView observeUntil(
      ParentDsChannel channel, Name zone, Predicate<ParentDsView> ready) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    ParentDsView view = channel.observe(zone);
    while (!ready.test(view)) {
      assertThat(System.nanoTime() - deadline)
          .as("no expected view within %s; last: %s", WAIT, view)
          .isNegative();
      Thread.onSpinWait();
      view = channel.observe(zone);
    }
    return view;
  }

  @Test
  void requestedSetsAreObservedOnEveryParentServerThroughARolloverSwap(Testbed tb)
      throws Exception {
    Name zone = child(tb, "pchan");
    Set<DSRecord> first = ds(zone, 11);
    Set<DSRecord> swapped = ds(zone, 12);
    try (RegistrarDsUpdater updater = DnsUpdateAdapterIT.open(tb, tb.tsigSecret());
        ParentObserver observer = observer(tb)) {
      ParentDsChannel channel = RegistrarDsUpdaters.parentChannel(updater, observer);
      ParentDsView before = channel.observe(zone);
      assertThat(before.agreed()).as(before.detail()).contains(Set.of());
      assertThat(before.detail().lines()).hasSize(4);
      assertThat(before.dsTtl()).as("no DS served").isEmpty();

      channel.request(zone, first);
      ParentDsView seen = observeUntil(channel, zone, v -> v.allServe(first));
      assertThat(seen.agreed()).contains(first);
      assertThat(seen.dsTtl()).as("the adapter's ttl=300").hasValue(300);
      assertThat(seen.detail().lines())
          .hasSize(4)
          .allMatch(l -> l.contains(": DS "))
          .anyMatch(l -> l.startsWith("ns1.test. 127.0.0.1 port " + tb.bindPort()))
          .anyMatch(l -> l.startsWith("ns2.test. 0:0:0:0:0:0:0:1 port " + tb.knotPort()));

      channel.request(zone, first);
      channel.request(zone, swapped);
      ParentDsView after = observeUntil(channel, zone, v -> v.allServe(swapped));
      assertThat(after.agreed()).contains(swapped);
      assertThat(after.allServe(first)).isFalse();
    }
  }

  @Test
  void aLaggingSecondaryShowsNoAgreedSetAndTheDetailNamesBothServers(Testbed tb) throws Exception {
    Name zone = child(tb, "pchanlag");
    String parent = new Name(zone, 1).toString();
    Set<DSRecord> first = ds(zone, 21);
    Set<DSRecord> next = ds(zone, 21, 22);
    try (RegistrarDsUpdater updater = DnsUpdateAdapterIT.open(tb, tb.tsigSecret());
        ParentObserver observer = observer(tb)) {
      ParentDsChannel channel = RegistrarDsUpdaters.parentChannel(updater, observer);
      channel.request(zone, first);
      observeUntil(channel, zone, v -> v.allServe(first));

      tb.holdSecondary(parent);
      try {
        channel.request(zone, next);
        ParentDsView split =
            observeUntil(
                channel,
                zone,
                v ->
                    v.detail()
                        .lines()
                        .filter(l -> l.startsWith("ns1.test."))
                        .allMatch(
                            l ->
                                l.contains(String.valueOf(TestKeys.ksk(zone, 22).getFootprint()))));
        assertThat(split.agreed()).as(split.detail()).isEmpty();
        assertThat(split.allServe(first)).isFalse();
        assertThat(split.allServe(next)).isFalse();
        String newTag = String.valueOf(TestKeys.ksk(zone, 22).getFootprint());
        assertThat(split.detail().lines())
            .hasSize(4)
            .anySatisfy(l -> assertThat(l).startsWith("ns1.test.").contains(newTag))
            .anySatisfy(
                l ->
                    assertThat(l).startsWith("ns2.test.").contains(": DS ").doesNotContain(newTag));
      } finally {
        tb.releaseSecondary(parent);
      }
      ParentDsView caughtUp = observeUntil(channel, zone, v -> v.allServe(next));
      assertThat(caughtUp.agreed()).contains(next);
    }
  }
}
