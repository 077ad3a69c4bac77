package org.zonetrust.dnssec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.CDSRecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;
import org.zonetrust.core.dns.DnsPrerequisite;
import org.zonetrust.core.dns.DnsUpdate;
import org.zonetrust.core.dns.DnsUpdateException;
import org.zonetrust.core.state.FileStateStore;
import org.zonetrust.testbed.Tools;

class ManagedSignedZoneTest {
  private static final Name ORIGIN = SignerFixtures.ORIGIN;
  private static final Name CHALLENGE =
      Name.fromConstantString("_acme-challenge.www.example.test.");

  @TempDir Path dir;
  private final SimClock clock = new SimClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
  private final List<SignedZone> published = new ArrayList<>();
  private final List<List<Record>> previous = new ArrayList<>();
  private final List<List<Record>> snapshots = new ArrayList<>();

  private final ZonePublisher recording =
      (zone, prev) -> {
        published.add(zone);
        previous.add(prev);
        snapshots.add(zone.records());
      };

  private final SigningKey ksk = SignerFixtures.keys(DnssecAlgorithm.ECDSAP256SHA256).get(0);
  private final SigningKey zsk = SignerFixtures.keys(DnssecAlgorithm.ECDSAP256SHA256).get(1);

  private ManagedSignedZone zone() throws Exception {
    return ManagedSignedZone.builder()
        .origin(ORIGIN)
        .records(SignerFixtures.parse(SignerFixtures.APEX + "www A 192.0.2.1\n"))
        .store(FileStateStore.open(dir.resolve("state"), clock))
        .publisher(recording)
        .clock(clock)
        .build();
  }

  private static TXTRecord txt(String value) {
    return new TXTRecord(CHALLENGE, DClass.IN, 60, value);
  }

  private List<Record> last() {
    return snapshots.get(snapshots.size() - 1);
  }

  private void assertVerifies() throws Exception {
    SignedZone z = published.get(published.size() - 1);
    VerificationReport report =
        ZoneVerifier.builder().clock(clock).build().verify(ORIGIN, z.records());
    assertThat(report.ok()).as(report.summary()).isTrue();
    Path file = dir.resolve("zone-" + published.size() + ".db");
    z.writeMasterFile(file);
    Tools.Result r = Tools.run(dir, "dnssec-verify", "-o", ORIGIN.toString(), file.toString());
    assertThat(r.exitCode()).as(r.output()).isZero();
  }

  private long serial() {
    return ((SOARecord) last().get(0)).getSerial();
  }

  private Set<Integer> signerTags(int covered) {
    return last().stream()
        .filter(r -> r instanceof RRSIGRecord s && s.getTypeCovered() == covered)
        .map(r -> ((RRSIGRecord) r).getFootprint())
        .collect(Collectors.toSet());
  }

  @Test
  void acmeTxtAddAndDeleteAreSignedAndEveryPublicationVerifies() throws Exception {
    ManagedSignedZone z = zone();
    z.apply(DnsUpdate.builder(ORIGIN).add(txt("before keys")).build());
    assertThat(published).isEmpty(); // nothing to publish before keys: only stored

    z.setKeys(KeySetup.of(List.of(ksk, zsk), Duration.ofMinutes(5)));
    assertThat(published).hasSize(1);
    assertThat(previous.get(0)).isEmpty();
    assertVerifies();
    long first = serial();

    z.apply(DnsUpdate.builder(ORIGIN).add(txt("token-1")).build());
    assertThat(published).hasSize(2);
    assertThat(previous.get(1)).isEqualTo(snapshots.get(0));
    assertVerifies();
    assertThat(serial()).isGreaterThan(first);
    assertThat(last())
        .anyMatch(r -> r instanceof TXTRecord t && t.getStrings().contains("token-1"));
    assertThat(signerTags(Type.TXT)).containsExactly(zsk.keyTag());

    z.apply(DnsUpdate.builder(ORIGIN).deleteRRset(CHALLENGE, Type.TXT).build());
    assertVerifies();
    assertThat(last()).noneMatch(r -> r.getName().equals(CHALLENGE));
    assertThat(signerTags(Type.TXT)).isEmpty();

    int before = published.size();
    z.apply(DnsUpdate.builder(ORIGIN).delete(txt("token-1")).build()); // idempotent: no change
    assertThat(published).hasSize(before);
  }

