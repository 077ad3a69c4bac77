package org.zonetrust.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DSRecord;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;
import org.zonetrust.core.dns.DnsQueries;
import org.zonetrust.core.dns.ParentDsChannel;
import org.zonetrust.core.state.FileStateStore;
import org.zonetrust.dnssec.KeyManager;
import org.zonetrust.dnssec.KeyRole;
import org.zonetrust.dnssec.KeyRolloverPolicy;
import org.zonetrust.dnssec.KeyStatus;
import org.zonetrust.dnssec.ManagedSignedZone;
import org.zonetrust.dnssec.RecordState;
import org.zonetrust.registrar.ParentObserver;
import org.zonetrust.registrar.RegistrarDsUpdater;
import org.zonetrust.registrar.RegistrarDsUpdaters;
import org.zonetrust.testbed.Testbed;
import org.zonetrust.testbed.WithTestbed;

/**
 * A ZSK roll and a KSK roll in real time, with TTLs of 2 seconds: a child zone of {@code test.}
 * served by BIND from the master file a {@link ManagedSignedZone} writes, its DS changed in {@code
 * test.} by the DNS UPDATE parent adapter with TSIG and confirmed on the parent's servers, while a
 * probe asks the testbed's validating Unbound every 100 ms for {@code www A} and the zone's DNSKEY
 * RRset. No answer may be SERVFAIL and every answer must carry AD.
 */
@WithTestbed
class LiveRolloverIT {
  private static final Duration LIMIT = Duration.ofSeconds(40);
  private static final Duration PROBE_EVERY = Duration.ofMillis(100);

  /**
   * What the probe asks for in turn. Asking for the DS too makes Unbound fetch it at other moments
   * than the DNSKEY RRset it validates with it, so its cached DS and DNSKEY views differ in age as
   * in a busy resolver, instead of always expiring together.
   */
  private static final int[] PROBE_TYPES = {Type.A, Type.DNSKEY, Type.A, Type.DS};

  private record Probe(int type, int rcode, boolean ad, Set<Integer> signers, String summary) {}

