package org.zonetrust.registrar.internal.cds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;
import org.zonetrust.core.dns.Rfc2136Updater;
import org.zonetrust.core.dns.TsigAlgorithm;
import org.zonetrust.core.dns.TsigKey;
import org.zonetrust.registrar.DsUpdateResult;
import org.zonetrust.registrar.ParentObserver;
import org.zonetrust.registrar.RegistrarConfig;
import org.zonetrust.registrar.RegistrarDsUpdater;
import org.zonetrust.registrar.RegistrarDsUpdaters;
import org.zonetrust.registrar.RegistrarException;
import org.zonetrust.registrar.SecureDelegation;
import org.zonetrust.registrar.TestKeys;
import org.zonetrust.testbed.Testbed;
import org.zonetrust.testbed.WithTestbed;

/**
 * The testbed's child zones are unsigned dynamic zones. BIND accepts a CDS/CDNSKEY RRset in such a
 * zone only in the RFC 8078 delete form: a real set must match a DNSKEY at the apex ("bad CDS
 * RRset"), and BIND cannot hold a DNSKEY it has no private key for in a dynamic zone. So this
 * publishes the delete form for real, shows BIND's refusal of an unmatched set, and reads the
 * parent's DS RRset; the records of a secure set are checked in {@code CdsDsUpdaterTest}.
 */
@WithTestbed
class CdsAdapterIT {

  @Test
  void publishesTheDeleteFormAtTheChildApexAndReportsPending(Testbed tb) throws Exception {
    Name zone = Name.fromString(tb.createZone("cdspub"));
    Rfc2136Updater child =
        Rfc2136Updater.builder()
            .server(tb.bind())
            .tsigKey(
                TsigKey.of(
                    tb.tsigKeyName(),
                    TsigAlgorithm.fromDnsName(tb.tsigAlgorithm()),
                    tb.tsigSecret()))
            .build();
    try (ParentObserver observer = TestKeys.observer(tb);
        RegistrarDsUpdater cds =
            RegistrarDsUpdaters.open(
                RegistrarConfig.builder(URI.create("cds:?ttl=120"))
                    .setting("dnsUpdater", child)
                    .setting("observer", observer)
                    .build())) {
      DsUpdateResult r = cds.converge(zone, SecureDelegation.insecure());
      assertThat(r.status()).isEqualTo(DsUpdateResult.Status.PENDING);
      assertThat(r.reference()).contains("CDS " + zone);
      assertThat(ask(tb, zone, Type.CDS))
          .singleElement()
          .satisfies(rec -> assertThat(rec.rdataToString()).isEqualTo("0 0 0 00"))
          .satisfies(rec -> assertThat(rec.getTTL()).isEqualTo(120));
      assertThat(ask(tb, zone, Type.CDNSKEY))
          .singleElement()
          .satisfies(rec -> assertThat(rec.rdataToString()).isEqualTo("0 3 0 AA=="));
      // the testbed's parent does not scan: test. holds no DS for the zone
      assertThat(cds.current(zone)).isEqualTo(SecureDelegation.insecure());

      SecureDelegation unmatched =
          SecureDelegation.fromDnskeys(zone, List.of(TestKeys.ksk(zone, 7)), Set.of(2));
      assertThatThrownBy(() -> cds.converge(zone, unmatched))
          .isInstanceOfSatisfying(
              RegistrarException.class,
              e -> assertThat(e.reason()).isEqualTo(RegistrarException.Reason.PROTOCOL))
          .hasMessageContaining("REFUSED");
      assertThat(ask(tb, zone, Type.CDS))
          .singleElement()
          .satisfies(rec -> assertThat(rec.rdataToString()).isEqualTo("0 0 0 00"));
    }
  }

  private static List<Record> ask(Testbed tb, Name zone, int type) throws Exception {
    Message m =
        new SimpleResolver(tb.bind())
            .send(Message.newQuery(Record.newRecord(zone, type, DClass.IN)));
    return new ArrayList<>(m.getSection(Section.ANSWER));
  }
}
