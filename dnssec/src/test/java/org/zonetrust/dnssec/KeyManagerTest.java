package org.zonetrust.dnssec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.CDNSKEYRecord;
import org.xbill.DNS.CDSRecord;
import org.xbill.DNS.DSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.Type;
import org.zonetrust.core.dns.ParentDsChannel;
import org.zonetrust.core.dns.ParentDsView;
import org.zonetrust.core.state.FileStateStore;
import org.zonetrust.core.state.Lease;

/**
 * The key manager's known traps, each through the real manager and managed zone with the
 * independent {@link ResolverCacheChecker} watching.
 */
class KeyManagerTest {
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  private static final Name ZONE = RolloverSimulation.ZONE;

  @TempDir Path dir;

  private RolloverSimulation defaultPolicy() throws Exception {
    return new RolloverSimulation(
        KeyRolloverPolicy.defaults(),
        Duration.ofHours(1),
        Duration.ZERO,
        Duration.ofHours(1),
        dir,
        START);
  }

  private RolloverSimulation secureZone() throws Exception {
    RolloverSimulation sim = defaultPolicy();
    sim.runUntil(START.plus(Duration.ofDays(3)));
    assertThat(sim.manager().status(ZONE))
        .filteredOn(k -> k.role() == KeyRole.KSK)
        .singleElement()
        .satisfies(k -> assertThat(k.ds()).isEqualTo(RecordState.OMNIPRESENT));
    return sim;
  }

  @Test
  void aFailedPublicationCountsFromWhenItFinallySucceeded() throws Exception {
    RolloverSimulation sim = secureZone();
    sim.manager().requestRoll(ZONE, KeyRole.ZSK);
    sim.failPublications = 1;
    Instant t0 = sim.clock.instant().plusSeconds(60);
    assertThatThrownBy(() -> sim.tickAt(t0))
        .isInstanceOf(ZonePublishException.class)
        .hasMessageContaining("the primary is down");

    sim.tickAt(t0.plus(Duration.ofHours(2)));
    sim.runUntil(t0.plus(Duration.ofDays(5)));

    assertThat(sim.deletedByRole.getOrDefault("ZSK", 0)).isEqualTo(1);
    assertThat(sim.checker.violations()).isEmpty();
  }

  @Test
  void aNewProcessEveryTickPublishesOnlyWhatChangedAndStaysSafe() throws Exception {
    RolloverSimulation sim = secureZone();
    sim.restartEveryTick = true;
    int publications = sim.publications;
    TickResult quiet = sim.tickAt(sim.clock.instant().plusSeconds(60));
    assertThat(quiet.published()).as("nothing changed since the last process").isFalse();
    assertThat(quiet.changes()).isEmpty();
    assertThat(sim.publications).isEqualTo(publications);

    sim.runUntil(sim.clock.instant().plus(Duration.ofDays(40)));
    assertThat(sim.deletedByRole.getOrDefault("ZSK", 0)).as("a ZSK roll across restarts").isOne();
    assertThat(sim.publications).as("publications").isLessThan(sim.ticks);
    assertThat(sim.checker.violations()).isEmpty();
  }

