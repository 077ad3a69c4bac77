package org.zonetrust.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DSRecord;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;
import org.zonetrust.core.dns.DnsQueries;
import org.zonetrust.core.dns.ParentDsChannel;
import org.zonetrust.core.event.ZoneTrustEvent;
import org.zonetrust.core.state.FileStateStore;
import org.zonetrust.dnssec.BindKeyFiles;
import org.zonetrust.dnssec.DnssecAlgorithm;
import org.zonetrust.dnssec.DnssecException;
import org.zonetrust.dnssec.KeyManager;
import org.zonetrust.dnssec.KeyRole;
import org.zonetrust.dnssec.KeyRolloverPolicy;
import org.zonetrust.dnssec.KeyStatus;
import org.zonetrust.dnssec.ManagedSignedZone;
import org.zonetrust.dnssec.RecordState;
import org.zonetrust.dnssec.SigningKey;
import org.zonetrust.dnssec.TickResult;
import org.zonetrust.registrar.ParentObserver;
import org.zonetrust.registrar.RegistrarDsUpdater;
import org.zonetrust.registrar.RegistrarDsUpdaters;
import org.zonetrust.testbed.Testbed;
import org.zonetrust.testbed.Tools;
import org.zonetrust.testbed.WithTestbed;

/**
 * Migration: a zone that BIND's tools sign today ({@code dnssec-keygen}, {@code dnssec-signzone}),
 * served by the testbed's BIND with its DS in {@code test.}, is taken over by the key manager from
 * its key files. The DS at the parent does not change, no key is made, and the zone the manager
 * publishes is signed by the same keys and validates.
 */
@WithTestbed
class AdoptBindZoneIT {
  private static final Duration TOOL_TIMEOUT = Duration.ofMinutes(1);

  @Test
  void aZoneSignedByBindToolsIsAdoptedWithoutAnyRolloverAndKeepsItsDs(Testbed tb) throws Exception {
    Clock clock = Clock.systemUTC();
    Path work = Files.createTempDirectory("zonetrust-adopt-");
    Name zone = Name.fromString("adopt-" + suffix() + "." + tb.parentZone());
    Path keyDir = Files.createDirectories(work.resolve("keys"));
    List<Record> unsigned = RolloverRig.records(zone, tb);
    Path unsignedFile = work.resolve("zone.db");
    Files.writeString(unsignedFile, masterFile(unsigned));
    keygen(keyDir, zone, "ECDSAP256SHA256", true);
    keygen(keyDir, zone, "ECDSAP256SHA256", false);
    Path signedFile = work.resolve("zone.signed");
    Tools.run(
            keyDir,
            TOOL_TIMEOUT,
            "dnssec-signzone",
            List.of(
                "-S",
                "-K",
                keyDir.toString(),
                "-o",
                zone.toString(),
                "-N",
                "keep",
                "-f",
                signedFile.toString(),
                unsignedFile.toString()))
        .requireOk();
    tb.addSignedZone(zone.toString(), signedFile, true);

    List<SigningKey> bindKeys = BindKeyFiles.readDirectory(keyDir, zone);
    assertThat(bindKeys).extracting(SigningKey::role).containsExactly(KeyRole.KSK, KeyRole.ZSK);
    int kskTag = bindKeys.get(0).keyTag();
    int zskTag = bindKeys.get(1).keyTag();

    // the testbed's parent serves the DS with TTL 60 s, so fast() (DS TTL 2 s) cannot adopt it
    KeyRolloverPolicy strict = KeyRolloverPolicy.fast();
    KeyRolloverPolicy policy = strict.toBuilder().dsTtl(Duration.ofSeconds(60)).build();
    FileStateStore store = FileStateStore.open(work.resolve("state"), clock);
    ManagedSignedZone managed =
        ManagedSignedZone.builder()
            .origin(zone)
            .records(unsigned)
            .store(store)
            .publisher(
                RolloverRig.bindPublisher(tb, zone, work.resolve("managed.db"), /* added */ true))
            .clock(clock)
            .policy(policy)
            .build();
    List<ZoneTrustEvent> events = new CopyOnWriteArrayList<>();
    DnsQueries dns = new DnsQueries();
    try (RegistrarDsUpdater updater = RolloverRig.updater(tb, policy.dsTtl(), clock);
        ParentObserver observer = RolloverRig.observer(tb, clock)) {
      ParentDsChannel parent = RegistrarDsUpdaters.parentChannel(updater, observer);
      Set<DSRecord> before = RolloverRig.agreedDs(parent, zone);
      assertThat(before).hasSize(1).allMatch(ds -> ds.getFootprint() == kskTag);

      KeyManager tooShort = KeyManager.builder().store(store).policy(strict).parent(parent).build();
      assertThatThrownBy(() -> tooShort.adopt(managed, bindKeys, clock))
          .isInstanceOf(DnssecException.class)
          .hasMessageContaining("with TTL 60 s, above the policy's dsTtl of 2 s");
      assertThat(store.list("dnssec/keys/")).as("a refused adoption stores no key").isEmpty();

      KeyManager keys =
          KeyManager.builder()
              .store(store)
              .policy(policy)
              .parent(parent)
              .events(events::add)
              .build();
      keys.adopt(managed, bindKeys, clock);
      List<String> changes = new ArrayList<>();
      long until = System.nanoTime() + Duration.ofSeconds(6).toNanos();
      TickResult r = keys.tick(zone, clock);
      changes.addAll(r.changes());
      assertThat(r.published()).as("the first tick publishes the adopted zone").isTrue();
      while (System.nanoTime() < until) {
        long wait = Duration.between(clock.instant(), r.nextEvent()).toMillis();
        Thread.sleep(Math.max(1, Math.min(wait, RolloverRig.MAX_WAIT.toMillis())));
        r = keys.tick(zone, clock);
        changes.addAll(r.changes());
      }
      System.out.println(zone + ": changes after adoption: " + changes);

      assertThat(changes).noneMatch(c -> c.contains("created") || c.contains("retires"));
      assertThat(events)
          .extracting(ZoneTrustEvent::type)
          .contains("dnssec.zone.adopted")
          .doesNotContain("dnssec.key.created", "dnssec.ds.requested", "dnssec.key.deleted");
      List<KeyStatus> status = keys.status(zone);
      assertThat(status).extracting(KeyStatus::keyTag).containsExactlyInAnyOrder(kskTag, zskTag);
      for (KeyStatus k : status) {
        assertThat(k.retiring()).as("%s", k).isFalse();
        assertThat(k.dnskey()).as("%s", k).isEqualTo(RecordState.OMNIPRESENT);
        if (k.role() == KeyRole.KSK) {
          assertThat(k.krrsig()).as("%s", k).isEqualTo(RecordState.OMNIPRESENT);
          assertThat(k.ds()).as("%s", k).isEqualTo(RecordState.OMNIPRESENT);
        } else {
          assertThat(k.zrrsig()).as("%s", k).isEqualTo(RecordState.OMNIPRESENT);
        }
      }
      assertThat(RolloverRig.agreedDs(parent, zone)).isEqualTo(before);

      long published = soa(managed.current().orElseThrow().records()).getSerial();
      assertThat(published).isGreaterThan(1);
      assertThat(tb.soaSerial(tb.bind(), zone.toString())).isEqualTo(published);
      SimpleResolver bind = RolloverRig.bind(tb);
      Name www = Name.fromString("www", zone);
      assertThat(RolloverRig.signerTags(RolloverRig.ask(dns, bind, zone, Type.DNSKEY)))
          .containsExactly(kskTag);
      assertThat(RolloverRig.signerTags(RolloverRig.ask(dns, bind, www, Type.A)))
          .containsExactly(zskTag);
      Message answer = RolloverRig.ask(dns, RolloverRig.unbound(tb), www, Type.A);
      assertThat(answer.getRcode()).as("%s", answer).isEqualTo(Rcode.NOERROR);
      assertThat(answer.getHeader().getFlag(Flags.AD)).as("AD in %s", answer).isTrue();
      assertThat(RolloverRig.signerTags(answer)).containsExactly(zskTag);
    }
  }

