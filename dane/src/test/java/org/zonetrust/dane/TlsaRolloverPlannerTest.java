package org.zonetrust.dane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;
import org.xbill.DNS.TLSARecord;
import org.zonetrust.core.dns.DnsChange;
import org.zonetrust.core.dns.DnsUpdate;

class TlsaRolloverPlannerTest {
  static final Instant T0 = Instant.parse("2026-11-27T08:00:00Z");
  static final Name MX1 = Name.fromConstantString("mx1.example.");
  static final Name WWW = Name.fromConstantString("www.example.");
  static final List<TlsaEndpoint> ENDPOINTS =
      List.of(TlsaEndpoint.tcp(25, MX1), TlsaEndpoint.tcp(443, WWW));

  static TlsaSource current;
  static TlsaSource next;
  static TlsaSource newer;

  @BeforeAll
  static void keys() throws Exception {
    current = TlsaSource.of(TestCerts.keyPair("P-256").getPublic());
    KeyPair n = TestCerts.keyPair("P-256");
    next = TlsaSource.ofCsr(TestCerts.csr(n));
    newer = TlsaSource.of(TestCerts.keyPair("RSA").getPrivate());
  }

  static TlsaRolloverPlanner.Builder builder(Instant now) {
    return TlsaRolloverPlanner.builder()
        .endpoints(ENDPOINTS)
        .ttl(Duration.ofHours(1))
        .negativeTtl(Duration.ofMinutes(15))
        .margin(Duration.ofMinutes(5))
        .clock(Clock.fixed(now, ZoneOffset.UTC));
  }

  static String data(TlsaSource key) throws DaneException {
    return TlsaRolloverPlannerTest.hex(
        TlsaGenerator.associationData(Selector.SUBJECT_PUBLIC_KEY_INFO, MatchingType.SHA256, key));
  }

  static String hex(byte[] b) {
    return java.util.HexFormat.of().formatHex(b);
  }

  @Test
  void plansCurrentPlusNextOnEveryEndpointWithThreeOneOne() throws Exception {
    TlsaPublishSet set = builder(T0).build().plan(current, next);
    Map<Name, List<TLSARecord>> byOwner = set.byOwner();
    assertThat(byOwner.keySet())
        .containsExactly(
            Name.fromConstantString("_25._tcp.mx1.example."),
            Name.fromConstantString("_443._tcp.www.example."));
    for (List<TLSARecord> rrset : byOwner.values()) {
      assertThat(rrset)
          .extracting(TLSARecord::rdataToString)
          .containsExactly(
              "3 1 1 " + data(current).toUpperCase(java.util.Locale.ROOT),
              "3 1 1 " + data(next).toUpperCase(java.util.Locale.ROOT));
      assertThat(rrset).allMatch(r -> r.getTTL() == 3600);
    }
    assertThat(set.toMasterFile().lines()).hasSize(4);
  }

  @Test
  void otherParametersAndDigestAgility() throws Exception {
    TlsaPublishSet set =
        builder(T0)
            .parameters(List.of(TlsaParameters.parse("3 1 1"), TlsaParameters.parse("3 1 2")))
            .endpoints(List.of(TlsaEndpoint.tcp(443, WWW)))
            .build()
            .plan(current, next);
    assertThat(set.records())
        .extracting(
            r -> r.getCertificateUsage() + " " + r.getSelector() + " " + r.getMatchingType())
        .containsExactly("3 1 1", "3 1 2", "3 1 1", "3 1 2");
  }

