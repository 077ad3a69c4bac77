package org.zonetrust.dnssec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.zonetrust.dnssec.PeerSigners.ORIGIN;
import static org.zonetrust.dnssec.PeerSigners.VALID;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.NSEC3PARAMRecord;
import org.xbill.DNS.NSEC3Record;
import org.xbill.DNS.NSECRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;
import org.xbill.DNS.utils.base32;
import org.zonetrust.dnssec.PeerSigners.Denial;

/**
 * The verifier accepts zones signed by BIND, ldns and Knot (NSEC, NSEC3, NSEC3 opt-out), and
 * reports each kind of damage done to such a zone.
 */
class ZoneVerifierPeersTest {
  private static final Name WWW = Name.fromConstantString("www.example.test.");

  @TempDir static Path tmp;
  private static List<Record> bindNsec;
  private static List<Record> bindNsec3;

  @BeforeAll
  static void signWithBind() throws Exception {
    bindNsec = PeerSigners.bind(Files.createDirectories(tmp.resolve("bind-nsec")), Denial.NSEC);
    bindNsec3 = PeerSigners.bind(Files.createDirectories(tmp.resolve("bind-nsec3")), Denial.NSEC3);
  }

  static Stream<Arguments> peers() {
    List<Arguments> all = new ArrayList<>();
    for (String peer : List.of("dnssec-signzone", "ldns-signzone", "kzonesign")) {
      for (Denial denial : Denial.values()) {
        all.add(Arguments.of(peer, denial));
      }
    }
    return all.stream();
  }

  private static VerificationReport verify(List<Record> records) {
    return verify(records, VALID);
  }

