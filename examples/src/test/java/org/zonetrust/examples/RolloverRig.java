package org.zonetrust.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.DNSSEC;
import org.xbill.DNS.DSRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.zonetrust.core.dns.DnsQueries;
import org.zonetrust.core.dns.ParentDsChannel;
import org.zonetrust.core.dns.ParentDsView;
import org.zonetrust.dnssec.KeyManager;
import org.zonetrust.dnssec.KeyStatus;
import org.zonetrust.dnssec.SignedZone;
import org.zonetrust.dnssec.TickResult;
import org.zonetrust.dnssec.ZonePublishException;
import org.zonetrust.dnssec.ZonePublisher;
import org.zonetrust.registrar.ParentObserver;
import org.zonetrust.registrar.RegistrarDsUpdater;
import org.zonetrust.testbed.Testbed;
import org.zonetrust.testbed.TestbedException;

/**
 * What the real-time key manager ITs share: a publisher into the testbed's BIND, the DNS UPDATE
 * parent channel into {@code test.} with TSIG, a tick loop, and queries through Unbound.
 */
final class RolloverRig {
  /** Longest wait between two ticks, even when the next event is later. */
  static final Duration MAX_WAIT = Duration.ofMillis(500);

  private RolloverRig() {}

  /** The unsigned zone: SOA (minimum 2 s, expire 10 min), NS, www A and a TXT, all with TTL 2. */
  static List<Record> records(Name zone, Testbed tb) throws IOException {
    Name ns = Name.fromString(tb.primaryNameServer());
    long ttl = 2;
    return List.of(
        new SOARecord(
            zone, DClass.IN, ttl, ns, Name.fromString("hostmaster", zone), 1, 60, 30, 600, ttl),
        new NSRecord(zone, DClass.IN, ttl, ns),
        new ARecord(
            Name.fromString("www", zone), DClass.IN, ttl, InetAddress.getByName("192.0.2.80")),
        new TXTRecord(zone, DClass.IN, ttl, "managed by the zonetrust key manager"));
  }

  /**
   * Publishes into the testbed's BIND: the first publication adds the zone (delegated from {@code
   * test.} without DS: the key manager asks for the DS), later ones replace the file and reload,
   * leaving Unbound's caches alone. Returns when BIND serves the new serial.
   */
  static ZonePublisher bindPublisher(Testbed tb, Name zone, Path file) {
    return bindPublisher(tb, zone, file, false);
  }

  /** Like {@link #bindPublisher(Testbed, Name, Path)}, for a zone BIND may already serve. */
  static ZonePublisher bindPublisher(Testbed tb, Name zone, Path file, boolean alreadyAdded) {
    boolean[] added = {alreadyAdded};
    return (SignedZone signed, List<Record> previous) -> {
      try {
        signed.writeMasterFile(file);
        if (added[0]) {
          tb.publishSignedZone(zone.toString(), file);
        } else {
          tb.addSignedZone(zone.toString(), file, false);
          added[0] = true;
        }
      } catch (IOException | TestbedException e) {
        throw new ZonePublishException("cannot publish " + zone + " in BIND: " + e, e);
      }
    };
  }

  /** The DNS UPDATE adapter for {@code test.} on BIND with TSIG, DS TTL {@code dsTtl}. */
  static RegistrarDsUpdater updater(Testbed tb, Duration dsTtl, Clock clock) throws Exception {
    return TestbedParent.registrar(tb, dsTtl, clock);
  }

  /** Asks every server of {@code test.} for the DS (see {@link TestbedParent#observer}). */
  static ParentObserver observer(Testbed tb, Clock clock) throws Exception {
    return TestbedParent.observer(tb, clock);
  }

  /**
   * Ticks at each next event (waiting at most {@link #MAX_WAIT}) until {@code done} holds for the
   * keys, printing every decision; fails after {@code limit}.
   */
  static TickResult tickUntil(
      KeyManager keys,
      Name zone,
      Clock clock,
      Duration limit,
      String what,
      Predicate<List<KeyStatus>> done)
      throws Exception {
    long deadline = System.nanoTime() + limit.toNanos();
    TickResult r = tick(keys, zone, clock);
    while (!done.test(r.keys())) {
      assertThat(System.nanoTime() - deadline)
          .as("%s not reached within %s; keys: %s", what, limit, r.keys())
          .isNegative();
      long wait = Duration.between(clock.instant(), r.nextEvent()).toMillis();
      if (wait > 0) {
        Thread.sleep(Math.min(wait, MAX_WAIT.toMillis()));
      }
      r = tick(keys, zone, clock);
    }
    return r;
  }