  @Test
  void prerequisitesFailCleanlyAndChangeNothing() throws Exception {
    ManagedSignedZone z = zone();
    z.setKeys(KeySetup.of(List.of(ksk, zsk), Duration.ofMinutes(5)));
    DnsUpdate guarded =
        DnsUpdate.builder(ORIGIN)
            .require(new DnsPrerequisite.RRsetExists(CHALLENGE, Type.TXT))
            .add(txt("x"))
            .build();
    assertThatThrownBy(() -> z.apply(guarded))
        .isInstanceOf(DnsUpdateException.class)
        .hasMessageContaining("example.test.")
        .hasMessageContaining("RRsetExists")
        .satisfies(
            e ->
                assertThat(((DnsUpdateException) e).reason())
                    .isEqualTo(DnsUpdateException.Reason.PREREQUISITE_FAILED));
    assertThat(published).hasSize(1);
    DnsUpdate absent =
        DnsUpdate.builder(ORIGIN)
            .require(new DnsPrerequisite.NameNotInUse(CHALLENGE))
            .add(txt("x"))
            .build();
    z.apply(absent);
    assertThat(published).hasSize(2);
    assertThatThrownBy(() -> z.apply(absent))
        .hasMessageContaining("YXDOMAIN")
        .hasMessageContaining("NameNotInUse");
  }

  @Test
  void keyRecordsCannotBeChangedThroughApply() throws Exception {
    ManagedSignedZone z = zone();
    for (DnsUpdate u :
        List.of(
            DnsUpdate.builder(ORIGIN).add(zsk.dnskey()).build(),
            DnsUpdate.builder(ORIGIN).deleteRRset(ORIGIN, Type.CDS).build(),
            DnsUpdate.builder(ORIGIN).deleteRRset(ORIGIN, Type.RRSIG).build())) {
      assertThatThrownBy(() -> z.apply(u))
          .isInstanceOf(DnsUpdateException.class)
          .hasMessageContaining("key manager");
    }
  }

  private ManagedSignedZone again(ZonePublisher publisher) throws Exception {
    return ManagedSignedZone.builder()
        .origin(ORIGIN)
        .records(SignerFixtures.parse(SignerFixtures.APEX)) // ignored: the store has the zone
        .store(FileStateStore.open(dir.resolve("state"), clock))
        .publisher(publisher)
        .clock(clock)
        .build();
  }

  private KeySetup setup() {
    return KeySetup.of(List.of(ksk, zsk), Duration.ofMinutes(5));
  }

  @Test
  void aSecondInstanceOverTheSameStoreResumesWithoutRepublishing() throws Exception {
    ManagedSignedZone z = zone();
    assertThat(z.setKeys(setup())).isTrue();
    z.apply(DnsUpdate.builder(ORIGIN).add(txt("kept")).build());
    long served = serial();
    int publications = published.size();

    ManagedSignedZone again = again(recording);
    assertThat(again.unsignedRecords()).contains(txt("kept"));
    assertThat(again.setKeys(setup())).as("the receipt shows this zone is published").isFalse();
    assertThat(published).hasSize(publications);
    assertThat(again.current()).isEmpty();
    assertThat(again.nextRefresh()).isEqualTo(z.nextRefresh());
    assertThat(again.refresh()).as("not due yet").isFalse();
    assertThat(published).hasSize(publications);

    again.apply(DnsUpdate.builder(ORIGIN).add(txt("after restart")).build());
    assertThat(published).hasSize(publications + 1);
    assertThat(previous.get(previous.size() - 1)).isEmpty(); // unknown after a restart
    assertThat(serial()).isGreaterThan(served);
    assertThat(last())
        .anyMatch(r -> r instanceof TXTRecord t && t.getStrings().contains("kept"))
        .anyMatch(r -> r instanceof TXTRecord t && t.getStrings().contains("after restart"));
    assertVerifies();
  }

  @Test
  void aSecondInstanceRepublishesWhenWhatItWouldPublishDiffers() throws Exception {
    ManagedSignedZone z = zone();
    z.setKeys(setup());
    int publications = published.size();

    SigningKey prePublished =
        SigningKey.generate(ORIGIN, DnssecAlgorithm.ECDSAP256SHA256, KeyRole.ZSK);
    KeySetup other =
        new KeySetup(
            List.of(ksk, zsk), List.of(prePublished.dnskey()), List.of(), Duration.ofMinutes(5));
    assertThat(again(recording).setKeys(other)).as("another key setup").isTrue();
    assertThat(published).hasSize(++publications);
    String prePublishedKey = prePublished.dnskey().rdataToString();
    assertThat(last())
        .anyMatch(r -> r instanceof DNSKEYRecord k && k.rdataToString().equals(prePublishedKey));

    assertThat(again(recording).setKeys(other)).as("the receipt follows the last one").isFalse();
    ZonePublisher elsewhere =
        new ZonePublisher() {
          @Override
          public void publish(SignedZone zone, List<Record> prev) throws ZonePublishException {
            recording.publish(zone, prev);
          }

          @Override
          public String toString() {
            return "another server";
          }
        };
    assertThat(again(elsewhere).setKeys(other)).as("another publisher").isTrue();
    assertThat(published).hasSize(++publications);

    FileStateStore.open(dir.resolve("state"), clock)
        .put("dnssec/zones/example.test/published", "garbage".getBytes(StandardCharsets.UTF_8));
    assertThat(again(elsewhere).setKeys(other)).as("a damaged receipt").isTrue();
    assertThat(published).hasSize(++publications);

    ManagedSignedZone restored = again(elsewhere);
    assertThat(restored.setKeys(other)).isFalse();
    clock.set(restored.nextRefresh().orElseThrow());
    assertThat(restored.refresh()).as("the restored instance refreshes when due").isTrue();
    assertThat(published).hasSize(++publications);
    // the clock is past the real time, so only the clock-aware verifier can judge this one
    VerificationReport report = ZoneVerifier.builder().clock(clock).build().verify(ORIGIN, last());
    assertThat(report.ok()).as(report.summary()).isTrue();
    ManagedSignedZone next = again(elsewhere);
    assertThat(next.setKeys(other)).as("the refreshed zone's receipt").isFalse();
    clock.set(next.nextRefresh().orElseThrow());
    assertThat(again(elsewhere).setKeys(other)).as("a new instance when due").isTrue();
    assertThat(published).hasSize(++publications);
  }

