package org.zonetrust.dnssec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/** Incremental changes: what is re-signed, ownership, refused changes, output files. */
class ZoneSignerApplyTest {
  private static final Instant T1 = SignerFixtures.T0.plus(Duration.ofHours(1));

  private static ZoneSigner at(Instant t, Denial denial) {
    return ZoneSigner.builder()
        .keys(SignerFixtures.keys(DnssecAlgorithm.ED25519))
        .clock(Clock.fixed(t, ZoneOffset.UTC))
        .denial(denial)
        .build();
  }

  private static List<String> resignedAt(SignedZone z, Instant t) {
    Instant inception = t.minus(Duration.ofHours(1));
    return z.records().stream()
        .filter(r -> r instanceof RRSIGRecord s && s.getTimeSigned().equals(inception))
        .map(r -> r.getName() + " " + Type.string(((RRSIGRecord) r).getTypeCovered()))
        .sorted()
        .toList();
  }

  @Test
  void addingOneNameReSignsItsRRsetTheSoaAndTheChainNeighbours() throws Exception {
    String zone = SignatureLifetimeTest.zone(200);
    SignedZone z =
        at(SignerFixtures.T0, Denial.nsec())
            .sign(SignerFixtures.ORIGIN, SignerFixtures.parse(zone));
    List<Record> add = SignerFixtures.parse("h100a A 192.0.2.1\n");
    SignedZone next = at(T1, Denial.nsec()).apply(z, ZoneChange.of(add, List.of()));
    assertThat(resignedAt(next, T1))
        .containsExactly(
            "example.test. SOA",
            "h100.example.test. NSEC",
            "h100a.example.test. A",
            "h100a.example.test. NSEC");
    assertThat(SignerFixtures.verifyAllSignatures(next.records(), T1)).isPositive();
  }

  @Test
  void nsec3ChangesTouchOnlyTheHashNeighbours() throws Exception {
    SignedZone z =
        at(SignerFixtures.T0, Denial.nsec3())
            .sign(SignerFixtures.ORIGIN, SignerFixtures.parse(SignatureLifetimeTest.zone(200)));
    List<Record> add =
        SignerFixtures.parse("x.new.ent TXT \"one name, two empty non-terminals\"\n");
    SignedZone next = at(T1, Denial.nsec3()).apply(z, ZoneChange.of(add, List.of()));
    List<String> resigned = resignedAt(next, T1);
    assertThat(resigned).contains("example.test. SOA", "x.new.ent.example.test. TXT");
    // 3 new NSEC3 (x.new.ent and the empty non-terminals new.ent and ent), at most 3
    // predecessors; nothing else
    assertThat(resigned.stream().filter(s -> s.endsWith("NSEC3"))).hasSizeBetween(4, 6);
    assertThat(resigned).hasSizeLessThanOrEqualTo(8);
  }

  @Test
  void aDelegationOverExistingNamesOccludesThemAndRemovingItRestoresThem() throws Exception {
    String zone = SignerFixtures.APEX + "a.sub A 192.0.2.1\nb.sub TXT \"x\"\nsub MX 10 mail\n";
    for (Denial denial : List.of(Denial.nsec(), Denial.nsec3(), Denial.nsec3OptOut())) {
      ZoneSigner signer = at(SignerFixtures.T0, denial);
      SignedZone z = signer.sign(SignerFixtures.ORIGIN, SignerFixtures.parse(zone));
      String original = z.toMasterFile();
      List<Record> ns = SignerFixtures.parse("sub NS ns.example.net.\n");
      SignedZone cut = signer.apply(z, ZoneChange.of(ns, List.of()));
      String expectedCut =
          signer
              .sign(SignerFixtures.ORIGIN, SignerFixtures.parse(zone + "sub NS ns.example.net.\n"))
              .toMasterFile();
      assertThat(cut.toMasterFile()).isEqualTo(expectedCut);
      assertThat(cut.records())
          .noneMatch(
              r ->
                  r instanceof RRSIGRecord s
                      && s.getName().toString().endsWith("sub.example.test.")
                      && s.getTypeCovered() != Type.NSEC);
      SignedZone back = signer.apply(cut, ZoneChange.of(List.of(), ns));
      assertThat(back.toMasterFile()).isEqualTo(original);
    }
  }