  private static TickResult tick(KeyManager keys, Name zone, Clock clock) throws Exception {
    TickResult r = keys.tick(zone, clock);
    for (String change : r.changes()) {
      System.out.println(clock.instant() + " " + zone + ": " + change);
    }
    return r;
  }

  /** The SHA-256 DS set of the given KSK tags, made from the DNSKEYs of the published zone. */
  static Set<DSRecord> dsOf(SignedZone zone, Set<Integer> tags, long ttl) {
    Set<DSRecord> out = new HashSet<>();
    for (Record r : zone.records()) {
      if (r instanceof DNSKEYRecord k
          && (k.getFlags() & DNSKEYRecord.Flags.SEP_KEY) != 0
          && tags.contains(k.getFootprint())) {
        out.add(new DSRecord(zone.origin(), DClass.IN, ttl, DNSSEC.Digest.SHA256, k));
      }
    }
    return out;
  }

  /**
   * The DS set every parent server agrees on, or fails naming what each serves. ns1.test. and
   * ns2.test. are both BIND's two addresses, and an address is asked once, so two servers answer.
   */
  static Set<DSRecord> agreedDs(ParentDsChannel parent, Name zone) throws Exception {
    ParentDsView view = parent.observe(zone);
    assertThat(view.detail().lines())
        .as("servers asked: %s", view.detail())
        .hasSize(2)
        .anyMatch(l -> l.contains(" 127.0.0.1 port "))
        .anyMatch(l -> l.contains(" 0:0:0:0:0:0:0:1 port "));
    assertThat(view.agreed()).as("the parent's servers disagree: %s", view.detail()).isPresent();
    return view.agreed().orElseThrow();
  }

  /** The key tags of the RRSIGs in the answer section. */
  static Set<Integer> signerTags(Message m) {
    Set<Integer> tags = new HashSet<>();
    for (Record r : m.getSection(org.xbill.DNS.Section.ANSWER)) {
      if (r instanceof org.xbill.DNS.RRSIGRecord sig) {
        tags.add(sig.getFootprint());
      }
    }
    return tags;
  }

  /** Asks {@code server} for {@code name}/{@code type} with DNSSEC OK. */
  static Message ask(DnsQueries dns, SimpleResolver server, Name name, int type)
      throws IOException {
    return dns.send(server, query(name, type));
  }

  static Message query(Name name, int type) {
    Message q = Message.newQuery(Record.newRecord(name, type, DClass.IN));
    q.getHeader().setFlag(org.xbill.DNS.Flags.AD);
    return q;
  }

  /** A resolver for Unbound (validating) with DNSSEC OK. */
  static SimpleResolver unbound(Testbed tb) {
    SimpleResolver r = new SimpleResolver(tb.unbound());
    r.setEDNS(0, 0, org.xbill.DNS.ExtendedFlags.DO);
    r.setTimeout(Duration.ofSeconds(2));
    return r;
  }

  /** A resolver for BIND (authoritative) with DNSSEC OK. */
  static SimpleResolver bind(Testbed tb) {
    SimpleResolver r = new SimpleResolver(tb.bind());
    r.setEDNS(0, 0, org.xbill.DNS.ExtendedFlags.DO);
    r.setTimeout(Duration.ofSeconds(2));
    return r;
  }

  /** The key tags in a list of statuses that match {@code filter}. */
  static List<Integer> tags(List<KeyStatus> keys, Predicate<KeyStatus> filter) {
    List<Integer> out = new ArrayList<>();
    for (KeyStatus k : keys) {
      if (filter.test(k)) {
        out.add(k.keyTag());
      }
    }
    return out;
  }

  /** The record types in the answer section. */
  static Set<Integer> answerTypes(Message m) {
    Set<Integer> types = new HashSet<>();
    for (Record r : m.getSection(org.xbill.DNS.Section.ANSWER)) {
      types.add(r.getType());
    }
    return types;
  }
}
