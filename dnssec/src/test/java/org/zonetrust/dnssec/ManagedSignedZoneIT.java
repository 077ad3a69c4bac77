package org.zonetrust.dnssec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;
import org.xbill.DNS.ZoneTransferIn;
import org.zonetrust.core.dns.DnsUpdate;
import org.zonetrust.core.dns.Rfc2136Updater;
import org.zonetrust.core.dns.TsigAlgorithm;
import org.zonetrust.core.dns.TsigKey;
import org.zonetrust.core.state.FileStateStore;
import org.zonetrust.testbed.Testbed;
import org.zonetrust.testbed.TestbedException;
import org.zonetrust.testbed.Tools;
import org.zonetrust.testbed.WithTestbed;

/**
 * A {@link ManagedSignedZone} published to the testbed's real servers: BIND by master file and
 * {@code rndc reload} (validated by Unbound through the DS in {@code test.}), Knot by signed RFC
 * 2136 updates.
 */
@WithTestbed
class ManagedSignedZoneIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  @TempDir Path dir;
  private final Clock clock =
      Clock.fixed(Instant.now().truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC);

  @Test
  void bindServesTheSignedTxtAndUnboundValidatesIt(Testbed testbed) throws Exception {
    String zone = "managed-bind.test.";
    Name origin = Name.fromConstantString(zone);
    AtomicReference<ZonePublisher> target =
        new AtomicReference<>(ZonePublishers.masterFile(dir.resolve("first.db"), List.of()));
    ManagedSignedZone z = managed(origin, "ns1.test.", (s, p) -> target.get().publish(s, p));
    z.setKeys(keys(origin));
    testbed.addSignedZone(zone, dir.resolve("first.db"), true);
    target.set(
        ZonePublishers.masterFile(
            testbed.signedZoneFile(zone), testbed.rndcCommand("reload", zone)));

    Name challenge = Name.fromConstantString("_acme-challenge." + zone);
    z.apply(
        DnsUpdate.builder(origin).add(new TXTRecord(challenge, DClass.IN, 60, "token-1")).build());

    until(() -> signedTxt(ask(testbed.bind(), challenge, false)), "BIND to serve the signed TXT");
    Message validated = ask(testbed.unbound(), challenge, true);
    assertThat(signedTxt(validated)).as("%s", validated).isTrue();
    assertThat(validated.getHeader().getFlag(Flags.AD)).as("AD in %s", validated).isTrue();
  }

  @Test
  void aZoneBindDoesNotKnowYetIsAddedThenReloaded(Testbed testbed) throws Exception {
    String zone = "managed-new-" + Long.toHexString(System.nanoTime() & 0xffffffL) + ".test.";
    Name origin = Name.fromString(zone);
    Path file = testbed.directory().resolve("bind").resolve("zones").resolve(zone + "managed.db");
    ZonePublisher publisher =
        ZonePublishers.masterFile(
            file,
            testbed.rndcCommand("reload", zone),
            testbed.rndcCommand("addzone", zone, "{ type primary; file \"" + file + "\"; };"));
    ManagedSignedZone z = managed(origin, "ns1.test.", publisher);
    assertThat(z.setKeys(keys(origin))).isTrue();
    long added = soa(z).getSerial();
    until(() -> servedSerial(testbed, zone) == added, "BIND to serve the added zone");

    Name challenge = Name.fromConstantString("_acme-challenge." + zone);
    z.apply(
        DnsUpdate.builder(origin).add(new TXTRecord(challenge, DClass.IN, 60, "token-1")).build());
    long reloaded = soa(z).getSerial();
    assertThat(reloaded).isGreaterThan(added);
    until(() -> servedSerial(testbed, zone) == reloaded, "BIND to serve the reloaded zone");
    until(() -> signedTxt(ask(testbed.bind(), challenge, false)), "BIND to serve the signed TXT");

    Name other = Name.fromString("managed-broken.test.");
    ZonePublisher broken =
        ZonePublishers.masterFile(
            dir.resolve("broken.db"),
            List.of("sh", "-c", "echo zone not found; exit 1"),
            List.of("sh", "-c", "echo permission denied; exit 3"));
    ManagedSignedZone b = managed(other, "ns1.test.", broken);
    assertThatThrownBy(() -> b.setKeys(keys(other)))
        .isInstanceOf(ZonePublishException.class)
        .hasMessageContaining("exited with 1: zone not found")
        .hasMessageContaining("then adding it failed too")
        .hasMessageContaining("exited with 3: permission denied");
  }

  private static long servedSerial(Testbed testbed, String zone) {
    try {
      return testbed.soaSerial(testbed.bind(), zone);
    } catch (TestbedException e) {
      return -1; // not loaded yet
    }
  }

  private static SOARecord soa(ManagedSignedZone z) {
    return (SOARecord) z.current().orElseThrow().records().get(0);
  }

  @Test
  void knotAcceptsTheSignedDiffByRfc2136(Testbed testbed) throws Exception {
    String zone = "managed-knot.test.";
    Name origin = Name.fromConstantString(zone);
    Path initial = dir.resolve("knot-initial.db");
    Files.writeString(initial, apex(origin, "ns2.test."));
    testbed.addKnotPrimaryZone(zone, initial);
    Rfc2136Updater knot =
        Rfc2136Updater.builder()
            .server(testbed.knot())
            .tsigKey(
                TsigKey.of(
                    testbed.tsigKeyName(),
                    TsigAlgorithm.fromDnsName(testbed.tsigAlgorithm()),
                    testbed.tsigSecret()))
            .clock(clock)
            .build();
    ManagedSignedZone z = managed(origin, "ns2.test.", ZonePublishers.rfc2136(knot));
    z.setKeys(keys(origin));
    Name challenge = Name.fromConstantString("_acme-challenge." + zone);
    z.apply(
        DnsUpdate.builder(origin).add(new TXTRecord(challenge, DClass.IN, 60, "token-1")).build());
    until(() -> signedTxt(ask(testbed.knot(), challenge, false)), "Knot to serve the signed TXT");

    List<Record> served = verifiedAxfr(testbed, origin, "1");
    assertThat(served).anyMatch(r -> r instanceof RRSIGRecord s && s.getTypeCovered() == Type.TXT);
    assertThat(served.get(0)).isEqualTo(z.current().orElseThrow().records().get(0));

    z.apply(DnsUpdate.builder(origin).deleteRRset(challenge, Type.TXT).build());
    until(
        () -> ask(testbed.knot(), challenge, false).getRcode() == org.xbill.DNS.Rcode.NXDOMAIN,
        "Knot to stop serving the TXT");
    assertThat(verifiedAxfr(testbed, origin, "2")).noneMatch(r -> r.getName().equals(challenge));
  }

  /** AXFR of Knot's zone, checked by ZoneVerifier and kzonecheck; without the closing SOA. */
  private List<Record> verifiedAxfr(Testbed testbed, Name origin, String step) throws Exception {
    List<Record> axfr = axfr(testbed, origin);
    List<Record> transferred = axfr.subList(0, axfr.size() - 1); // AXFR repeats the SOA last
    VerificationReport report =
        ZoneVerifier.builder().clock(clock).build().verify(origin, transferred);
    assertThat(report.ok()).as(report.summary() + report.problems()).isTrue();
    Path file = dir.resolve("knot-axfr-" + step + ".db");
    StringBuilder text = new StringBuilder();
    transferred.forEach(r -> text.append(r).append('\n'));
    Files.writeString(file, text);
    Tools.Result check =
        Tools.run(dir, "kzonecheck", "-o", origin.toString(), "-d", "on", file.toString());
    assertThat(check.exitCode()).as(check.output()).isZero();
    return transferred;
  }

  private ManagedSignedZone managed(Name origin, String ns, ZonePublisher publisher)
      throws Exception {
    return ManagedSignedZone.builder()
        .origin(origin)
        .records(SignerFixtures.parse(origin, apex(origin, ns) + "www A 127.0.0.1\n"))
        .store(FileStateStore.open(dir.resolve("state"), clock))
        .publisher(publisher)
        .clock(clock)
        .build();
  }

  private static String apex(Name origin, String ns) {
    return "$ORIGIN "
        + origin
        + "\n$TTL 60\n@ SOA "
        + ns
        + " hostmaster 1 60 60 600 60\n@ NS "
        + ns
        + "\n";
  }

  private static KeySetup keys(Name origin) {
    return KeySetup.of(
        List.of(
            SigningKey.generate(origin, DnssecAlgorithm.ECDSAP256SHA256, KeyRole.KSK),
            SigningKey.generate(origin, DnssecAlgorithm.ECDSAP256SHA256, KeyRole.ZSK)),
        Duration.ofMinutes(1));
  }

  private static boolean signedTxt(Message m) {
    List<Record> answer = m.getSection(Section.ANSWER);
    return answer.stream().anyMatch(r -> r.getType() == Type.TXT)
        && answer.stream()
            .anyMatch(r -> r instanceof RRSIGRecord s && s.getTypeCovered() == Type.TXT);
  }

  private static Message ask(java.net.InetSocketAddress server, Name name, boolean recursive)
      throws IOException {
    SimpleResolver resolver = new SimpleResolver(server);
    resolver.setTimeout(Duration.ofSeconds(2));
    resolver.setEDNS(0, 1232, ExtendedFlags.DO, List.of());
    Message query = Message.newQuery(Record.newRecord(name, Type.TXT, DClass.IN));
    if (!recursive) {
      query.getHeader().unsetFlag(Flags.RD);
    }
    return resolver.send(query);
  }

  private static List<Record> axfr(Testbed testbed, Name origin) throws Exception {
    TSIG tsig =
        new TSIG(
            TSIG.HMAC_SHA256,
            Name.fromString(testbed.tsigKeyName()),
            java.util.Base64.getDecoder().decode(testbed.tsigSecret()));
    ZoneTransferIn xfr = ZoneTransferIn.newAXFR(origin, testbed.knot(), tsig);
    xfr.setTimeout(Duration.ofSeconds(10));
    xfr.run();
    return xfr.getAXFR();
  }

  private static void until(CheckedCondition condition, String what) throws Exception {
    Instant deadline = Instant.now().plus(TIMEOUT);
    while (!condition.holds()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.onSpinWait();
      Thread.sleep(50); // readiness poll interval, not a fixed wait
    }
  }

  @FunctionalInterface
  private interface CheckedCondition {
    boolean holds() throws Exception;
  }
}
