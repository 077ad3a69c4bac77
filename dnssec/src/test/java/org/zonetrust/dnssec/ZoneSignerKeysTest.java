package org.zonetrust.dnssec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/** Which keys sign what, the DNSKEY RRset, and the errors about keys and input. */
class ZoneSignerKeysTest {
  private static final Name ORIGIN = SignerFixtures.ORIGIN;

  private static List<RRSIGRecord> sigs(List<Record> records, int covered) {
    return records.stream()
        .filter(r -> r instanceof RRSIGRecord s && s.getTypeCovered() == covered)
        .map(r -> (RRSIGRecord) r)
        .toList();
  }

  @Test
  void kskSignsKeysAndCdsZskSignsTheRest() throws Exception {
    List<SigningKey> keys = SignerFixtures.keys(DnssecAlgorithm.ECDSAP256SHA256);
    SigningKey ksk = keys.get(0);
    SigningKey zsk = keys.get(1);
    String zone =
        SignerFixtures.APEX
            + "@ CDS "
            + ksk.ds(DigestType.SHA256, 3600).rdataToString()
            + "\n@ CDNSKEY "
            + ksk.dnskey().rdataToString()
            + "\n";
    List<Record> records =
        SignerFixtures.signer(DnssecAlgorithm.ECDSAP256SHA256, Denial.nsec())
            .build()
            .sign(ORIGIN, SignerFixtures.parse(zone))
            .records();
    for (int type : List.of(Type.DNSKEY, Type.CDS, Type.CDNSKEY)) {
      assertThat(sigs(records, type))
          .as(Type.string(type))
          .extracting(RRSIGRecord::getFootprint)
          .containsExactly(ksk.keyTag());
    }
    for (int type : List.of(Type.SOA, Type.NS, Type.A, Type.NSEC)) {
      assertThat(sigs(records, type))
          .as(Type.string(type))
          .isNotEmpty()
          .extracting(RRSIGRecord::getFootprint)
          .containsOnly(zsk.keyTag());
    }
    // SOA, NS, DNSKEY, CDS, CDNSKEY, 2 NSEC at the apex and ns1, A of ns1
    assertThat(SignerFixtures.verifyAllSignatures(records, SignerFixtures.T0)).isEqualTo(8);
  }

  @Test
  void everyAlgorithmSignsEveryRRset() throws Exception {
    SigningKey ed25519Csk = SigningKey.generate(ORIGIN, DnssecAlgorithm.ED25519, KeyRole.CSK);
    SigningKey p256Ksk = SignerFixtures.keys(DnssecAlgorithm.ECDSAP256SHA256).get(0);
    SigningKey ed448Zsk = SigningKey.generate(ORIGIN, DnssecAlgorithm.ED448, KeyRole.ZSK);
    List<Record> records =
        ZoneSigner.builder()
            .keys(List.of(ed25519Csk, p256Ksk, ed448Zsk))
            .clock(SignerFixtures.CLOCK)
            .build()
            .sign(ORIGIN, SignerFixtures.parse(SignerFixtures.APEX))
            .records();
    // P-256 has only a KSK, Ed448 only a ZSK: each signs both kinds of RRsets (RFC 6840 5.11)
    for (int type : List.of(Type.DNSKEY, Type.SOA, Type.A)) {
      assertThat(sigs(records, type))
          .extracting(RRSIGRecord::getAlgorithm)
          .containsExactlyInAnyOrder(15, 13, 16);
    }
    assertThat(SignerFixtures.verifyAllSignatures(records, SignerFixtures.T0)).isPositive();
  }