  @Test
  void updateReplacesEachRRsetInOneMessage() throws Exception {
    TlsaPublishSet set = builder(T0).build().plan(current, next);
    DnsUpdate u = set.update(Name.fromConstantString("example."));
    assertThat(u.changes()).hasSize(6);
    assertThat(u.changes().get(0)).isInstanceOf(DnsChange.DeleteRRset.class);
    assertThatThrownBy(() -> set.update(Name.fromConstantString("other.")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("inside zone other.");
    assertThat(u.changes().stream().filter(c -> c instanceof DnsChange.DeleteRRset).count())
        .isEqualTo(2);
  }

  @Test
  void nextEqualToCurrentIsRefused() throws Exception {
    KeyPair k = TestCerts.keyPair("P-256");
    TlsaSource fromPublicKey = TlsaSource.of(k.getPublic());
    TlsaSource fromCsr = TlsaSource.ofCsr(TestCerts.csr(k));
    TlsaRolloverPlanner p = builder(T0).build();
    assertThatThrownBy(() -> p.plan(fromPublicKey, fromCsr))
        .isInstanceOf(DaneException.class)
        .hasMessageContaining("the next key is the current key");
  }

  @Test
  void withoutNextKeyTheAnswerIsCurrentForever() throws Exception {
    TlsaRolloverPlanner p = builder(T0.plus(Duration.ofDays(3650))).build();
    TlsaPublishSet set = p.plan(current, null);
    assertThat(set.records()).hasSize(2);
    RenewalKeyDecision d = p.keyForRenewal(set, TlsaConfirmation.of(set, T0, null));
    assertThat(d.key()).isEqualTo(RenewalKey.CURRENT);
    assertThat(d.switchAt()).isEmpty();
    assertThat(d.reason()).contains("no next key is ready");
  }

  @Test
  void unconfirmedSetKeepsTheCurrentKey() throws Exception {
    TlsaRolloverPlanner p = builder(T0.plus(Duration.ofDays(30))).build();
    TlsaPublishSet set = p.plan(current, next);
    RenewalKeyDecision d = p.keyForRenewal(set, null);
    assertThat(d.key()).isEqualTo(RenewalKey.CURRENT);
    assertThat(d.nextFrom()).isNull();
    assertThat(d.reason()).contains("not yet confirmed on every authoritative server");
  }

  @Test
  void previousTtlPlusMarginGovernsWhenLongerThanTheNegativeTtl() throws Exception {
    TlsaRolloverPlanner p = builder(T0).build();
    TlsaPublishSet set = p.plan(current, next);
    TlsaConfirmation c = TlsaConfirmation.of(set, T0, Duration.ofHours(2));
    Instant safe = T0.plus(Duration.ofHours(2)).plus(Duration.ofMinutes(5));
    assertThat(p.switchSafeAt(c)).isEqualTo(safe);

    RenewalKeyDecision before = builder(safe.minusSeconds(1)).build().keyForRenewal(set, c);
    assertThat(before.key()).isEqualTo(RenewalKey.CURRENT);
    assertThat(before.nextFrom()).isEqualTo(safe);
    assertThat(before.reason()).contains("until " + safe, "previous TLSA TTL PT2H");

    RenewalKeyDecision at = builder(safe).build().keyForRenewal(set, c);
    assertThat(at.key()).isEqualTo(RenewalKey.NEXT);
    assertThat(at.nextFrom()).isEqualTo(safe);
  }

  @Test
  void withoutPreviousTlsaTheNegativeTtlGoverns() throws Exception {
    TlsaRolloverPlanner p = builder(T0).build();
    TlsaPublishSet set = p.plan(current, next);
    assertThat(p.switchSafeAt(TlsaConfirmation.of(set, T0, null)))
        .isEqualTo(T0.plus(Duration.ofMinutes(20)));
    // a previous TTL shorter than the negative TTL: a cached "no TLSA" may still be younger
    assertThat(p.switchSafeAt(TlsaConfirmation.of(set, T0, Duration.ofMinutes(1))))
        .isEqualTo(T0.plus(Duration.ofMinutes(20)));
    assertThat(p.holdDown(Duration.ZERO)).isEqualTo(Duration.ofMinutes(20));
  }

  @Test
  void confirmationOfAnotherSetIsRefused() throws Exception {
    TlsaRolloverPlanner p = builder(T0).build();
    TlsaPublishSet set = p.plan(current, next);
    TlsaPublishSet other = p.plan(current, newer);
    assertThatThrownBy(() -> p.keyForRenewal(set, TlsaConfirmation.of(other, T0, null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("another publish set");
  }

  @Test
  void afterTheSwitchTheOldKeyGoesAndANewerKeyJoins() throws Exception {
    TlsaRolloverPlanner p = builder(T0).build();
    TlsaPublishSet set = p.plan(current, next);
    TlsaAfterSwitch after = p.afterSwitch(set, newer);
    String old = data(current);
    assertThat(after.retired())
        .hasSize(2)
        .allMatch(r -> hex(r.getCertificateAssociationData()).equals(old));
    assertThat(after.publish().current().sameKey(next)).isTrue();
    assertThat(after.publish().records())
        .extracting(r -> hex(r.getCertificateAssociationData()))
        .containsExactly(data(next), data(newer), data(next), data(newer));

    TlsaAfterSwitch alone = p.afterSwitch(set, null);
    assertThat(alone.publish().records()).hasSize(2);
    assertThatThrownBy(() -> p.afterSwitch(p.plan(current, null), newer))
        .isInstanceOf(DaneException.class)
        .hasMessageContaining("no next key");
    assertThatThrownBy(() -> p.afterSwitch(set, current))
        .isInstanceOf(DaneException.class)
        .hasMessageContaining("the newer key is the retired key");
  }

  @Test
  void builderSaysWhatIsWrong() {
    assertThatThrownBy(() -> builder(T0).endpoints(List.of()).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("endpoints are required");
    assertThatThrownBy(
            () -> builder(T0).endpoints(List.of(ENDPOINTS.get(0), ENDPOINTS.get(0))).build())
        .hasMessageContaining("given twice");
    assertThatThrownBy(() -> builder(T0).parameters(List.of(TlsaParameters.parse("3 0 1"))).build())
        .hasMessageContaining("use selector 1");
    assertThatThrownBy(() -> builder(T0).parameters(List.of(TlsaParameters.parse("2 1 1"))).build())
        .hasMessageContaining("server's own key");
    assertThatThrownBy(() -> builder(T0).ttl(Duration.ofMillis(1500)).build())
        .hasMessageContaining("whole seconds");
    assertThatThrownBy(() -> builder(T0).margin(Duration.ofSeconds(-1)).build())
        .hasMessageContaining("must not be negative");
    assertThatThrownBy(
            () ->
                TlsaRolloverPlanner.builder()
                    .endpoints(ENDPOINTS)
                    .ttl(Duration.ofHours(1))
                    .clock(Clock.systemUTC())
                    .build())
        .hasMessageContaining("negativeTtl is required");
    assertThatThrownBy(
            () ->
                TlsaRolloverPlanner.builder()
                    .endpoints(ENDPOINTS)
                    .ttl(Duration.ofHours(1))
                    .negativeTtl(Duration.ofMinutes(5))
                    .build())
        .hasMessageContaining("clock is required");
    assertThatThrownBy(() -> TlsaParameters.parse("3 1"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void smtpEndpointsRefusePkixUsages() {
    TlsaRolloverPlanner p = builder(T0).parameters(List.of(TlsaParameters.parse("1 1 1"))).build();
    assertThatThrownBy(() -> p.plan(current, next))
        .isInstanceOf(DaneException.class)
        .hasMessageContaining("RFC 7672");
  }
}
