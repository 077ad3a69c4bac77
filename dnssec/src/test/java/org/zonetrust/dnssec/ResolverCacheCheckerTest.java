package org.zonetrust.dnssec;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

class ResolverCacheCheckerTest {
  private static final Name ZONE = Name.fromConstantString("roll.example.test.");
  private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
  private static final Duration CHILD_DELAY = Duration.ofMinutes(5);
  private static final Duration PARENT_DELAY = Duration.ofHours(1);
  private static final Duration DNSKEY_TTL = Duration.ofHours(1); // SigningKey.generate's
  private static final long DS_TTL = 7200;
  private static final long NEGATIVE_TTL = 900;

  private static final SigningKey KSK = key(DnssecAlgorithm.ECDSAP256SHA256, KeyRole.KSK);
  private static final SigningKey KSK2 = key(DnssecAlgorithm.ECDSAP256SHA256, KeyRole.KSK);
  private static final SigningKey ZSK = key(DnssecAlgorithm.ECDSAP256SHA256, KeyRole.ZSK);
  private static final SigningKey ZSK2 = key(DnssecAlgorithm.ECDSAP256SHA256, KeyRole.ZSK);

  private final ResolverCacheChecker checker =
      new ResolverCacheChecker(ZONE, CHILD_DELAY, PARENT_DELAY, Duration.ZERO);

  @Test
  void correctZskPrePublicationRollHasNoViolation() throws DnssecException {
    List<Instant> events = zskRoll(Duration.ZERO);

    checkAround(events);

    assertThat(checker.violations()).isEmpty();
  }

  @Test
  void zskRemovedAnHourEarlyIsCaughtNamingTheView() throws DnssecException {
    List<Instant> events = zskRoll(Duration.ofHours(1));
    Instant removal = events.get(3);

    checkAround(events);

    assertThat(checker.violations()).isNotEmpty();
    assertThat(checker.violations())
        .allSatisfy(v -> assertThat(v.at()).isBetween(removal, removal.plus(Duration.ofHours(1))));
    assertThat(checker.violations().get(0).description())
        .contains("DS {13/" + KSK.keyTag() + "/digest2}")
        .contains("DNSKEY " + tags(KSK, ZSK2))
        .contains("signed by {13/" + ZSK.keyTag() + "}")
        .contains("RRSIG 13/" + ZSK.keyTag() + ": key not in the DNSKEY RRset");
  }

  @Test
  void correctDoubleKskRollHasNoViolation() throws DnssecException {
    checkAround(kskRoll(Duration.ZERO, Duration.ZERO));

    assertThat(checker.violations()).isEmpty();
  }

  @Test
  void dsSwappedBeforeTheNewDnskeyIsEverywhereIsCaught() throws DnssecException {
    List<Instant> events = kskRoll(Duration.ofMinutes(40), Duration.ZERO);

    checkAround(events);

    assertThat(checker.violations()).isNotEmpty();
    assertThat(checker.violations())
        .allSatisfy(
            v ->
                assertThat(v.description())
                    .contains("DS {13/" + KSK2.keyTag() + "/digest2}")
                    .contains("DNSKEY " + tags(KSK, ZSK))
                    .contains("no key in the DNSKEY RRset matches a DS"));
  }

  @Test
  void oldKskRemovedBeforeTheOldDsExpiredIsCaught() throws DnssecException {
    List<Instant> events = kskRoll(Duration.ZERO, Duration.ofHours(1));

    checkAround(events);

    assertThat(checker.violations()).isNotEmpty();
    assertThat(checker.violations())
        .allSatisfy(
            v ->
                assertThat(v.description())
                    .contains("DS {13/" + KSK.keyTag() + "/digest2}")
                    .contains("DNSKEY " + tags(KSK2, ZSK))
                    .contains("algorithm 13: no key in the DNSKEY RRset matches a DS"));
  }

  @Test
  void correctAlgorithmRolloverHasNoViolation() throws DnssecException {
    checkAround(algorithmRoll(Duration.ZERO));

    assertThat(checker.violations()).isEmpty();
  }

  @Test
  void algorithmRolloverWithEarlyDsSwapIsCaughtOnTheDataSignatures() throws DnssecException {
    // DS swap when the new DNSKEYs are everywhere but data signed only by algorithm 8 (TTL 2h) is
    // still cached.
    checkAround(algorithmRoll(Duration.ofHours(1)));

    assertThat(checker.violations()).isNotEmpty();
    assertThat(checker.violations())
        .allSatisfy(
            v ->
                assertThat(v.description())
                    .contains("DS {13/")
                    .contains("algorithm 13: ")
                    .contains("no RRSIG of algorithm 13")
                    .doesNotContain("DNSKEY RRset not validly signed"));
    assertThat(checker.violations())
        .anySatisfy(v -> assertThat(v.description()).contains(ZONE + "/SOA signed by {8/"));
  }

