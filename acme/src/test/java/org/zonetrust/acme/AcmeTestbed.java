package org.zonetrust.acme;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;
import org.zonetrust.core.dns.PropagationChecker;
import org.zonetrust.core.dns.Rfc2136Updater;
import org.zonetrust.core.dns.TsigAlgorithm;
import org.zonetrust.core.dns.TsigKey;
import org.zonetrust.core.state.FileStateStore;
import org.zonetrust.core.state.StateStoreException;
import org.zonetrust.testbed.Testbed;

/** Wiring of the testbed's BIND, Knot, Unbound and Pebble for the acme ITs. */
final class AcmeTestbed {
  private AcmeTestbed() {}

  static AcmeCa ca(Testbed tb) {
    return AcmeCa.of(tb.acmeDirectory(), tb.acmeTrustStore());
  }

  static Rfc2136Updater updater(Testbed tb, String base64Secret) {
    return Rfc2136Updater.builder()
        .server(tb.bind())
        .tsigKey(
            TsigKey.of(
                tb.tsigKeyName(), TsigAlgorithm.fromDnsName(tb.tsigAlgorithm()), base64Secret))
        .timeout(Duration.ofSeconds(5))
        .build();
  }

  static Rfc2136Updater updater(Testbed tb) {
    return updater(tb, tb.tsigSecret());
  }

  /**
   * The resolver for CNAME and zone lookups: BIND, authoritative for {@code test.} and every child
   * zone, so a lookup sees a change at once (the testbed's Unbound caches answers for up to 5 s).
   */
  static SimpleResolver resolver(Testbed tb) {
    SimpleResolver r = new SimpleResolver(tb.bind());
    r.setTimeout(Duration.ofSeconds(3));
    return r;
  }

  /**
   * A client of {@code ca} wired to the testbed: DNS UPDATE to BIND, {@code checker}, BIND as the
   * lookup resolver, fast polling, an account that agrees to the terms, state in {@code dir/state}
   * and PEM files in {@code dir/certs}. Tests override what they vary.
   */
  static AcmeDns01Client.Builder client(Testbed tb, AcmeCa ca, PropagationChecker checker, Path dir)
      throws StateStoreException {
    return AcmeDns01Client.builder()
        .ca(ca)
        .account(AcmeAccount.builder().agreeToTermsOfService(true).build())
        .stateStore(FileStateStore.open(dir.resolve("state"), Clock.systemUTC()))
        .dnsUpdater(updater(tb))
        .propagationChecker(checker)
        .resolver(resolver(tb))
        .pemFiles(dir.resolve("certs"))
        .pollInterval(Duration.ofMillis(20), Duration.ofMillis(500));
  }

  /** Finds the zone through BIND, then asks BIND (ns1) and Knot (ns2) directly. */
  static PropagationChecker checker(Testbed tb) throws IOException {
    Name ns1 = Name.fromString(tb.primaryNameServer());
    return PropagationChecker.builder()
        .resolver(resolver(tb))
        .port((ns, address) -> ns.equals(ns1) ? tb.bindPort() : tb.knotPort())
        .queryTimeout(Duration.ofSeconds(2))
        .backoff(Duration.ofMillis(20), Duration.ofMillis(200))
        .timeout(Duration.ofSeconds(30))
        .build();
  }

  /** The TXT values BIND serves at {@code _acme-challenge.<name>} (wildcard prefix stripped). */
  static List<String> txtAtBind(Testbed tb, String name) throws IOException {
    String base = name.startsWith("*.") ? name.substring(2) : name;
    Name owner = Name.fromString("_acme-challenge." + base + ".");
    SimpleResolver bind = new SimpleResolver(tb.bind());
    bind.setTimeout(Duration.ofSeconds(2));
    Message answer = bind.send(Message.newQuery(Record.newRecord(owner, Type.TXT, 1)));
    List<String> values = new ArrayList<>();
    for (Record r : answer.getSection(Section.ANSWER)) {
      if (r instanceof TXTRecord txt) {
        values.addAll(txt.getStrings());
      }
    }
    return values;
  }

  static void assertNoChallengesLeft(Testbed tb, List<String> names) throws IOException {
    for (String n : names) {
      assertThat(txtAtBind(tb, n)).as("TXT left at _acme-challenge." + n).isEmpty();
    }
  }

  static Name name(String s) {
    try {
      return Name.fromString(s.endsWith(".") ? s : s + ".");
    } catch (TextParseException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