  @Test
  void keysThatDoNotFitThePolicyAreRefusedNamingTheKey(Testbed tb) throws Exception {
    Clock clock = Clock.systemUTC();
    Path work = Files.createTempDirectory("zonetrust-adopt-rsa-");
    Name zone = Name.fromString("adopt-rsa-" + suffix() + "." + tb.parentZone());
    Path keyDir = Files.createDirectories(work.resolve("keys"));
    keygen(keyDir, zone, "RSASHA256", true);
    keygen(keyDir, zone, "ECDSAP256SHA256", false);
    List<SigningKey> bindKeys = BindKeyFiles.readDirectory(keyDir, zone);
    SigningKey rsa =
        bindKeys.stream()
            .filter(k -> k.algorithm() == DnssecAlgorithm.RSASHA256)
            .findFirst()
            .orElseThrow();
    FileStateStore store = FileStateStore.open(work.resolve("state"), clock);
    ManagedSignedZone managed =
        ManagedSignedZone.builder()
            .origin(zone)
            .records(RolloverRig.records(zone, tb))
            .store(store)
            .publisher((signed, previous) -> {})
            .clock(clock)
            .policy(KeyRolloverPolicy.defaults())
            .build();
    try (RegistrarDsUpdater updater = RolloverRig.updater(tb, Duration.ofHours(1), clock);
        ParentObserver observer = RolloverRig.observer(tb, clock)) {
      KeyManager keys =
          KeyManager.builder()
              .store(store)
              .policy(KeyRolloverPolicy.defaults())
              .parent(RegistrarDsUpdaters.parentChannel(updater, observer))
              .build();

      assertThatThrownBy(() -> keys.adopt(managed, bindKeys, clock))
          .isInstanceOf(DnssecException.class)
          .hasMessageContaining("8/" + rsa.keyTag())
          .hasMessageContaining("does not fit policy");
      assertThat(keys.status(zone)).isEmpty();
    }
  }

  private static void keygen(Path dir, Name zone, String algorithm, boolean ksk) {
    List<String> args =
        new ArrayList<>(List.of("-q", "-K", dir.toString(), "-a", algorithm, "-L", "2"));
    if (algorithm.startsWith("RSA")) {
      args.addAll(List.of("-b", "2048"));
    }
    if (ksk) {
      args.addAll(List.of("-f", "KSK"));
    }
    args.addAll(List.of("-n", "ZONE", zone.toString()));
    Tools.run(dir, TOOL_TIMEOUT, "dnssec-keygen", args).requireOk();
  }

  private static String masterFile(List<Record> records) {
    StringBuilder out = new StringBuilder();
    for (Record r : records) {
      out.append(r).append('\n');
    }
    return out.toString();
  }

  private static SOARecord soa(List<Record> records) {
    return records.stream()
        .filter(r -> r instanceof SOARecord)
        .map(SOARecord.class::cast)
        .findFirst()
        .orElseThrow();
  }

  private static String suffix() {
    return Long.toHexString(System.nanoTime() & 0xffffffL);
  }
}