  /**
   * With the DS at the parent since a day before T0, publishes the zone signed for two hours (TTL
   * 3600) {@code count} times, {@code step} apart from T0; returns the publication times.
   */
  private List<Instant> publishTwoHourSignaturesEvery(Duration step, int count)
      throws DnssecException {
    parent(T0.minus(Duration.ofDays(1)), KSK);
    SignatureValidity twoHours =
        SignatureValidity.of(Duration.ofHours(2), Duration.ofHours(1), Duration.ZERO, hours(0.5));
    List<Instant> events = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Instant at = T0.plus(step.multipliedBy(i));
      checker.childPublished(at, sign(at, twoHours, List.of(KSK, ZSK), List.of(), 3600));
      events.add(at);
    }
    return events;
  }

  @Test
  void signaturesExpiringWhileCacheableAreCaught() throws DnssecException {
    checkAround(publishTwoHourSignaturesEvery(Duration.ofMinutes(110), 3));

    assertThat(checker.violations()).isNotEmpty();
    assertThat(checker.violations())
        .allSatisfy(v -> assertThat(v.description()).contains("expired " + T0.plus(hours(2))));
    assertThat(checker.violations())
        .allSatisfy(
            v -> assertThat(v.at()).isBetween(T0.plus(hours(2)), T0.plus(Duration.ofMinutes(175))));
  }

  @Test
  void signaturesRefreshedInTimeAreFine() throws DnssecException {
    checkAround(publishTwoHourSignaturesEvery(Duration.ofMinutes(30), 8));

    assertThat(checker.violations()).isEmpty();
  }

  @Test
  void emptyDsAfterSecureIsAViolationUnlessGoingInsecureIsPlanned() throws DnssecException {
    parent(T0.minus(Duration.ofDays(1)), KSK);
    checker.childPublished(T0, sign(T0, List.of(KSK, ZSK), List.of(), 3600));
    Instant insecure = T0.plus(Duration.ofDays(1));
    checker.parentPublished(insecure, Set.of(), NEGATIVE_TTL);

    assertThat(checker.check(insecure.minusSeconds(1))).isEmpty();
    assertThat(checker.check(insecure))
        .singleElement()
        .satisfies(
            v ->
                assertThat(v.description())
                    .contains("DS {} (parent, published " + insecure + ")")
                    .contains("insecure delegation after the secure DS {13/" + KSK.keyTag()));
    assertThat(checker.check(insecure.plus(Duration.ofDays(1)))).hasSize(1);

    checker.allowInsecure(true);
    assertThat(checker.check(insecure.plus(Duration.ofDays(1)))).isEmpty();
    assertThat(checker.violations()).hasSize(2);
  }

  @Test
  void insecureFromTheStartIsFine() throws DnssecException {
    checker.parentPublished(T0, Set.of(), NEGATIVE_TTL);
    checker.childPublished(T0, sign(T0, List.of(KSK, ZSK), List.of(), 3600));

    assertThat(checker.check(T0.plus(Duration.ofDays(1)))).isEmpty();
  }

  @Test
  void cacheWindowEndsExactlyAtSupersededPlusDelayPlusTtlPlusMargin() throws DnssecException {
    ResolverCacheChecker withMargin =
        new ResolverCacheChecker(ZONE, CHILD_DELAY, PARENT_DELAY, Duration.ofMinutes(1));
    parent(T0.minus(Duration.ofDays(1)), KSK);
    withMargin.parentPublished(
        T0.minus(Duration.ofDays(1)), Set.of(KSK.ds(DigestType.SHA256, DS_TTL)), DS_TTL);
    Instant publish = T0.plus(Duration.ofDays(1));
    Instant swap = publish.plus(DNSKEY_TTL).plus(CHILD_DELAY);
    for (ResolverCacheChecker c : List.of(checker, withMargin)) {
      c.childPublished(T0, sign(T0, List.of(KSK, ZSK), List.of(), 3600));
      c.childPublished(publish, sign(publish, List.of(KSK, ZSK), List.of(ZSK2), 3600));
      c.childPublished(swap, sign(swap, List.of(KSK, ZSK2), List.of(ZSK), 3600));
    }

    assertThat(checker.check(swap)).isEmpty();
    assertThat(withMargin.check(swap))
        .isNotEmpty()
        .allSatisfy(
            v ->
                assertThat(v.description())
                    .contains("DNSKEY " + tags(KSK, ZSK) + " signed by {13/" + KSK.keyTag() + "}")
                    .contains("RRSIG 13/" + ZSK2.keyTag() + ": key not in the DNSKEY RRset"));
    assertThat(withMargin.check(swap.plus(Duration.ofMinutes(1)))).isEmpty();
  }

  @Test
  void halfAYearOfDailySignatureRefreshesStaysValid() throws DnssecException {
    parent(T0.minus(Duration.ofDays(1)), KSK);
    SignedZone zone = signer(T0).sign(ZONE, unsigned(3600));
    checker.childPublished(T0, zone.records());
    for (int day = 1; day <= 180; day++) {
      Instant at = T0.plus(Duration.ofDays(day));
      zone = signer(at).refresh(zone);
      checker.childPublished(at, zone.records());
      checker.check(at);
      checker.check(at.plus(Duration.ofHours(12)));
    }

    assertThat(checker.violations()).isEmpty();
  }

  @Test
  void aSignatureThatDoesNotVerifyIsCaught() throws DnssecException, UnknownHostException {
    parent(T0.minus(Duration.ofDays(1)), KSK);
    Name www = Name.fromConstantString("www." + ZONE);
    InetAddress other = InetAddress.getByName("192.0.2.81");
    List<Record> forged = new ArrayList<>(sign(T0, List.of(KSK, ZSK), List.of(), 3600));
    forged.replaceAll(
        r ->
            r instanceof ARecord a && a.getName().equals(www)
                ? new ARecord(www, DClass.IN, a.getTTL(), other)
                : r);
    checker.childPublished(T0, forged);

    assertThat(checker.check(T0))
        .singleElement()
        .satisfies(
            v ->
                assertThat(v.description())
                    .contains(www + "/A signed by {13/" + ZSK.keyTag() + "}")
                    .endsWith("(RRSIG 13/" + ZSK.keyTag() + ": does not verify)"));
  }

  /** Pre-publication ZSK roll; returns the child publication times. */
  private List<Instant> zskRoll(Duration removeEarly) throws DnssecException {
    parent(T0.minus(Duration.ofDays(1)), KSK);
    Instant publish = T0.plus(Duration.ofDays(1));
    Instant swap = publish.plus(DNSKEY_TTL).plus(CHILD_DELAY);
    Instant remove = swap.plus(hours(1)).plus(CHILD_DELAY).minus(removeEarly);
    checker.childPublished(T0, sign(T0, List.of(KSK, ZSK), List.of(), 3600));
    checker.childPublished(publish, sign(publish, List.of(KSK, ZSK), List.of(ZSK2), 3600));
    checker.childPublished(swap, sign(swap, List.of(KSK, ZSK2), List.of(ZSK), 3600));
    checker.childPublished(remove, sign(remove, List.of(KSK, ZSK2), List.of(), 3600));
    return List.of(T0, publish, swap, remove, remove.plus(Duration.ofDays(1)));
  }

  /** Double-KSK roll; returns the event times. */
  private List<Instant> kskRoll(Duration dsEarly, Duration removeEarly) throws DnssecException {
    parent(T0.minus(Duration.ofDays(1)), KSK);
    Instant publish = T0.plus(Duration.ofDays(1));
    Instant dsSwap = publish.plus(DNSKEY_TTL).plus(CHILD_DELAY).minus(dsEarly);
    Instant remove = dsSwap.plusSeconds(DS_TTL).plus(PARENT_DELAY).minus(removeEarly);
    checker.childPublished(T0, sign(T0, List.of(KSK, ZSK), List.of(), 3600));
    checker.childPublished(publish, sign(publish, List.of(KSK, KSK2, ZSK), List.of(), 3600));
    parent(dsSwap, KSK2);
    checker.childPublished(remove, sign(remove, List.of(KSK2, ZSK), List.of(), 3600));
    return List.of(T0, publish, dsSwap, remove, remove.plus(Duration.ofDays(1)));
  }

  /** Algorithm rollover 8 to 13 with a zone TTL of 2 hours; returns the event times. */
  private List<Instant> algorithmRoll(Duration dsEarly) throws DnssecException {
    List<SigningKey> rsa = AlgorithmKeys.RSA;
    parent(T0.minus(Duration.ofDays(1)), rsa.get(0));
    Instant add = T0.plus(Duration.ofDays(1));
    Instant dsSwap = add.plus(hours(2)).plus(CHILD_DELAY).minus(dsEarly);
    Instant remove = dsSwap.plusSeconds(DS_TTL).plus(PARENT_DELAY);
    List<SigningKey> both = List.of(rsa.get(0), rsa.get(1), KSK, ZSK);
    checker.childPublished(T0, sign(T0, rsa, List.of(), 7200));
    checker.childPublished(add, sign(add, both, List.of(), 7200));
    parent(dsSwap, KSK);
    checker.childPublished(remove, sign(remove, List.of(KSK, ZSK), List.of(), 7200));
    return List.of(T0, add, dsSwap, remove, remove.plus(Duration.ofDays(1)));
  }

  /** Checks every 10 minutes from the first event to the last and 1 s around each event. */
  private void checkAround(List<Instant> events) {
    Instant first = events.get(0);
    Instant last = events.get(events.size() - 1);
    TreeSet<Instant> times = new TreeSet<>();
    for (Instant t = first; !t.isAfter(last); t = t.plus(Duration.ofMinutes(10))) {
      times.add(t);
    }
    for (Instant e : events) {
      times.add(e.minusSeconds(1));
      times.add(e);
      times.add(e.plusSeconds(1));
    }
    times.tailSet(first).forEach(checker::check);
  }

  private void parent(Instant at, SigningKey ksk) {
    Set<DSRecord> ds = Set.of(ksk.ds(DigestType.SHA256, DS_TTL));
    checker.parentPublished(at, ds, DS_TTL);
  }

  private static List<Record> sign(
      Instant at, List<SigningKey> signers, List<SigningKey> publishedOnly, long zoneTtl)
      throws DnssecException {
    return sign(at, SignatureValidity.defaults(), signers, publishedOnly, zoneTtl);
  }

  private static List<Record> sign(
      Instant at,
      SignatureValidity validity,
      List<SigningKey> signers,
      List<SigningKey> publishedOnly,
      long zoneTtl)
      throws DnssecException {
    List<Record> records = unsigned(zoneTtl);
    publishedOnly.forEach(k -> records.add(k.dnskey()));
    ZoneSigner signer =
        ZoneSigner.builder()
            .keys(signers)
            .clock(Clock.fixed(at, ZoneOffset.UTC))
            .validity(validity)
            .threads(1)
            .build();
    return signer.sign(ZONE, records).records();
  }

  /** A small zone: apex, a few names and a delegation with glue; every TTL {@code zoneTtl}. */
  private static List<Record> unsigned(long zoneTtl) {
    return new ArrayList<>(
        SignerFixtures.parse(
            ZONE,
            "$TTL "
                + zoneTtl
                + "\n"
                + "@ SOA ns1 hostmaster 1 7200 3600 1209600 300\n"
                + "@ NS ns1\n"
                + "@ MX 10 mail\n"
                + "ns1 A 192.0.2.53\n"
                + "mail A 192.0.2.25\n"
                + "www A 192.0.2.80\n"
                + "www AAAA 2001:db8::80\n"
                + "sub NS ns.sub\n"
                + "ns.sub A 192.0.2.54\n"));
  }

  private static ZoneSigner signer(Instant at) {
    return ZoneSigner.builder()
        .keys(List.of(KSK, ZSK))
        .clock(Clock.fixed(at, ZoneOffset.UTC))
        .threads(1)
        .build();
  }

  private static String tags(SigningKey ksk, SigningKey zsk) {
    List<String> tags =
        new ArrayList<>(
            List.of(
                ksk.algorithm().code() + "/" + ksk.keyTag() + " SEP",
                zsk.algorithm().code() + "/" + zsk.keyTag()));
    tags.sort(null);
    return "{" + String.join(", ", tags) + "}";
  }

  private static Duration hours(double h) {
    return Duration.ofMinutes(Math.round(h * 60));
  }

  private static SigningKey key(DnssecAlgorithm alg, KeyRole role) {
    return SigningKey.generate(ZONE, alg, role);
  }

  /** RSA keys are slow to generate: made once, when the algorithm tests first need them. */
  private static final class AlgorithmKeys {
    static final List<SigningKey> RSA =
        List.of(
            key(DnssecAlgorithm.RSASHA256, KeyRole.KSK),
            key(DnssecAlgorithm.RSASHA256, KeyRole.ZSK));
  }
}
