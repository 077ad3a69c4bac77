package org.zonetrust.acme;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;
import org.zonetrust.core.dns.DnsUpdate;
import org.zonetrust.core.dns.PropagationChecker;
import org.zonetrust.testbed.ExtraPebble;
import org.zonetrust.testbed.Testbed;
import org.zonetrust.testbed.WithTestbed;

/**
 * A customer zone delegates its {@code _acme-challenge} names by CNAME to a separate validation
 * zone (common in hosting): the client writes the values in the validation zone, the CA follows the
 * CNAME and validates, and the values are gone afterwards. The Pebble here resolves through the
 * testbed's Unbound, as a real CA uses a recursive resolver; the shared Pebble, which asks BIND
 * directly, reports "No TXT records found" for such a name.
 */
@WithTestbed
class DelegatedChallengeIT {
  @TempDir Path dir;

  @Test
  void challengeDelegatedByCnameToAValidationZone(Testbed tb) throws Exception {
    String cust = tb.createZone("delegating");
    String validation = tb.createZone("validating");
    String base = cust.substring(0, cust.length() - 1);
    String target = validation.substring(0, validation.length() - 1);
    AcmeTestbed.updater(tb)
        .apply(
            DnsUpdate.builder(AcmeTestbed.name(cust))
                .add(
                    new CNAMERecord(
                        AcmeTestbed.name("_acme-challenge." + base),
                        DClass.IN,
                        60,
                        AcmeTestbed.name("apex." + target)))
                .add(
                    new CNAMERecord(
                        AcmeTestbed.name("_acme-challenge.www." + base),
                        DClass.IN,
                        60,
                        AcmeTestbed.name("www." + target)))
                .build());

    try (ExtraPebble pebble = tb.startPebbleResolvingThroughUnbound(Map.of());
        PropagationChecker checker = AcmeTestbed.checker(tb)) {
      AcmeDns01Client client =
          AcmeTestbed.client(tb, AcmeCa.of(pebble.directory(), tb.acmeTrustStore()), checker, dir)
              .build();
      List<String> names = List.of(base, "*." + base, "www." + base);
      IssuedCertificate cert = client.issue(CertificateRequest.builder().names(names).build());

      AcmeDns01ClientIT.assertIssued(cert, names, CertificateKeyType.EC_P256);
      // the values went to the validation zone and were removed there; the CNAMEs stay
      for (String owner : List.of("apex." + target, "www." + target)) {
        assertThat(txt(tb, owner)).as("TXT left at " + owner).isEmpty();
      }
    }
  }

  /** The TXT values BIND serves at {@code owner} itself (no {@code _acme-challenge.} prefix). */
  private static List<String> txt(Testbed tb, String owner) throws IOException {
    Message answer =
        AcmeTestbed.resolver(tb)
            .send(Message.newQuery(Record.newRecord(AcmeTestbed.name(owner), Type.TXT, DClass.IN)));
    return answer.getSection(Section.ANSWER).stream()
        .filter(TXTRecord.class::isInstance)
        .flatMap(r -> ((TXTRecord) r).getStrings().stream())
        .toList();
  }
}
