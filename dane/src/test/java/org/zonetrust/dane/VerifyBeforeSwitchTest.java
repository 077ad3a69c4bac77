package org.zonetrust.dane;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.TLSARecord;

/** {@code verifyBeforeSwitch} with lookups given as lambdas. */
class VerifyBeforeSwitchTest {
  static final Name MX1 = Name.fromConstantString("mx1.example.");
  static final Name MX2 = Name.fromConstantString("mx2.example.");
  static TlsaSource current;
  static TlsaSource next;

  @BeforeAll
  static void keys() throws Exception {
    current = TlsaSource.of(TestCerts.keyPair("P-256").getPublic());
    next = TlsaSource.of(TestCerts.keyPair("P-384").getPrivate());
  }

  static TlsaRolloverPlanner planner(List<TlsaParameters> parameters) {
    return TlsaRolloverPlanner.builder()
        .endpoints(List.of(TlsaEndpoint.tcp(25, MX1), TlsaEndpoint.tcp(25, MX2)))
        .parameters(parameters)
        .ttl(Duration.ofHours(1))
        .negativeTtl(Duration.ofMinutes(5))
        .clock(Clock.systemUTC())
        .build();
  }

  static TlsaLookup serving(TlsaPublishSet set, DnssecStatus status) {
    return owner ->
        new TlsaLookupResult(
            owner, status, set.byOwner().getOrDefault(owner, List.of()), "test answer");
  }

  @Test
  void secureSetWithTheNextKeyIsReady() throws Exception {
    TlsaRolloverPlanner p = planner(List.of(TlsaParameters.DANE_EE_SPKI_SHA256));
    SwitchVerification v =
        p.verifyBeforeSwitch(serving(p.plan(current, next), DnssecStatus.SECURE), next);
    assertThat(v.ready()).as("%s", v).isTrue();
    assertThat(v.endpoints()).hasSize(2);
    assertThat(v.toString()).startsWith("ready to switch:");
  }

  @Test
  void everyStatusButSecureFails() throws Exception {
    TlsaRolloverPlanner p = planner(List.of(TlsaParameters.DANE_EE_SPKI_SHA256));
    TlsaPublishSet set = p.plan(current, next);
    for (DnssecStatus s :
        List.of(DnssecStatus.INSECURE, DnssecStatus.BOGUS, DnssecStatus.INDETERMINATE)) {
      SwitchVerification v = p.verifyBeforeSwitch(serving(set, s), next);
      assertThat(v.ready()).isFalse();
      assertThat(v.failures())
          .hasSize(2)
          .allSatisfy(e -> assertThat(e.reason()).contains(s + ", not SECURE", "test answer"));
    }
  }

  @Test
  void oneEndpointWithoutTheNextKeyFailsOnlyThatEndpoint() throws Exception {
    TlsaRolloverPlanner p = planner(List.of(TlsaParameters.DANE_EE_SPKI_SHA256));
    TlsaPublishSet both = p.plan(current, next);
    TlsaPublishSet old = p.plan(current, null);
    TlsaLookup mixed =
        owner ->
            new TlsaLookupResult(
                owner,
                DnssecStatus.SECURE,
                (owner.toString().contains("mx2") ? old : both).byOwner().get(owner),
                "AD");
    SwitchVerification v = p.verifyBeforeSwitch(mixed, next);
    assertThat(v.ready()).isFalse();
    assertThat(v.failures())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.owner()).isEqualTo(Name.fromConstantString("_25._tcp.mx2.example."));
              assertThat(e.reason()).contains("no record of the next key", "[3 1 1]");
            });
  }

  @Test
  void everyPlannedParameterSetMustBeThere() throws Exception {
    TlsaRolloverPlanner both =
        planner(List.of(TlsaParameters.DANE_EE_SPKI_SHA256, TlsaParameters.parse("3 1 2")));
    TlsaRolloverPlanner sha256Only = planner(List.of(TlsaParameters.DANE_EE_SPKI_SHA256));
    SwitchVerification v =
        both.verifyBeforeSwitch(serving(sha256Only.plan(current, next), DnssecStatus.SECURE), next);
    assertThat(v.failures()).hasSize(2).allMatch(e -> e.reason().contains("[3 1 2]"));
  }

  @Test
  void sameDataUnderOtherParametersDoesNotCount() throws Exception {
    TlsaRolloverPlanner p = planner(List.of(TlsaParameters.DANE_EE_SPKI_SHA256));
    List<TLSARecord> wrong = new ArrayList<>();
    byte[] data =
        TlsaGenerator.associationData(Selector.SUBJECT_PUBLIC_KEY_INFO, MatchingType.SHA256, next);
    TlsaLookup lookup =
        owner -> {
          TLSARecord r = new TLSARecord(owner, DClass.IN, 60, 2, 1, 1, data);
          wrong.add(r);
          return new TlsaLookupResult(owner, DnssecStatus.SECURE, List.of(r), "AD");
        };
    assertThat(p.verifyBeforeSwitch(lookup, next).ready()).isFalse();
    assertThat(wrong).hasSize(2);
  }
}
