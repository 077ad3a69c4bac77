package org.zonetrust.examples;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;
import org.zonetrust.core.dns.DnsQueries;
import org.zonetrust.core.state.FileStateStore;
import org.zonetrust.core.state.StateStore;
import org.zonetrust.dnssec.KeyManager;
import org.zonetrust.dnssec.KeyRole;
import org.zonetrust.dnssec.KeyRolloverPolicy;
import org.zonetrust.dnssec.KeyStatus;
import org.zonetrust.dnssec.ManagedSignedZone;
import org.zonetrust.dnssec.RecordState;
import org.zonetrust.dnssec.TickResult;
import org.zonetrust.dnssec.ZoneFile;
import org.zonetrust.dnssec.ZonePublishers;
import org.zonetrust.registrar.ParentObserver;
import org.zonetrust.registrar.RegistrarDsUpdater;
import org.zonetrust.registrar.RegistrarDsUpdaters;
import org.zonetrust.testbed.Testbed;

/**
 * DNSSEC that runs by itself, the way a platform embeds the key manager: a customer zone kept by a
 * {@link ManagedSignedZone} (unsigned records in the state store, signed before BIND sees them,
 * published as a master file plus {@code rndc reload}), a {@link KeyManager} with the lab policy
 * {@link KeyRolloverPolicy#fast()} (TTLs of seconds), and the parent {@code test.} reached through
 * the registrar SPI (DNS UPDATE adapter) and watched on every parent server by the {@link
 * ParentObserver}. The platform's only job is to call {@code tick} again at {@code nextEvent()}:
 * the manager creates the keys, signs, publishes CDS/CDNSKEY, asks for the DS and waits until the
 * parent serves it; then a ZSK roll runs to its end. Unbound, validating from its trust anchor,
 * answers with AD before and after.
 *
 * <p>Run it from an IDE or with {@code scripts/demo}: it starts the testbed's real servers on
 * loopback (Debian packages from {@code scripts/install-testbed}). With the default policy the same
 * steps take about a day (the DS TTL) instead of seconds.
 */
public final class ManagedDnssecExample {
  private static final Duration LIMIT = Duration.ofSeconds(90);
  private static final Duration LONGEST_SLEEP = Duration.ofMillis(500);

  private ManagedDnssecExample() {}

  /**
   * What the example did.
   *
   * @param zone the customer zone
   * @param zskBefore the key tag of the first ZSK
   * @param zskAfter the key tag of the ZSK after the roll
   * @param secure Unbound's answer for {@code www} once the DS was served
   * @param afterRoll Unbound's answer for {@code www} after the ZSK roll
   */
  public record Outcome(
      Name zone, int zskBefore, int zskAfter, Message secure, Message afterRoll) {}

  /**
   * Starts the testbed and runs the example against it.
   *
   * @param args ignored
   * @throws Exception if a step fails; the message says which and where
   */
  public static void main(String[] args) throws Exception {
    run(Testbed.shared(), "managed-customer", System.out);
  }