  @Test
  void zskAndKskRollsRunToCompletionWhileEveryProbeValidates(Testbed tb) throws Exception {
    Clock clock = Clock.systemUTC();
    Path work = Files.createTempDirectory("zonetrust-liveroll-");
    Name zone =
        Name.fromString(
            "liveroll-" + Long.toHexString(System.nanoTime() & 0xffffffL) + "." + tb.parentZone());
    KeyRolloverPolicy policy = KeyRolloverPolicy.fast();
    FileStateStore store = FileStateStore.open(work.resolve("state"), clock);
    ManagedSignedZone managed =
        ManagedSignedZone.builder()
            .origin(zone)
            .records(RolloverRig.records(zone, tb))
            .store(store)
            .publisher(RolloverRig.bindPublisher(tb, zone, work.resolve("zone.db")))
            .clock(clock)
            .policy(policy)
            .build();
    DnsQueries dns = new DnsQueries();
    SimpleResolver unbound = RolloverRig.unbound(tb);
    Name www = Name.fromString("www", zone);
    try (RegistrarDsUpdater updater = RolloverRig.updater(tb, policy.dsTtl(), clock);
        ParentObserver observer = RolloverRig.observer(tb, clock)) {
      ParentDsChannel parent = RegistrarDsUpdaters.parentChannel(updater, observer);
      KeyManager keys = KeyManager.builder().store(store).policy(policy).parent(parent).build();
      keys.register(managed);

      long start = System.nanoTime();
      List<KeyStatus> steady =
          RolloverRig.tickUntil(keys, zone, clock, LIMIT, "a secure zone", LiveRolloverIT::steady)
              .keys();
      System.out.printf("%s: secure after %d ms%n", zone, millisSince(start));
      assertThat(steady).hasSize(2);
      KeyStatus oldZsk = only(steady, KeyRole.ZSK);
      KeyStatus oldKsk = only(steady, KeyRole.KSK);
      long dsTtl = policy.dsTtl().toSeconds();
      Set<DSRecord> firstDs =
          RolloverRig.dsOf(managed.current().orElseThrow(), Set.of(oldKsk.keyTag()), dsTtl);
      assertThat(firstDs).hasSize(1);
      assertThat(RolloverRig.agreedDs(parent, zone)).isEqualTo(firstDs);
      Message first = RolloverRig.ask(dns, unbound, www, Type.A);
      assertThat(first.getRcode()).as("%s", first).isEqualTo(Rcode.NOERROR);
      assertThat(first.getHeader().getFlag(Flags.AD)).as("AD in %s", first).isTrue();

      ConcurrentLinkedQueue<Probe> probes = new ConcurrentLinkedQueue<>();
      AtomicInteger sent = new AtomicInteger();
      ScheduledExecutorService prober = Executors.newSingleThreadScheduledExecutor();
      List<KeyStatus> afterKsk;
      KeyStatus newZsk;
      try {
        prober.scheduleAtFixedRate(
            () -> {
              int type = PROBE_TYPES[sent.getAndIncrement() % PROBE_TYPES.length];
              Name name = type == Type.A ? www : zone;
              try {
                Message m = RolloverRig.ask(dns, unbound, name, type);
                probes.add(
                    new Probe(
                        type,
                        m.getRcode(),
                        m.getHeader().getFlag(Flags.AD),
                        RolloverRig.signerTags(m),
                        Rcode.string(m.getRcode()) + " " + m.getSection(1)));
              } catch (java.io.IOException e) {
                probes.add(new Probe(type, -1, false, Set.of(), e.toString()));
              }
            },
            0,
            PROBE_EVERY.toMillis(),
            TimeUnit.MILLISECONDS);

        long zskStart = System.nanoTime();
        keys.requestRoll(zone, KeyRole.ZSK);
        List<KeyStatus> afterZsk =
            RolloverRig.tickUntil(
                    keys,
                    zone,
                    clock,
                    LIMIT,
                    "the old ZSK deleted",
                    k -> steady(k) && k.stream().noneMatch(s -> s.id().equals(oldZsk.id())))
                .keys();
        long zskMillis = millisSince(zskStart);
        System.out.printf("%s: ZSK roll took %d ms%n", zone, zskMillis);
        newZsk = only(afterZsk, KeyRole.ZSK);
        assertThat(newZsk.keyTag()).isNotEqualTo(oldZsk.keyTag());
        assertThat(only(afterZsk, KeyRole.KSK).id()).isEqualTo(oldKsk.id());

        long kskStart = System.nanoTime();
        keys.requestRoll(zone, KeyRole.KSK);
        afterKsk =
            RolloverRig.tickUntil(
                    keys,
                    zone,
                    clock,
                    LIMIT,
                    "the old KSK deleted",
                    k -> steady(k) && k.stream().noneMatch(s -> s.id().equals(oldKsk.id())))
                .keys();
        long kskMillis = millisSince(kskStart);
        System.out.printf("%s: KSK roll took %d ms%n", zone, kskMillis);
        // a few more probes on the final state, with the old keys' records expired everywhere
        long until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        while (System.nanoTime() < until) {
          Thread.sleep(PROBE_EVERY.toMillis());
        }
      } finally {
        prober.shutdown();
        assertThat(prober.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
      }

      KeyStatus newKsk = only(afterKsk, KeyRole.KSK);
      assertThat(newKsk.keyTag()).isNotEqualTo(oldKsk.keyTag());
      assertThat(keys.status(zone))
          .extracting(KeyStatus::id)
          .doesNotContain(oldZsk.id(), oldKsk.id())
          .hasSize(2);
      Set<DSRecord> newDs =
          RolloverRig.dsOf(managed.current().orElseThrow(), Set.of(newKsk.keyTag()), dsTtl);
      assertThat(newDs).hasSize(1).doesNotContainAnyElementsOf(firstDs);
      assertThat(RolloverRig.agreedDs(parent, zone)).isEqualTo(newDs);
      assertThat(RolloverRig.tags(afterKsk, k -> true))
          .containsExactlyInAnyOrder(newKsk.keyTag(), newZsk.keyTag());

      List<Probe> all = List.copyOf(probes);
      long servfail = all.stream().filter(p -> p.rcode() == Rcode.SERVFAIL).count();
      List<Probe> bad = all.stream().filter(p -> p.rcode() != Rcode.NOERROR || !p.ad()).toList();
      System.out.printf(
          "%s: %d probes (%d www A, %d DNSKEY, %d DS), %d SERVFAIL, %d without AD or NOERROR%n",
          zone,
          all.size(),
          all.stream().filter(p -> p.type() == Type.A).count(),
          all.stream().filter(p -> p.type() == Type.DNSKEY).count(),
          all.stream().filter(p -> p.type() == Type.DS).count(),
          servfail,
          bad.size());
      assertThat(servfail).as("SERVFAIL probes: %s", bad).isZero();
      assertThat(bad).as("probes that failed or lacked AD").isEmpty();
      assertThat(all.size()).as("probes made").isGreaterThan(200);
      // the probes saw the rolls happen: answers signed by the old and by the new keys
      assertThat(signers(all, Type.A)).contains(oldZsk.keyTag(), newZsk.keyTag());
      assertThat(signers(all, Type.DNSKEY)).contains(oldKsk.keyTag(), newKsk.keyTag());
    }
  }

  /** Every key in place: DNSKEY omnipresent, signing, the KSK's DS omnipresent, none retiring. */
  private static boolean steady(List<KeyStatus> keys) {
    return keys.size() == 2
        && keys.stream()
            .allMatch(
                k ->
                    !k.retiring()
                        && k.dnskey() == RecordState.OMNIPRESENT
                        && (k.role() == KeyRole.KSK
                            ? k.krrsig() == RecordState.OMNIPRESENT
                                && k.ds() == RecordState.OMNIPRESENT
                            : k.zrrsig() == RecordState.OMNIPRESENT));
  }

  private static KeyStatus only(List<KeyStatus> keys, KeyRole role) {
    List<KeyStatus> of = keys.stream().filter(k -> k.role() == role).toList();
    assertThat(of).as("%s keys in %s", role, keys).hasSize(1);
    return of.get(0);
  }

  private static Set<Integer> signers(List<Probe> probes, int type) {
    Set<Integer> tags = new java.util.HashSet<>();
    for (Probe p : probes) {
      if (p.type() == type) {
        tags.addAll(p.signers());
      }
    }
    return tags;
  }

  private static long millisSince(long nanos) {
    return Duration.ofNanos(System.nanoTime() - nanos).toMillis();
  }
}