  @Test
  void aPublicationThatFailedIsRepublishedByTheNextInstance() throws Exception {
    java.util.concurrent.atomic.AtomicBoolean fail =
        new java.util.concurrent.atomic.AtomicBoolean();
    ZonePublisher flaky =
        (zone, prev) -> {
          if (fail.get()) {
            throw new ZonePublishException("the server is down");
          }
          recording.publish(zone, prev);
        };
    ManagedSignedZone z = again(flaky);
    z.setKeys(setup());
    int publications = published.size();
    fail.set(true);
    assertThatThrownBy(() -> z.apply(DnsUpdate.builder(ORIGIN).add(txt("lost?")).build()))
        .isInstanceOf(DnsUpdateException.class);
    fail.set(false);
    assertThat(again(flaky).setKeys(setup())).isTrue();
    assertThat(published).hasSize(publications + 1);
    assertThat(last()).anyMatch(r -> r instanceof TXTRecord t && t.getStrings().contains("lost?"));
  }

  @Test
  void recordsAboveTheLargestTtlAreRefusedWhenBuiltAndWhenAdded() throws Exception {
    ManagedSignedZoneBuilder b =
        ManagedSignedZone.builder()
            .origin(ORIGIN)
            .records(SignerFixtures.parse(SignerFixtures.APEX + "www 7200 A 192.0.2.1\n"))
            .store(FileStateStore.open(dir.resolve("state"), clock))
            .publisher(recording)
            .clock(clock)
            .maxTtl(Duration.ofHours(1));
    assertThatThrownBy(b::build)
        .isInstanceOf(DnssecException.class)
        .hasMessageContaining("www.example.test.")
        .hasMessageContaining("7200")
        .hasMessageContaining("largest TTL of 3600 s");

    ManagedSignedZone z = zone(); // stores the zone, no limit
    z.setKeys(setup());
    z.apply(
        DnsUpdate.builder(ORIGIN).add(new TXTRecord(CHALLENGE, DClass.IN, 7200, "long")).build());
    int publications = published.size();
    ManagedSignedZoneBuilder limited =
        ManagedSignedZone.builder()
            .origin(ORIGIN)
            .store(FileStateStore.open(dir.resolve("state"), clock))
            .publisher(recording)
            .clock(clock)
            .maxTtl(Duration.ofHours(1));
    assertThatThrownBy(limited::build)
        .as("stored records are checked too")
        .isInstanceOf(DnssecException.class)
        .hasMessageContaining("_acme-challenge")
        .hasMessageContaining("dnssec/zones/example.test/records");
    z.apply(DnsUpdate.builder(ORIGIN).deleteRRset(CHALLENGE, Type.TXT).build());

    ManagedSignedZone within = limited.build();
    assertThat(within.maxTtl()).contains(Duration.ofHours(1));
    List<Record> before = within.unsignedRecords();
    DnsUpdate tooLong =
        DnsUpdate.builder(ORIGIN).add(new TXTRecord(CHALLENGE, DClass.IN, 3601, "x")).build();
    assertThatThrownBy(() -> within.apply(tooLong))
        .isInstanceOf(DnsUpdateException.class)
        .hasMessageContaining("REFUSED")
        .hasMessageContaining("above the zone's largest TTL of 3600 s");
    assertThat(within.unsignedRecords()).isEqualTo(before);
    assertThat(within.setKeys(setup())).as("published by the first instance").isFalse();
    within.apply(
        DnsUpdate.builder(ORIGIN).add(new TXTRecord(CHALLENGE, DClass.IN, 3600, "x")).build());
    assertThat(published).hasSize(publications + 2);

    assertThatThrownBy(() -> ManagedSignedZone.builder().maxTtl(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ManagedSignedZone.builder().maxTtl(Duration.ofMillis(1500)))
        .isInstanceOf(IllegalArgumentException.class);
    KeyRolloverPolicy fast = KeyRolloverPolicy.fast();
    assertThat(ManagedSignedZone.builder().policy(fast).maxTtl).isEqualTo(fast.maxZoneTtl());
  }

  @Test
  void keyRecordsAreSignedByTheKskOnlyWithTheSetupTtl() throws Exception {
    SigningKey prePublished =
        SigningKey.generate(ORIGIN, DnssecAlgorithm.ECDSAP256SHA256, KeyRole.ZSK);
    Record cds = new CDSRecord(ORIGIN, DClass.IN, 86400, DigestType.SHA256.code(), ksk.dnskey());
    ManagedSignedZone z = zone();
    z.setKeys(
        new KeySetup(
            List.of(ksk, zsk),
            List.of(prePublished.dnskey()),
            List.of(cds),
            Duration.ofSeconds(123)));
    assertVerifies();
    assertThat(signerTags(Type.DNSKEY)).containsExactly(ksk.keyTag());
    assertThat(signerTags(Type.CDS)).containsExactly(ksk.keyTag());
    assertThat(signerTags(Type.SOA)).containsExactly(zsk.keyTag());
    assertThat(
            last().stream()
                .filter(
                    r -> r instanceof RRSIGRecord s && s.getFootprint() == prePublished.keyTag()))
        .isEmpty();
    List<Record> keys = last().stream().filter(r -> r.getType() == Type.DNSKEY).toList();
    assertThat(keys).hasSize(3).allMatch(r -> r.getTTL() == 123);
    assertThat(keys.stream().map(r -> ((DNSKEYRecord) r).getFootprint()))
        .containsExactlyInAnyOrder(ksk.keyTag(), zsk.keyTag(), prePublished.keyTag());
    assertThat(last())
        .filteredOn(r -> r.getType() == Type.CDS)
        .singleElement()
        .satisfies(r -> assertThat(r.getTTL()).isEqualTo(123));

    int before = published.size();
    z.setKeys(
        new KeySetup(
            List.of(ksk, zsk),
            List.of(prePublished.dnskey()),
            List.of(cds),
            Duration.ofSeconds(123)));
    assertThat(published).hasSize(before); // unchanged setup: nothing
  }

  @Test
  void refreshResignsOnlyWhenDue() throws Exception {
    ManagedSignedZone z = zone();
    z.setKeys(KeySetup.of(List.of(ksk, zsk), Duration.ofMinutes(5)));
    Instant due = z.nextRefresh().orElseThrow();
    assertThat(due).isAfter(clock.instant());
    clock.set(due.minusSeconds(1));
    assertThat(z.refresh()).isFalse();
    assertThat(published).hasSize(1);
    clock.set(due);
    assertThat(z.refresh()).isTrue();
    assertThat(published).hasSize(2);
    assertThat(z.nextRefresh().orElseThrow()).isAfter(due);
    VerificationReport report = ZoneVerifier.builder().clock(clock).build().verify(ORIGIN, last());
    assertThat(report.ok()).as(report.summary()).isTrue();
  }

  @Test
  void aFailedPublicationIsReportedAndRetried() throws Exception {
    java.util.concurrent.atomic.AtomicBoolean fail =
        new java.util.concurrent.atomic.AtomicBoolean();
    ManagedSignedZone z =
        ManagedSignedZone.builder()
            .origin(ORIGIN)
            .records(SignerFixtures.parse(SignerFixtures.APEX))
            .store(FileStateStore.open(dir.resolve("state"), clock))
            .publisher(
                (zone, prev) -> {
                  if (fail.get()) {
                    throw new ZonePublishException("zone " + ORIGIN + ": server down");
                  }
                  recording.publish(zone, prev);
                })
            .clock(clock)
            .build();
    z.setKeys(KeySetup.of(List.of(ksk, zsk), Duration.ofMinutes(5)));
    fail.set(true);
    assertThatThrownBy(() -> z.apply(DnsUpdate.builder(ORIGIN).add(txt("t")).build()))
        .isInstanceOf(DnsUpdateException.class)
        .hasMessageContaining("server down")
        .satisfies(
            e ->
                assertThat(((DnsUpdateException) e).reason())
                    .isEqualTo(DnsUpdateException.Reason.SERVER_ERROR));
    assertThat(published).hasSize(1);
    fail.set(false);
    assertThat(z.refresh()).isTrue(); // not due, but the failed publication is retried
    assertThat(published).hasSize(2);
    assertThat(last()).anyMatch(r -> r instanceof TXTRecord t && t.getStrings().contains("t"));
    assertVerifies();
    assertThat(z.refresh()).isFalse();
  }
}
