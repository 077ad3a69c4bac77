package org.zonetrust.dane;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;
import org.xbill.DNS.TLSARecord;
import org.xbill.DNS.Type;
import org.zonetrust.core.dns.Rfc2136Updater;
import org.zonetrust.core.dns.TsigAlgorithm;
import org.zonetrust.core.dns.TsigKey;
import org.zonetrust.testbed.Testbed;
import org.zonetrust.testbed.WithTestbed;

/**
 * {@code verifyBeforeSwitch} against TLSA published in a zone signed by ZoneTrust and validated by
 * the testbed's Unbound: ready only when the validated RRset holds the next key; a bogus RRset, an
 * unsigned zone and a missing record are failures.
 */
@WithTestbed
class VerifyBeforeSwitchIT {

  private static TlsaRolloverPlanner planner(Name mx, Name www) {
    return TlsaRolloverPlanner.builder()
        .endpoints(List.of(TlsaEndpoint.tcp(25, mx), TlsaEndpoint.tcp(443, www)))
        .ttl(Duration.ofMinutes(1))
        .negativeTtl(Duration.ofMinutes(1))
        .clock(Clock.systemUTC())
        .build();
  }

  private static List<String> lines(TlsaPublishSet set) {
    List<String> out = new ArrayList<>(List.of("mx 60 IN A 127.0.0.1", "www 60 IN A 127.0.0.1"));
    for (TLSARecord r : set.records()) {
      out.add(r.toString());
    }
    return out;
  }

  @Test
  void readyOnlyWhenTheValidatedRRsetHoldsTheNextKey(Testbed tb) throws Exception {
    TlsaSource current = TlsaSource.of(TestCerts.keyPair("P-256").getPublic());
    TlsaSource next = TlsaSource.ofCsr(TestCerts.csr(TestCerts.keyPair("P-256")));
    SignedTestZone zone = SignedTestZone.serve(tb, "switch", List.of("mx 60 IN A 127.0.0.1"));
    TlsaRolloverPlanner planner = planner(zone.name("mx"), zone.name("www"));
    TlsaLookup unbound = ValidatedResolver.trustingAd(tb.unbound(), Duration.ofSeconds(5));

    SwitchVerification none = planner.verifyBeforeSwitch(unbound, next);
    assertThat(none.ready()).isFalse();
    assertThat(none.endpoints())
        .allSatisfy(
            e -> {
              assertThat(e.status()).isEqualTo(DnssecStatus.SECURE);
              assertThat(e.reason()).contains("no TLSA records are published");
            });

    zone.replace(lines(planner.plan(current, null)));
    SwitchVerification onlyCurrent = planner.verifyBeforeSwitch(unbound, next);
    assertThat(onlyCurrent.ready()).as("%s", onlyCurrent).isFalse();
    assertThat(onlyCurrent.failures()).hasSize(2);
    assertThat(onlyCurrent.endpoints().get(0).reason())
        .contains("no record of the next key", "[3 1 1]");

    List<String> both = lines(planner.plan(current, next));
    zone.replace(both);
    SwitchVerification ready = planner.verifyBeforeSwitch(unbound, next);
    assertThat(ready.ready()).as("%s", ready).isTrue();
    assertThat(ready.endpoints()).allMatch(e -> e.status() == DnssecStatus.SECURE);
    assertThat(ready.endpoints().get(0).reason()).contains("holds the next key");
    // the key in use is in the set as well: the same set verifies for it
    assertThat(planner.verifyBeforeSwitch(unbound, current).ready()).isTrue();

    zone.corrupt(both, "_25._tcp.mx", Type.TLSA);
    SwitchVerification bogus = planner.verifyBeforeSwitch(unbound, next);
    assertThat(bogus.ready()).isFalse();
    assertThat(bogus.failures())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.owner()).isEqualTo(zone.name("_25._tcp.mx"));
              assertThat(e.status()).isEqualTo(DnssecStatus.BOGUS);
              assertThat(e.reason()).contains("not SECURE");
            });
  }

  @Test
  void anUnsignedZoneIsInsecureAndNeverReady(Testbed tb) throws Exception {
    Name zone = Name.fromString(tb.createZone("insecure-tlsa"));
    TlsaSource current = TlsaSource.of(TestCerts.keyPair("P-256").getPublic());
    TlsaSource next = TlsaSource.of(TestCerts.keyPair("P-256").getPublic());
    TlsaRolloverPlanner planner =
        planner(Name.fromString("mx", zone), Name.fromString("www", zone));
    Rfc2136Updater dns =
        Rfc2136Updater.builder()
            .server(tb.bind())
            .tsigKey(
                TsigKey.of(
                    tb.tsigKeyName(),
                    TsigAlgorithm.fromDnsName(tb.tsigAlgorithm()),
                    tb.tsigSecret()))
            .build();
    dns.apply(planner.plan(current, next).update(zone));

    SwitchVerification v =
        planner.verifyBeforeSwitch(
            ValidatedResolver.trustingAd(tb.unbound(), Duration.ofSeconds(5)), next);
    assertThat(v.ready()).isFalse();
    assertThat(v.endpoints())
        .allSatisfy(
            e -> {
              assertThat(e.status()).isEqualTo(DnssecStatus.INSECURE);
              assertThat(e.reason()).contains("INSECURE, not SECURE");
            });
  }
}
