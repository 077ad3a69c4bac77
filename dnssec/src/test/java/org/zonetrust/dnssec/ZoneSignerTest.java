package org.zonetrust.dnssec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.NSEC3PARAMRecord;
import org.xbill.DNS.NSEC3Record;
import org.xbill.DNS.NSECRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/** Structure of signed zones at every corner: delegations, glue, ENTs, wildcards, case, TTLs. */
class ZoneSignerTest {
  static final String ZONE =
      SignerFixtures.APEX
          + "www A 192.0.2.1\n"
          + "secure NS ns.secure\n"
          + "secure DS 12345 13 2 "
          + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n"
          + "ns.secure A 192.0.2.10\n"
          + "insecure NS ns.insecure\n"
          + "insecure A 192.0.2.99\n"
          + "ns.insecure A 192.0.2.11\n"
          + "deep.below.insecure TXT \"occluded\"\n"
          + "a.b.ent TXT \"behind two empty non-terminals\"\n"
          + "*.wild TXT \"wildcard\"\n"
          + "Mixed.CASE MX 10 Mail.Example.Test.\n"
          + "alias CNAME www\n"
          + "redirect DNAME example.net.\n";

  private static Name n(String relative) {
    return Name.fromConstantString(
        relative.isEmpty()
            ? SignerFixtures.ORIGIN.toString()
            : relative + "." + SignerFixtures.ORIGIN);
  }

  private static List<Record> sign(Denial denial) throws DnssecException {
    return SignerFixtures.signer(DnssecAlgorithm.ED25519, denial)
        .build()
        .sign(SignerFixtures.ORIGIN, SignerFixtures.parse(ZONE))
        .records();
  }