  private static VerificationReport verify(List<Record> records, Clock clock) {
    return ZoneVerifier.builder().clock(clock).build().verify(ORIGIN, records);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("peers")
  void acceptsWhatThePeersSign(String peer, Denial denial, @TempDir Path dir) throws Exception {
    List<Record> signed =
        switch (peer) {
          case "dnssec-signzone" -> PeerSigners.bind(dir, denial);
          case "ldns-signzone" -> PeerSigners.ldns(dir, denial);
          default -> PeerSigners.knot(dir, denial);
        };
    VerificationReport report = verify(signed);
    assertThat(report.problems()).as(report.summary()).isEmpty();
    assertThat(report.ok()).isTrue();
    // 14 owner names in the zone; every one has at least one authoritative RRset
    assertThat(report.rrsetsChecked()).isGreaterThanOrEqualTo(20);
    assertThat(report.signaturesChecked()).isGreaterThanOrEqualTo(report.rrsetsChecked());
    assertThat(report.denial())
        .isEqualTo(
            switch (denial) {
              case NSEC -> "NSEC";
              case NSEC3 -> "NSEC3";
              case NSEC3_OPT_OUT -> "NSEC3 opt-out";
            });
    assertThat(report.summary()).startsWith("example.test.: OK (");
  }

  @Test
  void removedSignatureIsReported() {
    List<Record> zone = without(bindNsec, sigOf(WWW, Type.A));
    VerificationReport report = verify(zone);
    assertThat(report.problems())
        .containsExactly(
            new VerificationProblem(WWW, Type.A, "no valid signature by a key of algorithm 13"));
  }

  @Test
  void flippedSignatureByteIsReported() {
    List<Record> zone = new ArrayList<>();
    for (Record r : bindNsec) {
      zone.add(sigOf(WWW, Type.A).test(r) ? flipped((RRSIGRecord) r) : r);
    }
    VerificationReport report = verify(zone);
    assertThat(report.problems()).extracting(VerificationProblem::owner).containsOnly(WWW);
    assertThat(report.problems())
        .extracting(VerificationProblem::message)
        .anyMatch(m -> m.matches("RRSIG by key \\d+ \\(algorithm 13\\) does not verify"))
        .contains("no valid signature by a key of algorithm 13");
  }

  @Test
  void expiredAndNotYetValidSignaturesAreReportedForEveryRrset() {
    VerificationReport expired = verify(bindNsec, PeerSigners.EXPIRED);
    assertThat(expired.ok()).isFalse();
    assertThat(expired.problems())
        .filteredOn(p -> p.message().contains("expired at 2034-01-01T00:00:00Z"))
        .extracting(p -> p.owner() + "/" + p.type())
        .hasSizeGreaterThanOrEqualTo(expired.rrsetsChecked());
    VerificationReport early = verify(bindNsec, PeerSigners.TOO_EARLY);
    assertThat(early.problems())
        .anyMatch(p -> p.message().contains("is not valid before 2024-01-01T00:00:00Z"));
    assertThat(verify(bindNsec).ok()).isTrue();
  }

  @Test
  void removedNsecIsReportedAndTheChainBreaks() {
    List<Record> zone = without(bindNsec, r -> r.getName().equals(WWW) && r.getType() == Type.NSEC);
    VerificationReport report = verify(zone);
    assertThat(report.problems())
        .contains(
            new VerificationProblem(
                WWW, Type.NSEC, "no NSEC record: the NSEC chain is broken here"),
            new VerificationProblem(
                WWW, Type.RRSIG, "RRSIG covers NSEC but there is no such RRset here"));
  }

  @Test
  void wrongNsecBitmapIsReported() {
    List<Record> zone = new ArrayList<>();
    for (Record r : bindNsec) {
      if (r instanceof NSECRecord n && n.getName().equals(WWW)) {
        zone.add(new NSECRecord(WWW, DClass.IN, n.getTTL(), n.getNext(), new int[] {Type.A}));
      } else {
        zone.add(r);
      }
    }
    VerificationReport report = verify(zone);
    assertThat(report.problems())
        .contains(
            new VerificationProblem(
                WWW, Type.NSEC, "NSEC type bitmap is wrong: missing AAAA RRSIG NSEC"));
  }

  @Test
  void missingNsec3ForAnEmptyNonTerminalIsReported() throws Exception {
    Name ent = Name.fromConstantString("b.c.example.test.");
    NSEC3PARAMRecord params =
        (NSEC3PARAMRecord)
            bindNsec3.stream()
                .filter(r -> r.getType() == Type.NSEC3PARAM)
                .findFirst()
                .orElseThrow();
    String label =
        new base32(base32.Alphabet.BASE32HEX, false, false).toString(params.hashName(ent));
    Name hashed = Name.fromString(label, ORIGIN);
    assertThat(bindNsec3).anyMatch(r -> r.getName().equals(hashed) && r.getType() == Type.NSEC3);
    VerificationReport report = verify(without(bindNsec3, r -> r.getName().equals(hashed)));
    assertThat(report.problems())
        .anyMatch(
            p ->
                p.owner().equals(ent)
                    && p.type() == Type.NSEC3
                    && p.message().startsWith("no NSEC3 record for this empty non-terminal"));
    assertThat(report.problems())
        .anyMatch(p -> p.message().contains("the chain is not ordered or not closed"));
  }

  @Test
  void optOutMayLeaveOutInsecureDelegationsOnlyUnderAnOptOutRecord() throws Exception {
    List<Record> optOut =
        PeerSigners.bind(
            Files.createDirectories(tmp.resolve("bind-opt-out")), Denial.NSEC3_OPT_OUT);
    Name insecure = Name.fromConstantString("insecure.example.test.");
    NSEC3PARAMRecord params =
        (NSEC3PARAMRecord)
            optOut.stream().filter(r -> r.getType() == Type.NSEC3PARAM).findFirst().orElseThrow();
    Name hashed =
        Name.fromString(
            new base32(base32.Alphabet.BASE32HEX, false, false).toString(params.hashName(insecure)),
            ORIGIN);
    assertThat(optOut).noneMatch(r -> r.getName().equals(hashed));
    assertThat(verify(optOut).ok()).isTrue();
    List<Record> cleared = new ArrayList<>();
    for (Record r : optOut) {
      cleared.add(
          r instanceof NSEC3Record n
              ? new NSEC3Record(
                  n.getName(),
                  DClass.IN,
                  n.getTTL(),
                  n.getHashAlgorithm(),
                  0,
                  n.getIterations(),
                  n.getSalt(),
                  n.getNext(),
                  n.getTypes())
              : r);
    }
    assertThat(verify(cleared).problems())
        .contains(
            new VerificationProblem(
                insecure,
                Type.NSEC3,
                "insecure delegation without NSEC3 is not covered by an opt-out NSEC3 record"));
  }

  @Test
  void dnskeySignedOnlyByAZskIsReported() {
    int ksk =
        bindNsec.stream()
            .filter(r -> r instanceof DNSKEYRecord k && k.getFlags() == 257)
            .map(r -> ((DNSKEYRecord) r).getFootprint())
            .findFirst()
            .orElseThrow();
    List<Record> zone =
        without(
            bindNsec,
            r -> sigOf(ORIGIN, Type.DNSKEY).test(r) && ((RRSIGRecord) r).getFootprint() == ksk);
    assertThat(zone).anyMatch(sigOf(ORIGIN, Type.DNSKEY));
    VerificationReport report = verify(zone);
    assertThat(report.problems())
        .containsExactly(
            new VerificationProblem(
                ORIGIN,
                Type.DNSKEY,
                "the DNSKEY RRset is not signed by any key with the SEP flag (a KSK or CSK, flags"
                    + " 257)"));
  }

  @Test
  void signedGlueAndSignedDelegationNsAreReported() {
    Name glue = Name.fromConstantString("ns.insecure.example.test.");
    Name cut = Name.fromConstantString("insecure.example.test.");
    RRSIGRecord www = (RRSIGRecord) bindNsec.stream().filter(sigOf(WWW, Type.A)).findFirst().get();
    List<Record> zone = new ArrayList<>(bindNsec);
    zone.add(resigned(www, glue, Type.A));
    zone.add(resigned(www, cut, Type.NS));
    VerificationReport report = verify(zone);
    assertThat(report.problems())
        .containsExactlyInAnyOrder(
            new VerificationProblem(
                glue,
                Type.RRSIG,
                "occluded data below the delegation insecure.example.test. (glue) must not be"
                    + " signed"),
            new VerificationProblem(
                cut, Type.NS, "the NS RRset of a delegation must not be signed"));
  }

  @Test
  void missingDenialIsAProblemUnlessNotRequired() {
    List<Record> zone =
        without(
            bindNsec,
            r ->
                r.getType() == Type.NSEC
                    || (r instanceof RRSIGRecord s && s.getTypeCovered() == Type.NSEC));
    assertThat(verify(zone).problems())
        .containsExactly(
            new VerificationProblem(
                ORIGIN, Type.NSEC, "no NSEC or NSEC3 records: denial of existence is missing"));
    assertThat(
            ZoneVerifier.builder()
                .clock(VALID)
                .requireDenial(false)
                .build()
                .verify(ORIGIN, zone)
                .ok())
        .isTrue();
  }

  @Test
  void clockIsRequired() {
    assertThatThrownBy(() -> ZoneVerifier.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("clock is required");
  }

  private static Predicate<Record> sigOf(Name owner, int covered) {
    return r ->
        r instanceof RRSIGRecord s && s.getName().equals(owner) && s.getTypeCovered() == covered;
  }

  private static List<Record> without(List<Record> records, Predicate<Record> drop) {
    List<Record> kept = records.stream().filter(drop.negate()).toList();
    assertThat(kept).as("the mutation removed something").hasSizeLessThan(records.size());
    return kept;
  }

  private static RRSIGRecord flipped(RRSIGRecord s) {
    byte[] sig = s.getSignature().clone();
    sig[sig.length / 2] ^= 0x01;
    return new RRSIGRecord(
        s.getName(),
        DClass.IN,
        s.getTTL(),
        s.getTypeCovered(),
        s.getAlgorithm(),
        s.getOrigTTL(),
        s.getExpire(),
        s.getTimeSigned(),
        s.getFootprint(),
        s.getSigner(),
        sig);
  }

  private static RRSIGRecord resigned(RRSIGRecord s, Name owner, int covered) {
    return new RRSIGRecord(
        owner,
        DClass.IN,
        s.getTTL(),
        covered,
        s.getAlgorithm(),
        s.getOrigTTL(),
        s.getExpire(),
        s.getTimeSigned(),
        s.getFootprint(),
        s.getSigner(),
        s.getSignature());
  }
}
