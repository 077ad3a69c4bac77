package org.zonetrust.examples;

import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;
import org.zonetrust.dnssec.DigestType;
import org.zonetrust.dnssec.DnssecAlgorithm;
import org.zonetrust.dnssec.KeyRole;
import org.zonetrust.dnssec.SerialPolicy;
import org.zonetrust.dnssec.SignedZone;
import org.zonetrust.dnssec.SigningKey;
import org.zonetrust.dnssec.VerificationReport;
import org.zonetrust.dnssec.ZoneChange;
import org.zonetrust.dnssec.ZoneSigner;
import org.zonetrust.dnssec.ZoneVerifier;
import org.zonetrust.registrar.DsUpdateResult;
import org.zonetrust.registrar.ParentObservation;
import org.zonetrust.registrar.ParentObserver;
import org.zonetrust.registrar.RegistrarDsUpdater;
import org.zonetrust.registrar.SecureDelegation;
import org.zonetrust.testbed.Testbed;

/**
 * DNSSEC for one customer zone, the way a platform embeds ZoneTrust: generate a KSK and a ZSK
 * (ECDSA P-256), sign the zone with NSEC3, check it with {@link ZoneVerifier}, serve it from the
 * testbed's BIND, push its DS into the parent {@code test.} through the registrar SPI (DNS UPDATE
 * adapter) and wait until the {@link ParentObserver} sees it on every parent server, and ask the
 * testbed's validating Unbound, which sets the AD bit only when the chain of trust from its trust
 * anchor holds. The zone also publishes TLSA for its web and mail hosts ({@link DaneExample}:
 * current + next key, validated by Unbound, checked by {@code verifyBeforeSwitch}). Then one record
 * is added by incremental signing (only the new RRset, the SOA and the NSEC3 neighbours are
 * re-signed) and the new version validates too.
 *
 * <p>Run it from an IDE or with {@code scripts/demo}: it starts the testbed's real servers on
 * loopback (Debian packages from {@code scripts/install-testbed}).
 */
public final class DnssecExample {
  private DnssecExample() {}

  /**
   * Starts the testbed and runs the example against it.
   *
   * @param args ignored
   * @throws Exception if a step fails; the message says which and where
   */
  public static void main(String[] args) throws Exception {
    run(Testbed.shared(), "signed-customer", System.out);
  }

  /**
   * Signs, serves and validates a fresh customer zone of the given testbed.
   *
   * @param tb a running testbed
   * @param customer label of the zone to create under {@code test.}
   * @param out where to print what happens
   * @return Unbound's answer for the record added last (AD set when it validated)
   * @throws Exception if a step fails
   */
  public static Message run(Testbed tb, String customer, PrintStream out) throws Exception {
    Name zone = Name.fromString(customer + "." + tb.parentZone());
    Clock clock = Clock.systemUTC();
    List<SigningKey> keys =
        List.of(
            SigningKey.generate(zone, DnssecAlgorithm.ECDSAP256SHA256, KeyRole.KSK),
            SigningKey.generate(zone, DnssecAlgorithm.ECDSAP256SHA256, KeyRole.ZSK));
    out.println(
        "Keys for " + zone + ": " + keys + " (signing with " + keys.get(0).providerName() + ")");
    out.println("DS for the parent: " + keys.get(0).ds(DigestType.SHA256, 3600));

    ZoneSigner signer =
        ZoneSigner.builder()
            .keys(keys)
            .clock(clock)
            .denial(org.zonetrust.dnssec.Denial.nsec3())
            .serialPolicy(SerialPolicy.INCREMENT)
            .build();
    DaneExample dane = DaneExample.forZone(zone, clock);
    List<Record> records = customerRecords(zone, tb);
    records.addAll(dane.records());
    SignedZone signed = signer.sign(zone, records);
    VerificationReport report =
        ZoneVerifier.builder().clock(clock).build().verify(zone, signed.records());
    out.println(
        "Signed " + signed.records().size() + " records; ZoneVerifier: " + report.summary());

    Path dir = Files.createTempDirectory("zonetrust-dnssec-example");
    Path file = dir.resolve(zone + "signed");
    signed.writeMasterFile(file);
    tb.addSignedZone(zone.toString(), file, false);
    out.println("Served by BIND, delegated from " + tb.parentZone() + " without DS yet");
    pushDs(tb, zone, keys, clock, out);

    SimpleResolver unbound = new SimpleResolver(tb.unbound());
    unbound.setEDNS(0, 0, org.xbill.DNS.ExtendedFlags.DO);
    Message www = ask(unbound, Name.fromString("www", zone), Type.A);
    out.println("Unbound: www " + describe(www));
    Message missing = ask(unbound, Name.fromString("nothing-here", zone), Type.A);
    out.println("Unbound: nothing-here " + describe(missing));
    dane.show(tb, out);

    Name added = Name.fromString("shop", zone);
    SignedZone next =
        signer.apply(
            signed,
            ZoneChange.of(
                List.of(new ARecord(added, DClass.IN, 300, InetAddress.getByName("192.0.2.80"))),
                List.of()));
    Path nextFile = dir.resolve(zone + "signed.2");
    next.writeMasterFile(nextFile);
    tb.reloadSignedZone(zone.toString(), nextFile);
    Message shop = ask(unbound, added, Type.A);
    out.println("Added shop A by incremental signing; Unbound: shop " + describe(shop));
    return shop;
  }