  private static Set<String> signedSets(List<Record> records) {
    return records.stream()
        .filter(r -> r instanceof RRSIGRecord)
        .map(r -> r.getName() + " " + Type.string(((RRSIGRecord) r).getTypeCovered()))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  @Test
  void signsExactlyTheAuthoritativeRRsetsAndEverySignatureVerifies() throws Exception {
    List<Record> records = sign(Denial.nsec());
    Set<String> signed = signedSets(records);
    assertThat(signed)
        .contains(
            "example.test. SOA",
            "example.test. NS",
            "example.test. DNSKEY",
            "www.example.test. A",
            "secure.example.test. DS",
            "*.wild.example.test. TXT",
            "alias.example.test. CNAME",
            "redirect.example.test. DNAME",
            "insecure.example.test. NSEC")
        .doesNotContain(
            "secure.example.test. NS",
            "insecure.example.test. NS",
            "insecure.example.test. A",
            "ns.secure.example.test. A",
            "ns.insecure.example.test. A",
            "deep.below.insecure.example.test. TXT");
    // glue and occluded data are still published
    assertThat(records).anyMatch(r -> r.getName().equals(n("deep.below.insecure")));
    // two keys, but every RRset other than DNSKEY carries exactly one signature (the ZSK's)
    long soaSigs =
        records.stream()
            .filter(r -> r instanceof RRSIGRecord s && s.getTypeCovered() == Type.SOA)
            .count();
    assertThat(soaSigs).isEqualTo(1);
    // one signature per RRset: DNSKEY by the KSK, everything else by the ZSK
    assertThat(SignerFixtures.verifyAllSignatures(records, SignerFixtures.T0))
        .isEqualTo(signed.size());
  }

  @Test
  void nsecChainSkipsEmptyNonTerminalsAndGlueAndHasDelegationBitmaps() throws Exception {
    Map<Name, NSECRecord> nsec = new TreeMap<>();
    for (Record r : sign(Denial.nsec())) {
      if (r instanceof NSECRecord x) {
        nsec.put(x.getName(), x);
      }
    }
    assertThat(nsec.keySet())
        .doesNotContain(n("ent"), n("b.ent"), n("ns.secure"), n("ns.insecure"), n("below.insecure"))
        .contains(n(""), n("a.b.ent"), n("secure"), n("insecure"), n("*.wild"));
    // the chain is closed and in canonical order
    List<Name> owners = List.copyOf(nsec.keySet());
    for (int i = 0; i < owners.size(); i++) {
      assertThat(nsec.get(owners.get(i)).getNext()).isEqualTo(owners.get((i + 1) % owners.size()));
    }
    assertThat(types(nsec.get(n("insecure")).getTypes())).containsExactly("NS", "RRSIG", "NSEC");
    assertThat(types(nsec.get(n("secure")).getTypes()))
        .containsExactly("NS", "DS", "RRSIG", "NSEC");
    assertThat(types(nsec.get(n("")).getTypes()))
        .containsExactly("NS", "SOA", "RRSIG", "NSEC", "DNSKEY");
    // RFC 9077: min(SOA TTL 3600, MINIMUM 300)
    assertThat(nsec.values()).allMatch(r -> r.getTTL() == 300);
  }

  @Test
  void nsec3HashesEmptyNonTerminalsAndLeavesOutOptOutDelegations() throws Exception {
    for (Denial denial : List.of(Denial.nsec3(), Denial.nsec3OptOut())) {
      List<Record> records = sign(denial);
      Map<Name, NSEC3Record> byOwner = new TreeMap<>();
      records.stream()
          .filter(r -> r instanceof NSEC3Record)
          .forEach(r -> byOwner.put(r.getName(), (NSEC3Record) r));
      NSEC3PARAMRecord param =
          (NSEC3PARAMRecord)
              records.stream()
                  .filter(r -> r.getType() == Type.NSEC3PARAM)
                  .findFirst()
                  .orElseThrow();
      assertThat(param.getName()).isEqualTo(SignerFixtures.ORIGIN);
      assertThat(param.getFlags()).isZero();
      assertThat(param.getIterations()).isZero();
      assertThat(param.getSalt()).isNullOrEmpty();

      NSEC3Record ent = byOwner.get(hashed(param, "b.ent"));
      assertThat(ent).as("NSEC3 of the empty non-terminal b.ent").isNotNull();
      assertThat(ent.getTypes()).isEmpty();
      assertThat(byOwner.get(hashed(param, "ns.secure"))).isNull();
      assertThat(byOwner.get(hashed(param, "below.insecure"))).isNull();
      assertThat(types(byOwner.get(hashed(param, "secure")).getTypes()))
          .containsExactly("NS", "DS", "RRSIG");
      assertThat(types(byOwner.get(hashed(param, "")).getTypes()))
          .containsExactly("NS", "SOA", "RRSIG", "DNSKEY", "NSEC3PARAM");
      NSEC3Record insecure = byOwner.get(hashed(param, "insecure"));
      if (denial.optOut()) {
        assertThat(insecure).isNull();
        assertThat(byOwner.values()).allMatch(r -> r.getFlags() == NSEC3Record.Flags.OPT_OUT);
      } else {
        assertThat(types(insecure.getTypes())).containsExactly("NS");
        assertThat(byOwner.values()).allMatch(r -> r.getFlags() == 0);
      }
      assertThat(byOwner.values()).allMatch(r -> r.getTTL() == 300 && r.getIterations() == 0);
      assertThat(records).noneMatch(r -> r instanceof NSECRecord);
      assertThat(SignerFixtures.verifyAllSignatures(records, SignerFixtures.T0)).isPositive();
    }
  }

  private static Name hashed(NSEC3PARAMRecord param, String relative) throws Exception {
    byte[] hash = param.hashName(n(relative));
    return Name.fromString(
        new org.xbill.DNS.utils.base32(org.xbill.DNS.utils.base32.Alphabet.BASE32HEX, false, true)
            .toString(hash),
        SignerFixtures.ORIGIN);
  }

  @Test
  void wildcardSignaturesLeaveTheStarOutOfTheLabelCount() throws Exception {
    RRSIGRecord sig =
        sign(Denial.nsec()).stream()
            .filter(r -> r instanceof RRSIGRecord s && s.getTypeCovered() == Type.TXT)
            .map(r -> (RRSIGRecord) r)
            .filter(s -> s.getName().equals(n("*.wild")))
            .findFirst()
            .orElseThrow();
    assertThat(sig.getLabels()).isEqualTo(3);
  }

  @Test
  void ownerNamesAndEmbeddedNamesAreInCanonicalLowerCase() throws Exception {
    List<Record> records = sign(Denial.nsec());
    MXRecord mx =
        (MXRecord) records.stream().filter(r -> r.getType() == Type.MX).findFirst().orElseThrow();
    assertThat(mx.getName().toString()).isEqualTo("mixed.case.example.test.");
    assertThat(mx.getTarget().toString()).isEqualTo("mail.example.test.");
    assertThat(records)
        .allMatch(r -> r.getName().toString().equals(r.getName().toString().toLowerCase()));
  }

  @Test
  void recordsComeInCanonicalOrderWithTheSoaFirst() throws Exception {
    List<Record> records = sign(Denial.nsec3());
    assertThat(records.get(0).getType()).isEqualTo(Type.SOA);
    for (int i = 1; i < records.size(); i++) {
      assertThat(records.get(i - 1).getName().compareTo(records.get(i).getName()))
          .as("%s before %s", records.get(i - 1), records.get(i))
          .isLessThanOrEqualTo(0);
    }
  }

  @Test
  void signatureOriginalTtlIsTheRRsetTtlAndDenialTtlFollowsRfc9077() throws Exception {
    String zone =
        "@ 60 SOA ns1 hostmaster 1 7200 3600 1209600 300\n"
            + "@ NS ns1\n"
            + "ns1 A 192.0.2.53\n"
            + "short 30 TXT \"x\"\n";
    for (Denial denial : List.of(Denial.nsec(), Denial.nsec3())) {
      List<Record> records =
          SignerFixtures.signer(DnssecAlgorithm.ED25519, denial)
              .build()
              .sign(SignerFixtures.ORIGIN, SignerFixtures.parse(zone))
              .records();
      for (Record r : records) {
        if (r instanceof RRSIGRecord s) {
          Record covered =
              records.stream()
                  .filter(x -> x.getName().equals(s.getName()) && x.getType() == s.getTypeCovered())
                  .findFirst()
                  .orElseThrow();
          assertThat(s.getOrigTTL()).isEqualTo(covered.getTTL());
          assertThat(s.getTTL()).isEqualTo(covered.getTTL());
        }
        if (r.getType() == Type.NSEC || r.getType() == Type.NSEC3) {
          assertThat(r.getTTL()).as("min(SOA TTL 60, MINIMUM 300)").isEqualTo(60);
        }
      }
    }
  }

  @Test
  void inputSignaturesAndChainsAreDroppedAndMadeAnew() throws Exception {
    ZoneSigner signer = SignerFixtures.signer(DnssecAlgorithm.ED25519, Denial.nsec3()).build();
    List<Record> once = signer.sign(SignerFixtures.ORIGIN, SignerFixtures.parse(ZONE)).records();
    SignedZone twice =
        SignerFixtures.signer(DnssecAlgorithm.ED25519, Denial.nsec())
            .build()
            .sign(SignerFixtures.ORIGIN, once);
    assertThat(twice.records())
        .noneMatch(r -> r instanceof NSEC3Record || r instanceof NSEC3PARAMRecord);
    assertThat(twice.toMasterFile())
        .isEqualTo(
            SignerFixtures.signer(DnssecAlgorithm.ED25519, Denial.nsec())
                .build()
                .sign(SignerFixtures.ORIGIN, SignerFixtures.parse(ZONE))
                .toMasterFile());
  }

  private static List<String> types(int[] types) {
    return java.util.Arrays.stream(types).mapToObj(Type::string).toList();
  }
}