  @Test
  void aZoneWhoseTtlsMayExceedThePolicysIsRefused() throws Exception {
    KeyRolloverPolicy policy = KeyRolloverPolicy.defaults();
    Clock clock = Clock.systemUTC();
    ParentDsChannel noParent =
        new ParentDsChannel() {
          @Override
          public void request(Name zone, Set<DSRecord> desired) {}

          @Override
          public ParentDsView observe(Name zone) {
            return new ParentDsView(zone, Optional.of(Set.of()), "no parent");
          }
        };
    KeyManager keys =
        KeyManager.builder()
            .store(FileStateStore.open(dir.resolve("s"), clock))
            .policy(policy)
            .parent(noParent)
            .build();
    ManagedSignedZoneBuilder b =
        ManagedSignedZone.builder()
            .origin(ZONE)
            .records(SignerFixtures.parse(ZONE, SignerFixtures.APEX))
            .store(FileStateStore.open(dir.resolve("z"), clock))
            .publisher((zone, previous) -> {})
            .clock(clock);
    ManagedSignedZone unbounded = b.build();
    assertThatThrownBy(() -> keys.register(unbounded))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has no largest TTL")
        .hasMessageContaining("86400 s");
    ManagedSignedZone tooLong = b.maxTtl(Duration.ofDays(2)).build();
    assertThatThrownBy(() -> keys.register(tooLong))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("allows TTLs up to 172800 s");
    assertThatThrownBy(() -> keys.adopt(tooLong, List.of(), clock))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> keys.tick(ZONE, clock)).as("nothing was registered");
    keys.register(b.policy(policy).build());
    assertThat(keys.tick(ZONE, clock).published()).isTrue();
  }

  @Test
  void aDsServedWithALongerTtlThanThePolicysIsNotCountedOn() throws Exception {
    RolloverSimulation sim = defaultPolicy();
    sim.parentDsTtl(Duration.ofDays(2)); // the policy plans with 1 day
    sim.runUntil(START.plus(Duration.ofDays(3)));
    assertThat(sim.events)
        .filteredOn(e -> e.type().equals("dnssec.ds.ttl-too-long"))
        .isNotEmpty()
        .allSatisfy(
            e ->
                assertThat(e.attributes())
                    .containsEntry("served", "172800")
                    .containsEntry("policy", "86400"));
    assertThat(sim.manager().status(ZONE))
        .filteredOn(k -> k.role() == KeyRole.KSK)
        .singleElement()
        .satisfies(k -> assertThat(k.ds()).isNotEqualTo(RecordState.OMNIPRESENT));

    String oldKsk = ksk(sim);
    sim.manager().requestRoll(ZONE, KeyRole.KSK);
    sim.runUntil(sim.clock.instant().plus(Duration.ofDays(10)));
    assertThat(sim.checker.violations()).isEmpty();
    assertThat(sim.manager().status(ZONE)).anyMatch(k -> k.id().equals(oldKsk));
    assertThat(sim.deletedByRole.getOrDefault("KSK", 0)).isZero();
  }

  @Test
  void aParentThatCannotBeAskedDelaysTheDsChangeButNotTheSignatures() throws Exception {
    RolloverSimulation sim = secureZone();
    sim.manager().requestRoll(ZONE, KeyRole.KSK);
    sim.failObservations = 1000;
    sim.runUntil(sim.clock.instant().plus(Duration.ofDays(30)));

    assertThat(sim.events).anyMatch(e -> e.type().equals("dnssec.ds.observe-failed"));
    assertThat(sim.events).anyMatch(e -> e.type().equals("dnssec.ds.overdue"));
    assertThat(sim.deletedByRole.getOrDefault("KSK", 0)).isZero();
    Instant now = sim.clock.instant();
    assertThat(sim.published)
        .filteredOn(r -> r instanceof RRSIGRecord)
        .allSatisfy(r -> assertThat(((RRSIGRecord) r).getExpire()).isAfter(now));
    assertThat(sim.checker.violations()).isEmpty();

    sim.failObservations = 0;
    sim.runUntil(sim.clock.instant().plus(Duration.ofDays(5)));
    assertThat(sim.deletedByRole.getOrDefault("KSK", 0)).isEqualTo(1);
    assertThat(sim.checker.violations()).isEmpty();
  }

  @Test
  void aRollWaitingForTheParentRaisesAnAlertAndKeepsTheOldKey() throws Exception {
    RolloverSimulation sim = secureZone();
    String oldKsk = ksk(sim);
    sim.parentLatency(Duration.ofDays(9));
    sim.manager().requestRoll(ZONE, KeyRole.KSK);
    sim.runUntil(sim.clock.instant().plus(Duration.ofDays(5)));

    assertThat(sim.events).anyMatch(e -> e.type().equals("dnssec.ds.overdue"));
    assertThat(sim.manager().status(ZONE)).anyMatch(k -> k.id().equals(oldKsk));
    assertThat(sim.deletedByRole.getOrDefault("KSK", 0)).isZero();

    sim.runUntil(sim.clock.instant().plus(Duration.ofDays(8)));
    assertThat(sim.deletedByRole.getOrDefault("KSK", 0)).isEqualTo(1);
    assertThat(sim.checker.violations()).isEmpty();
  }

  @Test
  void cdsAndCdnskeyAreSignedByTheKskOnly() throws Exception {
    RolloverSimulation sim = secureZone();
    Set<Integer> kskTags = tags(sim, KeyRole.KSK);
    Set<Integer> zskTags = tags(sim, KeyRole.ZSK);
    for (int type : new int[] {Type.CDS, Type.CDNSKEY}) {
      assertThat(sim.published).anyMatch(r -> r.getType() == type);
      Set<Integer> signers =
          sim.published.stream()
              .filter(r -> r instanceof RRSIGRecord s && s.getTypeCovered() == type)
              .map(r -> ((RRSIGRecord) r).getFootprint())
              .collect(Collectors.toSet());
      assertThat(signers).isEqualTo(kskTags).doesNotContainAnyElementsOf(zskTags);
    }
  }

  @Test
  void aRefusedDsRequestIsReportedAndAskedAgainAfterTheRetryInterval() throws Exception {
    RolloverSimulation sim = defaultPolicy();
    sim.refuseRequests = 1;
    assertThatThrownBy(() -> sim.runUntil(START.plus(Duration.ofDays(3))))
        .isInstanceOf(DnssecException.class)
        .hasMessageContaining("the parent refused the DS change for sim.example.")
        .hasMessageContaining("asked again after PT24H");
    assertThat(sim.events).anyMatch(e -> e.type().equals("dnssec.ds.request-failed"));
    Instant refused = sim.clock.instant();

    sim.runUntil(refused.plus(Duration.ofDays(3)));
    String ksk = ksk(sim);
    assertThat(sim.events)
        .filteredOn(e -> e.type().equals("dnssec.ds.requested"))
        .singleElement()
        .satisfies(e -> assertThat(e.time()).isAfterOrEqualTo(refused.plus(Duration.ofDays(1))));
    assertThat(sim.manager().status(ZONE))
        .filteredOn(k -> k.id().equals(ksk))
        .singleElement()
        .satisfies(k -> assertThat(k.ds()).isEqualTo(RecordState.OMNIPRESENT));
    assertThat(sim.checker.violations()).isEmpty();
  }

  @Test
  void goingInsecurePublishesTheDeleteFormAndEmptiesTheDsSet() throws Exception {
    RolloverSimulation sim = secureZone();
    sim.manager().goInsecure(ZONE);
    sim.checker.allowInsecure(true);
    sim.runUntil(sim.clock.instant().plus(Duration.ofDays(3)));

    assertThat(sim.parentServes()).isEmpty();
    assertThat(sim.published)
        .filteredOn(r -> r instanceof CDSRecord)
        .singleElement()
        .satisfies(r -> assertThat(r.rdataToString()).isEqualTo("0 0 0 00"));
    assertThat(sim.published)
        .filteredOn(r -> r instanceof CDNSKEYRecord)
        .singleElement()
        .satisfies(r -> assertThat(r.rdataToString()).isEqualTo("0 3 0 AA=="));
    assertThat(sim.checker.violations()).isEmpty();
  }

  @Test
  void aZoneLeasedElsewhereIsSkipped() throws Exception {
    RolloverSimulation sim = secureZone();
    try (Lease held =
        sim.store()
            .tryAcquire("dnssec/keys/sim.example/lease", "other-node", Duration.ofMinutes(5))
            .orElseThrow()) {
      TickResult r = sim.tickAt(sim.clock.instant().plusSeconds(1));
      assertThat(r.skipped()).isTrue();
      assertThat(r.changes()).isEmpty();
      assertThat(held.name()).isEqualTo("dnssec/keys/sim.example/lease");
    }
  }

  private static String ksk(RolloverSimulation sim) throws Exception {
    return sim.manager().status(ZONE).stream()
        .filter(k -> k.role() == KeyRole.KSK && !k.retiring())
        .findFirst()
        .orElseThrow()
        .id();
  }

  private static Set<Integer> tags(RolloverSimulation sim, KeyRole role) throws Exception {
    return sim.manager().status(ZONE).stream()
        .filter(k -> k.role() == role)
        .map(KeyStatus::keyTag)
        .collect(Collectors.toSet());
  }
}