  /**
   * Puts the DS into the parent through the registrar SPI, as a platform does for a parent it runs
   * (DNS UPDATE with TSIG), then waits until every server of the parent zone serves it.
   */
  private static void pushDs(
      Testbed tb, Name zone, List<SigningKey> keys, Clock clock, PrintStream out) throws Exception {
    List<DNSKEYRecord> dnskeys = new ArrayList<>();
    for (SigningKey k : keys) {
      dnskeys.add(k.dnskey());
    }
    SecureDelegation desired =
        SecureDelegation.fromDnskeys(zone, dnskeys, Set.of(SecureDelegation.SHA256));
    // the DNS UPDATE adapter on BIND with the testbed's TSIG key (see TestbedParent)
    try (RegistrarDsUpdater updater = TestbedParent.registrar(tb, Duration.ofHours(1), clock);
        ParentObserver observer = TestbedParent.observer(tb, clock)) {
      DsUpdateResult result = updater.converge(zone, desired);
      out.println("DS via the registrar SPI: " + result.status() + " (" + result.message() + ")");
      ParentObservation seen = observer.await(zone, desired, Duration.ofSeconds(30));
      out.println("Parent observer: " + seen);
    }
  }

  private static List<Record> customerRecords(Name zone, Testbed tb) throws Exception {
    Name ns = Name.fromString(tb.primaryNameServer());
    List<Record> records = new ArrayList<>();
    records.add(
        new SOARecord(
            zone,
            DClass.IN,
            300,
            ns,
            Name.fromString("hostmaster", zone),
            1,
            7200,
            3600,
            1209600,
            300));
    records.add(new NSRecord(zone, DClass.IN, 300, ns));
    records.add(new ARecord(zone, DClass.IN, 300, InetAddress.getByName("192.0.2.10")));
    records.add(
        new ARecord(
            Name.fromString("www", zone), DClass.IN, 300, InetAddress.getByName("192.0.2.10")));
    records.add(new TXTRecord(zone, DClass.IN, 300, "v=spf1 -all"));
    return records;
  }

  private static Message ask(SimpleResolver resolver, Name name, int type) throws Exception {
    Message query = Message.newQuery(Record.newRecord(name, type, DClass.IN));
    return resolver.send(query);
  }

  private static String describe(Message m) {
    return Rcode.string(m.getRcode())
        + (m.getHeader().getFlag(Flags.AD) ? ", AD (validated)" : ", no AD (not validated)");
  }
}