  @Test
  void publishedKeysAreKeptWithTheirTtlAndSignerKeysAreNotDuplicated() throws Exception {
    List<SigningKey> keys = SignerFixtures.keys(DnssecAlgorithm.ED25519);
    SigningKey standby = SigningKey.generate(ORIGIN, DnssecAlgorithm.ED25519, KeyRole.ZSK);
    String zone =
        SignerFixtures.APEX
            + "@ 600 DNSKEY "
            + standby.dnskey().rdataToString()
            + "\n@ 600 DNSKEY "
            + keys.get(0).dnskey().rdataToString()
            + "\n";
    List<Record> records =
        SignerFixtures.signer(DnssecAlgorithm.ED25519, Denial.nsec())
            .build()
            .sign(ORIGIN, SignerFixtures.parse(zone))
            .records();
    List<DNSKEYRecord> dnskeys =
        records.stream().filter(r -> r instanceof DNSKEYRecord).map(r -> (DNSKEYRecord) r).toList();
    assertThat(dnskeys)
        .extracting(DNSKEYRecord::getFootprint)
        .containsExactlyInAnyOrder(standby.keyTag(), keys.get(0).keyTag(), keys.get(1).keyTag());
    assertThat(dnskeys).allMatch(k -> k.getTTL() == 600);
    assertThat(sigs(records, Type.SOA))
        .extracting(RRSIGRecord::getFootprint)
        .containsExactly(keys.get(1).keyTag());

    List<Record> noInputKeys =
        SignerFixtures.signer(DnssecAlgorithm.ED25519, Denial.nsec())
            .build()
            .sign(ORIGIN, SignerFixtures.parse(SignerFixtures.APEX))
            .records();
    assertThat(noInputKeys)
        .filteredOn(r -> r.getType() == Type.DNSKEY)
        .hasSize(2)
        .allMatch(k -> k.getTTL() == keys.get(0).dnskey().getTTL());
  }

  @Test
  void builderNamesWhatIsMissing() {
    List<SigningKey> keys = SignerFixtures.keys(DnssecAlgorithm.ED25519);
    assertThatThrownBy(() -> ZoneSigner.builder().keys(keys).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("clock");
    assertThatThrownBy(() -> ZoneSigner.builder().clock(SignerFixtures.CLOCK).build())
        .hasMessageContaining("at least one key");
    assertThatThrownBy(
            () ->
                ZoneSigner.builder().clock(SignerFixtures.CLOCK).keys(List.of(keys.get(1))).build())
        .hasMessageContaining("add a KSK or CSK");
    assertThatThrownBy(
            () ->
                ZoneSigner.builder().clock(SignerFixtures.CLOCK).keys(List.of(keys.get(0))).build())
        .hasMessageContaining("add a ZSK or CSK");
    SigningKey other =
        SigningKey.generate(
            Name.fromConstantString("other.test."), DnssecAlgorithm.ED25519, KeyRole.ZSK);
    assertThatThrownBy(
            () ->
                ZoneSigner.builder()
                    .clock(SignerFixtures.CLOCK)
                    .keys(List.of(keys.get(0), other))
                    .build())
        .hasMessageContaining("one zone");
    assertThatThrownBy(() -> ZoneSigner.builder().threads(0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aKeyOfAnotherZoneIsRejected() {
    ZoneSigner signer = SignerFixtures.signer(DnssecAlgorithm.ED25519, Denial.nsec()).build();
    Name other = Name.fromConstantString("other.test.");
    assertThatThrownBy(() -> signer.sign(other, SignerFixtures.parse(other, SignerFixtures.APEX)))
        .isInstanceOf(DnssecException.class)
        .hasMessageContaining("other.test.")
        .hasMessageContaining("belongs to zone example.test.");
  }

  @Test
  void invalidZonesAreRefusedWithTheOwnerAndType() {
    ZoneSigner signer = SignerFixtures.signer(DnssecAlgorithm.ED25519, Denial.nsec()).build();
    assertThatThrownBy(() -> signer.sign(ORIGIN, SignerFixtures.parse("@ NS ns1\n")))
        .isInstanceOf(DnssecException.class)
        .hasMessageContaining("no SOA");
    assertThatThrownBy(
            () ->
                signer.sign(
                    ORIGIN,
                    SignerFixtures.parse(
                        SignerFixtures.APEX + "x 60 A 192.0.2.1\nx 120 A 192.0.2.2\n")))
        .hasMessageContaining("x.example.test. A")
        .hasMessageContaining("one TTL");
    assertThatThrownBy(
            () ->
                signer.sign(
                    ORIGIN,
                    SignerFixtures.parse(
                        SignerFixtures.APEX + "x DS 1 13 2 " + "00".repeat(32) + "\n")))
        .hasMessageContaining("x.example.test. DS")
        .hasMessageContaining("delegation");
    assertThatThrownBy(
            () ->
                signer.sign(
                    ORIGIN,
                    SignerFixtures.parse(SignerFixtures.APEX + "www.example.net. A 192.0.2.1\n")))
        .hasMessageContaining("www.example.net.")
        .hasMessageContaining("outside the zone");
  }
}
