package org.zonetrust.examples;

import java.io.PrintStream;
import java.net.InetAddress;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TLSARecord;
import org.xbill.DNS.Type;
import org.zonetrust.core.dns.PropagationChecker;
import org.zonetrust.dane.TlsaConfirmation;
import org.zonetrust.dane.TlsaEndpoint;
import org.zonetrust.dane.TlsaLookup;
import org.zonetrust.dane.TlsaPublishSet;
import org.zonetrust.dane.TlsaRolloverPlanner;
import org.zonetrust.dane.TlsaSource;
import org.zonetrust.dane.ValidatedResolver;
import org.zonetrust.testbed.Testbed;

/**
 * DANE for the customer's web and mail hosts, in the signed zone of {@link DnssecExample}: TLSA at
 * {@code _443._tcp.www} and {@code _25._tcp.mx1} for the key in use and the pre-generated next key
 * (key pairs generated here; the ACME client will supply them), published with the zone, confirmed
 * on its authoritative server, validated by Unbound (AD), and checked by {@code
 * verifyBeforeSwitch}. The planner also says which key the next certificate renewal uses.
 */
final class DaneExample {
  private final Name zone;
  private final TlsaRolloverPlanner planner;
  private final TlsaPublishSet set;
  private final TlsaSource next;

  private DaneExample(Name zone, TlsaRolloverPlanner planner, TlsaPublishSet set, TlsaSource next) {
    this.zone = zone;
    this.planner = planner;
    this.set = set;
    this.next = next;
  }

  /** Generates the two key pairs and plans the TLSA RRsets for www (443) and mx1 (25). */
  static DaneExample forZone(Name zone, Clock clock) throws Exception {
    KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
    ec.initialize(new ECGenParameterSpec("secp256r1"));
    TlsaSource current = TlsaSource.of(ec.generateKeyPair().getPublic());
    TlsaSource next = TlsaSource.of(ec.generateKeyPair().getPublic());
    TlsaRolloverPlanner planner =
        TlsaRolloverPlanner.builder()
            .endpoints(
                List.of(
                    TlsaEndpoint.tcp(443, Name.fromString("www", zone)),
                    TlsaEndpoint.tcp(25, Name.fromString("mx1", zone))))
            .ttl(Duration.ofMinutes(5))
            .negativeTtl(Duration.ofMinutes(5)) // the zone's SOA TTL and MINIMUM
            .margin(Duration.ofMinutes(1))
            .clock(clock)
            .build();
    return new DaneExample(zone, planner, planner.plan(current, next), next);
  }

  /** The mail host (MX, address) and the TLSA publish set, to sign with the zone. */
  List<Record> records() throws Exception {
    Name mx1 = Name.fromString("mx1", zone);
    List<Record> out = new ArrayList<>();
    out.add(new MXRecord(zone, DClass.IN, 300, 10, mx1));
    out.add(new ARecord(mx1, DClass.IN, 300, InetAddress.getByName("192.0.2.25")));
    out.addAll(set.records());
    return out;
  }

  /**
   * Asks Unbound for each TLSA RRset, confirms the set on the zone's server, and prints the renewal
   * key and the {@code verifyBeforeSwitch} verdict.
   *
   * @return Unbound's answers, one per endpoint
   */
  List<Message> show(Testbed tb, PrintStream out) throws Exception {
    out.println("TLSA publish set (current + next key):");
    out.print(set.toMasterFile().indent(2));
    SimpleResolver unbound = new SimpleResolver(tb.unbound());
    unbound.setEDNS(0, 1232, ExtendedFlags.DO, List.of());
    unbound.setTimeout(Duration.ofSeconds(5));
    List<Message> answers = new ArrayList<>();
    for (TlsaEndpoint e : planner.endpoints()) {
      Message m =
          unbound.send(Message.newQuery(Record.newRecord(e.ownerName(), Type.TLSA, DClass.IN)));
      answers.add(m);
      out.println(
          "Unbound: "
              + e.ownerName()
              + " TLSA "
              + Rcode.string(m.getRcode())
              + (m.getHeader().getFlag(Flags.AD) ? ", AD (validated)" : ", no AD (not validated)")
              + ", "
              + m.getSection(Section.ANSWER).stream().filter(r -> r instanceof TLSARecord).count()
              + " records");
    }

    // the signed zone has one name server, BIND; the checker still asks every address it has
    try (PropagationChecker checker =
        PropagationChecker.builder()
            .resolver(new SimpleResolver(tb.unbound()))
            .port((ns, address) -> tb.bindPort())
            .backoff(Duration.ofMillis(50), Duration.ofSeconds(1))
            .timeout(Duration.ofSeconds(30))
            .build()) {
      TlsaConfirmation confirmed =
          planner.confirmServed(set, checker, null).toCompletableFuture().join();
      out.println("TLSA served by every authoritative server at " + confirmed.servedEverywhereAt());
      out.println("Key for the next renewal: " + planner.keyForRenewal(set, confirmed));
    }
    // a trusted link (loopback) to a validating resolver: its AD bit is the DNSSEC status
    TlsaLookup viaUnbound = ValidatedResolver.trustingAd(tb.unbound(), Duration.ofSeconds(5));
    out.println("verifyBeforeSwitch: " + planner.verifyBeforeSwitch(viaUnbound, next));
    return answers;
  }
}