  @Test
  void anAddedRecordGivesItsRRsetItsTtl() throws Exception {
    ZoneSigner signer = at(SignerFixtures.T0, Denial.nsec());
    SignedZone z =
        signer.sign(
            SignerFixtures.ORIGIN, SignerFixtures.parse(SignerFixtures.APEX + "t 300 TXT \"a\"\n"));
    SignedZone next =
        signer.apply(z, ZoneChange.of(SignerFixtures.parse("t 60 TXT \"b\"\n"), List.of()));
    assertThat(next.records())
        .filteredOn(r -> r.getType() == Type.TXT)
        .hasSize(2)
        .allMatch(r -> r.getTTL() == 60);
    assertThat(SignerFixtures.verifyAllSignatures(next.records(), SignerFixtures.T0)).isPositive();
  }

  @Test
  void theOldInstanceIsConsumedButARefusedChangeLeavesItUsable() throws Exception {
    ZoneSigner signer = at(SignerFixtures.T0, Denial.nsec());
    SignedZone z = signer.sign(SignerFixtures.ORIGIN, SignerFixtures.parse(SignerFixtures.APEX));
    String before = z.toMasterFile();
    List<Record> soa = SignerFixtures.parse("@ SOA ns1 hostmaster 2 7200 3600 1209600 300\n");
    assertThatThrownBy(() -> signer.apply(z, ZoneChange.of(soa, List.of())))
        .isInstanceOf(DnssecException.class)
        .hasMessageContaining("2 SOA records");
    assertThatThrownBy(
            () ->
                signer.apply(
                    z,
                    ZoneChange.of(
                        SignerFixtures.parse("www.example.net. A 192.0.2.1\n"), List.of())))
        .hasMessageContaining("outside the zone");
    assertThatThrownBy(
            () ->
                signer.apply(
                    z,
                    ZoneChange.of(
                        List.of(), SignerFixtures.parse("@ NS ns1\n@ NS ns2.example.net.\n"))))
        .hasMessageContaining("every NS record of the apex");
    assertThat(z.toMasterFile()).isEqualTo(before);

    SignedZone next =
        signer.apply(z, ZoneChange.of(SignerFixtures.parse("x A 192.0.2.9\n"), List.of()));
    assertThatThrownBy(z::records)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("consumed by ZoneSigner.apply");
    assertThat(next.records()).anyMatch(r -> r.getName().toString().equals("x.example.test."));
  }

  @Test
  void applyWithOtherKeysOrDenialReSignsTheWholeZone() throws Exception {
    SignedZone z =
        at(SignerFixtures.T0, Denial.nsec())
            .sign(SignerFixtures.ORIGIN, SignerFixtures.parse(SignatureLifetimeTest.zone(20)));
    List<Record> add = SignerFixtures.parse("new A 192.0.2.1\n");
    ZoneSigner nsec3 = at(SignerFixtures.T0, Denial.nsec3());
    SignedZone next = nsec3.apply(z, ZoneChange.of(add, List.of()));
    List<Record> all = SignerFixtures.parse(SignatureLifetimeTest.zone(20) + "new A 192.0.2.1\n");
    assertThat(next.toMasterFile())
        .isEqualTo(nsec3.sign(SignerFixtures.ORIGIN, all).toMasterFile());
  }

  @Test
  void theMasterFileIsWrittenAtomicallyAndReadsBackAsTheSameRecords(@TempDir Path dir)
      throws Exception {
    SignedZone z =
        at(SignerFixtures.T0, Denial.nsec3())
            .sign(SignerFixtures.ORIGIN, SignerFixtures.parse(ZoneSignerTest.ZONE));
    Path file = dir.resolve("example.test.signed");
    Files.writeString(file, "old content");
    z.writeMasterFile(file);
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(file);
    }
    List<Record> back = SignerFixtures.parse(Files.readString(file));
    assertThat(back).isEqualTo(z.records());
    assertThat(back.stream().map(Record::getTTL).toList())
        .isEqualTo(z.records().stream().map(Record::getTTL).toList());
  }
}
