package org.zonetrust.dnssec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Type;

/** Validity window, deterministic jitter, refresh and the SOA serial policies. */
class SignatureLifetimeTest {
  private static final String ZONE = zone(200);

  static String zone(int hosts) {
    StringBuilder sb = new StringBuilder(SignerFixtures.APEX);
    for (int i = 0; i < hosts; i++) {
      sb.append("h").append(i).append(" A 192.0.2.").append(i % 250 + 1).append('\n');
    }
    return sb.toString();
  }

  private static List<RRSIGRecord> sigs(SignedZone z) {
    return z.records().stream()
        .filter(r -> r instanceof RRSIGRecord)
        .map(r -> (RRSIGRecord) r)
        .toList();
  }

  private static ZoneSigner signer(Clock clock, Denial denial) {
    return ZoneSigner.builder()
        .keys(SignerFixtures.keys(DnssecAlgorithm.ED25519))
        .clock(clock)
        .denial(denial)
        .build();
  }

  @Test
  void inceptionIsBackDatedAndExpirationsAreSpreadWithinTheJitter() throws Exception {
    SignedZone z =
        signer(SignerFixtures.CLOCK, Denial.nsec())
            .sign(SignerFixtures.ORIGIN, SignerFixtures.parse(ZONE));
    Instant now = SignerFixtures.T0;
    SignatureValidity v = SignatureValidity.defaults();
    assertThat(v.validity()).isEqualTo(Duration.ofDays(14));
    assertThat(v.jitter()).isEqualTo(Duration.ofHours(42));
    assertThat(v.refresh()).isEqualTo(Duration.ofHours(84));
    List<RRSIGRecord> sigs = sigs(z);
    assertThat(sigs).allMatch(s -> s.getTimeSigned().equals(now.minus(Duration.ofHours(1))));
    assertThat(sigs)
        .allMatch(
            s ->
                !s.getExpire().isAfter(now.plus(v.validity()))
                    && !s.getExpire().isBefore(now.plus(v.validity()).minus(v.jitter())));
    Set<Instant> expirations =
        sigs.stream().map(RRSIGRecord::getExpire).collect(Collectors.toSet());
    assertThat(expirations).as("jitter spreads expirations").hasSizeGreaterThan(sigs.size() / 2);
  }

  @Test
  void sameKeysClockAndZoneGiveTheSameOutputByteForByteWhateverTheThreads() throws Exception {
    String big = zone(3000);
    ZoneSigner one =
        ZoneSigner.builder()
            .keys(SignerFixtures.keys(DnssecAlgorithm.ED25519))
            .clock(SignerFixtures.CLOCK)
            .denial(Denial.nsec3())
            .threads(1)
            .build();
    ZoneSigner four =
        ZoneSigner.builder()
            .keys(SignerFixtures.keys(DnssecAlgorithm.ED25519))
            .clock(SignerFixtures.CLOCK)
            .denial(Denial.nsec3())
            .threads(4)
            .build();
    String a = one.sign(SignerFixtures.ORIGIN, SignerFixtures.parse(big)).toMasterFile();
    String b = four.sign(SignerFixtures.ORIGIN, SignerFixtures.parse(big)).toMasterFile();
    assertThat(b).isEqualTo(a);
    // ECDSA signatures are randomised, but the headers are the same
    ZoneSigner ecdsa =
        SignerFixtures.signer(DnssecAlgorithm.ECDSAP256SHA256, Denial.nsec()).build();
    List<String> h1 = headers(ecdsa.sign(SignerFixtures.ORIGIN, SignerFixtures.parse(ZONE)));
    List<String> h2 = headers(ecdsa.sign(SignerFixtures.ORIGIN, SignerFixtures.parse(ZONE)));
    assertThat(h2).isEqualTo(h1);
  }

  private static List<String> headers(SignedZone z) {
    return sigs(z).stream()
        .map(
            s ->
                s.getName()
                    + " "
                    + s.getTypeCovered()
                    + " "
                    + s.getExpire()
                    + " "
                    + s.getTimeSigned())
        .toList();
  }

  @Test
  void refreshKeepsFreshSignaturesAndRenewsThoseDue() throws Exception {
    Instant t0 = SignerFixtures.T0;
    SignedZone first =
        signer(SignerFixtures.CLOCK, Denial.nsec3())
            .sign(SignerFixtures.ORIGIN, SignerFixtures.parse(ZONE));

    Clock oneDayLater = Clock.fixed(t0.plus(Duration.ofDays(1)), ZoneOffset.UTC);
    SignedZone same = signer(oneDayLater, Denial.nsec3()).refresh(first);
    assertThat(same.toMasterFile()).isEqualTo(first.toMasterFile());

    // after 10 days, signatures expire between day 12.25 and 14: those with 3.5 days or less left
    // (expiring before day 13.5) are renewed, the others kept
    Instant t10 = t0.plus(Duration.ofDays(10));
    SignedZone later = signer(Clock.fixed(t10, ZoneOffset.UTC), Denial.nsec3()).refresh(first);
    List<RRSIGRecord> after = sigs(later);
    long renewed = after.stream().filter(s -> s.getTimeSigned().isAfter(t0)).count();
    long kept = after.size() - renewed;
    assertThat(renewed).isPositive();
    assertThat(kept).isPositive();
    assertThat(after)
        .allMatch(s -> Duration.between(t10, s.getExpire()).compareTo(Duration.ofHours(84)) > 0);
    assertThat(sigs(first))
        .containsAll(after.stream().filter(s -> !s.getTimeSigned().isAfter(t0)).toList());
    assertThat(SignerFixtures.verifyAllSignatures(later.records(), t10)).isEqualTo(after.size());
    // refresh does not consume its input
    assertThat(first.records()).isNotEmpty();
  }