  /**
   * Puts a fresh customer zone of the given testbed under the key manager, makes it secure, and
   * rolls its ZSK.
   *
   * @param tb a running testbed
   * @param customer label of the zone to create under {@code test.}
   * @param out where to print what happens
   * @return the key tags and Unbound's answers
   * @throws Exception if a step fails or takes longer than 90 seconds
   */
  public static Outcome run(Testbed tb, String customer, PrintStream out) throws Exception {
    Clock clock = Clock.systemUTC();
    KeyRolloverPolicy policy = KeyRolloverPolicy.fast();
    Name zone = Name.fromString(customer + "." + tb.parentZone());
    Path work = Files.createTempDirectory("zonetrust-managed-");
    Path unsigned = work.resolve("unsigned.db");
    Files.writeString(
        unsigned,
        "$TTL 2\n@ SOA "
            + tb.primaryNameServer()
            + " hostmaster 1 60 30 600 2\n@ NS "
            + tb.primaryNameServer()
            + "\nwww A 192.0.2.80\n@ TXT \"DNSSEC by the zonetrust key manager\"\n");
    List<Record> records = ZoneFile.read(unsigned, zone);
    tb.addSignedZone(zone.toString(), unsigned, false);
    out.println("Customer zone " + zone + " served unsigned by BIND, delegated without DS");

    // What the platform configures once per zone: where the state lives and how to publish.
    StateStore store = FileStateStore.open(work.resolve("state"), clock);
    ManagedSignedZone managed =
        ManagedSignedZone.builder()
            .origin(zone)
            .records(records)
            .store(store)
            .publisher(
                ZonePublishers.masterFile(
                    tb.signedZoneFile(zone.toString()), tb.rndcCommand("reload", zone.toString())))
            .clock(clock)
            .policy(policy)
            .build();
    try (RegistrarDsUpdater registrar = TestbedParent.registrar(tb, policy.dsTtl(), clock);
        ParentObserver parentServers = TestbedParent.observer(tb, clock)) {
      KeyManager keys =
          KeyManager.builder()
              .store(store)
              .policy(policy)
              .parent(RegistrarDsUpdaters.parentChannel(registrar, parentServers))
              .build();
      keys.register(managed);

      List<KeyStatus> now =
          tickUntil(
              keys, zone, clock, out, "the KSK's DS is served", ManagedDnssecExample::kskDsServed);
      int zskBefore = zsk(now).keyTag();
      SimpleResolver unbound = new SimpleResolver(tb.unbound());
      unbound.setEDNS(0, 0, ExtendedFlags.DO);
      Record www = Record.newRecord(Name.fromString("www", zone), Type.A, DClass.IN);
      DnsQueries dns = new DnsQueries();
      Message secure = dns.send(unbound, Message.newQuery(www));
      out.println("Secure: Unbound answers www " + describe(secure));

      keys.requestRoll(zone, KeyRole.ZSK);
      out.println("ZSK roll requested");
      now =
          tickUntil(
              keys,
              zone,
              clock,
              out,
              "the ZSK roll ends",
              ks -> ks.stream().noneMatch(k -> k.keyTag() == zskBefore));
      int zskAfter = zsk(now).keyTag();
      Message afterRoll = dns.send(unbound, Message.newQuery(www));
      out.println(
          "ZSK "
              + zskBefore
              + " replaced by "
              + zskAfter
              + ": Unbound answers www "
              + describe(afterRoll));
      return new Outcome(zone, zskBefore, zskAfter, secure, afterRoll);
    }
  }

  /**
   * What a platform's scheduler does: tick, then sleep until the next event (here at most half a
   * second, to show progress), until {@code done} holds.
   */
  private static List<KeyStatus> tickUntil(
      KeyManager keys,
      Name zone,
      Clock clock,
      PrintStream out,
      String what,
      Predicate<List<KeyStatus>> done)
      throws Exception {
    long deadline = System.nanoTime() + LIMIT.toNanos();
    while (true) {
      TickResult r = keys.tick(zone, clock);
      for (String change : r.changes()) {
        out.println("  " + change);
      }
      if (done.test(r.keys())) {
        return r.keys();
      }
      if (System.nanoTime() - deadline > 0) {
        throw new IllegalStateException(
            zone + ": " + what + " did not happen within " + LIMIT + "; keys: " + r.keys());
      }
      long wait = Duration.between(clock.instant(), r.nextEvent()).toMillis();
      Thread.sleep(Math.max(1, Math.min(wait, LONGEST_SLEEP.toMillis())));
    }
  }

  private static boolean kskDsServed(List<KeyStatus> keys) {
    return keys.stream()
        .anyMatch(k -> k.role() == KeyRole.KSK && k.ds() == RecordState.OMNIPRESENT);
  }

  private static KeyStatus zsk(List<KeyStatus> keys) {
    return keys.stream()
        .filter(k -> k.role() == KeyRole.ZSK && !k.retiring())
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no active ZSK in " + keys));
  }

  private static String describe(Message m) {
    return Rcode.string(m.getRcode())
        + (m.getHeader().getFlag(Flags.AD) ? ", AD (validated)" : ", no AD (not validated)");
  }
}