  @Test
  void refreshWithAnAddedKeyKeepsTheOldSignaturesAndAddsTheNewKeys() throws Exception {
    List<SigningKey> keys = new ArrayList<>(SignerFixtures.keys(DnssecAlgorithm.ED25519));
    SignedZone first =
        signer(SignerFixtures.CLOCK, Denial.nsec())
            .sign(SignerFixtures.ORIGIN, SignerFixtures.parse(ZONE));
    keys.add(SigningKey.generate(SignerFixtures.ORIGIN, DnssecAlgorithm.ED25519, KeyRole.ZSK));
    Clock later = Clock.fixed(SignerFixtures.T0.plus(Duration.ofHours(2)), ZoneOffset.UTC);
    SignedZone second = ZoneSigner.builder().keys(keys).clock(later).build().refresh(first);
    List<RRSIGRecord> soaSigs =
        sigs(second).stream().filter(s -> s.getTypeCovered() == Type.SOA).toList();
    assertThat(soaSigs)
        .extracting(RRSIGRecord::getFootprint)
        .containsExactly(keys.get(1).keyTag(), keys.get(2).keyTag());
    assertThat(soaSigs.get(0).getTimeSigned()).isBefore(soaSigs.get(1).getTimeSigned());
    assertThat(second.records()).filteredOn(r -> r.getType() == Type.DNSKEY).hasSize(3);
    assertThat(SignerFixtures.verifyAllSignatures(second.records(), later.instant())).isPositive();
  }

  @Test
  void serialPolicies() {
    Clock clock = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);
    long unix = clock.instant().getEpochSecond();
    assertThat(SerialPolicy.KEEP.next(7, clock)).isEqualTo(7);
    assertThat(SerialPolicy.INCREMENT.next(7, clock)).isEqualTo(8);
    assertThat(SerialPolicy.INCREMENT.next(4294967295L, clock)).isZero();
    assertThat(SerialPolicy.UNIX_TIME.next(7, clock)).isEqualTo(unix);
    assertThat(SerialPolicy.UNIX_TIME.next(unix, clock)).isEqualTo(unix + 1);
    assertThat(SerialPolicy.UNIX_TIME.next(unix + 5, clock)).isEqualTo(unix + 6);
    assertThat(SerialPolicy.DATE_COUNTER.next(2026022807, clock)).isEqualTo(2026030100);
    assertThat(SerialPolicy.DATE_COUNTER.next(2026030100, clock)).isEqualTo(2026030101);
    assertThat(SerialPolicy.DATE_COUNTER.next(2026030199, clock)).isEqualTo(2026030200);
    assertThat(SerialPolicy.DATE_COUNTER.next(7, clock)).isEqualTo(2026030100);
  }

  @Test
  void signRefreshAndApplyEachApplyTheSerialPolicyOnceAndReSignTheSoa() throws Exception {
    ZoneSigner signer =
        SignerFixtures.signer(DnssecAlgorithm.ED25519, Denial.nsec())
            .serialPolicy(SerialPolicy.INCREMENT)
            .build();
    SignedZone z = signer.sign(SignerFixtures.ORIGIN, SignerFixtures.parse(ZONE));
    assertThat(serial(z)).isEqualTo(2026030101L);
    z = signer.refresh(z);
    assertThat(serial(z)).isEqualTo(2026030102L);
    z = signer.apply(z, ZoneChange.of(List.of(), List.of()));
    assertThat(serial(z)).isEqualTo(2026030103L);
    assertThat(SignerFixtures.verifyAllSignatures(z.records(), SignerFixtures.T0)).isPositive();
  }

  private static long serial(SignedZone z) {
    return ((SOARecord) z.records().get(0)).getSerial();
  }

  @Test
  void validityWindowsThatCannotWorkAreRefused() {
    assertThatThrownBy(
            () ->
                SignatureValidity.of(
                    Duration.ofDays(7),
                    Duration.ofHours(1),
                    Duration.ofDays(4),
                    Duration.ofDays(3)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("already be due");
    assertThatThrownBy(
            () ->
                SignatureValidity.of(
                    Duration.ofMinutes(5), Duration.ZERO, Duration.ZERO, Duration.ofMinutes(1)))
        .hasMessageContaining("1 hour to 5 years");
  }
}
