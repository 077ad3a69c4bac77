package org.zonetrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.CDSRecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DSRecord;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;
import org.zonetrust.core.dns.DnsQueries;
import org.zonetrust.core.dns.DnsUpdate;
import org.zonetrust.core.dns.Rfc2136Updater;
import org.zonetrust.core.dns.TsigAlgorithm;
import org.zonetrust.core.dns.TsigKey;
import org.zonetrust.testbed.Testbed;
import org.zonetrust.testbed.WithTestbed;

/**
 * {@code zonetrust manage} run again and again as a cron job would, against the testbed: a child of
 * {@code test.} served by BIND from the master file {@code manage} writes (reloaded by {@code rndc
 * reload}), its DS put into {@code test.} by DNS UPDATE with TSIG and confirmed on the parent's
 * servers, with the {@code fast} policy (TTLs of 2 seconds).
 */
@WithTestbed
class ManageCommandIT {
  private static final Duration LIMIT = Duration.ofSeconds(60);
  private static final Duration MAX_WAIT = Duration.ofSeconds(1);
  private static final Pattern NEXT = Pattern.compile("; next event at (\\S+)$");

  @TempDir Path dir;

  @Test
  void manageSignsTheZoneAndGetsItsDsServedByTheParent(Testbed tb) throws Exception {
    String zone =
        "manage-" + Long.toHexString(System.nanoTime() & 0xffffffL) + "." + tb.parentZone();
    Path state = stateWithZone(tb, zone, dnsUpdateParent(tb), true);
    Path zones = state.resolve("zones");

    CliRun first = manage(state);
    assertThat(first.out()).startsWith(zone + ": ").contains("published");
    CliRun status = keysStatus(state, zone);
    assertThat(status.exitCode()).as(status.err()).isZero();
    assertThat(keyLines(status))
        .hasSize(2)
        .anyMatch(l -> l.startsWith("KSK "))
        .anyMatch(l -> l.startsWith("ZSK "))
        .allMatch(l -> l.matches(".* dnskey=(rumoured|omnipresent) .*"));

    status = manageUntilDsOmnipresent(state, zone, first);

    int kskTag = kskTag(status);
    List<DSRecord> served = dsAtParent(tb, Name.fromString(zone));
    assertThat(served).as("DS served by BIND for test.").hasSize(1);
    assertThat(served.get(0).getFootprint()).isEqualTo(kskTag);

    Files.writeString(
        zones.resolve("broken.properties"),
        "zone = broken."
            + tb.parentZone()
            + "\npublish = master-file\nmaster-file = x.db\n"
            + "parent-resolver = 127.0.0.1\n");
    CliRun withBroken = CliRun.of("manage", "--state", state.toString());
    assertThat(withBroken.exitCode()).isEqualTo(ExitCodes.ERROR);
    assertThat(withBroken.err()).contains(zones.resolve("broken.properties") + ": parent: missing");
    assertThat(withBroken.out()).as("the good zone still runs").startsWith(zone + ": ");
  }

  /**
   * {@code parent = cds:}: manage sends nothing to the parent; it publishes CDS/CDNSKEY signed by
   * the KSK and waits, and the test plays the parent operator that scans them (reads the CDS from
   * BIND and puts the DS into {@code test.}). Only once the parent serves it is the DS omnipresent.
   */
  @Test
  void cdsParentPublishesSignedCdsAndWaitsForTheParentToServeIt(Testbed tb) throws Exception {
    String zone = "cds-" + Long.toHexString(System.nanoTime() & 0xffffffL) + "." + tb.parentZone();
    Name apex = Name.fromString(zone);
    Path state = stateWithZone(tb, zone, "cds:", false);

    CliRun last = manage(state);
    CliRun status = keysStatus(state, zone);
    long deadline = System.nanoTime() + LIMIT.toNanos();
    List<Record> cds = rrset(tb, apex, Type.CDS);
    while (cds.isEmpty()) {
      assertThat(System.nanoTime() - deadline)
          .as("no CDS served within %s; last: %s%s", LIMIT, last.out(), status.out())
          .isNegative();
      waitForNextEvent(last);
      last = manage(state);
      status = keysStatus(state, zone);
      cds = rrset(tb, apex, Type.CDS);
    }
    int kskTag = kskTag(status);
    assertThat(cds)
        .singleElement()
        .satisfies(r -> assertThat(((CDSRecord) r).getFootprint()).isEqualTo(kskTag));
    assertThat(rrset(tb, apex, Type.CDNSKEY)).hasSize(1);
    assertThat(signers(tb, apex, Type.CDS))
        .as("CDS signed by the KSK only")
        .containsExactly(kskTag);
    assertThat(kskLine(status)).doesNotContain(" ds=omnipresent");

    for (int i = 0; i < 3; i++) {
      waitForNextEvent(last);
      last = manage(state);
      assertThat(last.out())
          .as("nothing to publish while the parent has not acted")
          .doesNotContain("; published");
    }
    assertThat(dsAtParent(tb, apex)).as("manage sends nothing to the parent").isEmpty();
    status = keysStatus(state, zone);
    assertThat(kskLine(status)).doesNotContain(" ds=omnipresent");

    CDSRecord c = (CDSRecord) cds.get(0);
    Rfc2136Updater parent =
        Rfc2136Updater.builder()
            .server(tb.bind())
            .tsigKey(
                TsigKey.of(
                    tb.tsigKeyName(),
                    TsigAlgorithm.fromDnsName(tb.tsigAlgorithm()),
                    tb.tsigSecret()))
            .build();
    parent.apply(
        DnsUpdate.builder(Name.fromString(tb.parentZone()))
            .add(
                new DSRecord(
                    apex,
                    DClass.IN,
                    2,
                    c.getFootprint(),
                    c.getAlgorithm(),
                    c.getDigestID(),
                    c.getDigest()))
            .build());

    status = manageUntilDsOmnipresent(state, zone, last);
    assertThat(kskTag(status)).isEqualTo(kskTag);
  }

  private Path stateWithZone(Testbed tb, String zone, String parent, boolean tsig)
      throws Exception {
    Path unsigned = dir.resolve(zone + "unsigned.db");
    Files.writeString(
        unsigned,
        "$TTL 2\n@ SOA ns1.test. hostmaster 1 60 30 600 2\n@ NS ns1.test.\n"
            + "www A 192.0.2.80\n@ TXT \"managed by zonetrust manage\"\n");
    tb.addSignedZone(zone, unsigned, false);

    Path state =
        Files.createDirectory(
            dir.resolve("state"),
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    Path zones = Files.createDirectories(state.resolve("zones"));
    Path secret = dir.resolve("tsig.b64");
    Files.writeString(secret, tb.tsigSecret() + "\n");
    Path policy = dir.resolve("fast.properties");
    Files.writeString(policy, "base = fast\nname = lab\n");
    Path config = zones.resolve("child.properties");
    Files.writeString(
        config,
        String.join(
            "\n",
            "zone = " + zone,
            "records = " + unsigned,
            "publish = master-file",
            "master-file = " + tb.signedZoneFile(zone),
            "reload-command = " + String.join(" ", tb.rndcCommand("reload", zone)),
            "parent = " + parent,
            tsig ? "parent-secret-file.tsig = " + secret : "",
            "parent-resolver = " + hostPort(tb.unbound()),
            "parent-ns-port = " + tb.bindPort(),
            "policy = " + policy,
            ""));
    return state;
  }

  private static String dnsUpdateParent(Testbed tb) {
    return "dnsupdate://127.0.0.1:"
        + tb.bindPort()
        + "?key="
        + tb.tsigKeyName()
        + "&algorithm="
        + tb.tsigAlgorithm()
        + "&ttl=2";
  }

  private static CliRun manageUntilDsOmnipresent(Path state, String zone, CliRun after)
      throws Exception {
    CliRun status = keysStatus(state, zone);
    assertThat(status.exitCode()).as(status.err()).isZero();
    long deadline = System.nanoTime() + LIMIT.toNanos();
    CliRun last = after;
    int runs = 0;
    while (!kskLine(status).contains(" ds=omnipresent")) {
      assertThat(System.nanoTime() - deadline)
          .as(
              "DS not omnipresent within %s after %d runs; last: %s%s",
              LIMIT, runs, last.out(), status.out())
          .isNegative();
      waitForNextEvent(last);
      last = manage(state);
      runs++;
      status = keysStatus(state, zone);
      assertThat(status.exitCode()).as(status.err()).isZero();
    }
    System.out.printf("%s: DS omnipresent after %d more manage runs%n%s", zone, runs, status.out());
    return status;
  }

  private static int kskTag(CliRun status) {
    return Integer.parseInt(kskLine(status).replaceFirst("^KSK \\S+?/(\\d+).*$", "$1"));
  }

  private static CliRun manage(Path state) {
    CliRun r = CliRun.of("manage", "--state", state.toString());
    System.out.print(r.out());
    assertThat(r.exitCode()).as("manage: %s%s", r.out(), r.err()).isZero();
    assertThat(r.out().strip()).containsPattern(NEXT);
    return r;
  }

  private static CliRun keysStatus(Path state, String zone) {
    return CliRun.of("keys", "status", "--state", state.toString(), "--zone", zone);
  }

  private static List<String> keyLines(CliRun status) {
    List<String> lines = new ArrayList<>(status.out().lines().toList());
    return lines.subList(1, lines.size());
  }

  private static String kskLine(CliRun status) {
    return keyLines(status).stream().filter(l -> l.startsWith("KSK ")).findFirst().orElseThrow();
  }

  /** Waits until the next event the run printed, at most {@link #MAX_WAIT}. */
  private static void waitForNextEvent(CliRun run) throws InterruptedException {
    Matcher m = NEXT.matcher(run.out().strip());
    assertThat(m.find()).as(run.out()).isTrue();
    long wait = Duration.between(Instant.now(), Instant.parse(m.group(1))).toMillis();
    if (wait > 0) {
      Thread.sleep(Math.min(wait, MAX_WAIT.toMillis()));
    }
  }

  private static List<DSRecord> dsAtParent(Testbed tb, Name zone) throws Exception {
    List<DSRecord> out = new ArrayList<>();
    for (Record r : rrset(tb, zone, Type.DS)) {
      out.add((DSRecord) r);
    }
    return out;
  }

  /** The RRset BIND serves for {@code name}/{@code type}, without signatures. */
  private static List<Record> rrset(Testbed tb, Name name, int type) throws Exception {
    return answer(tb, name, type).stream().filter(r -> r.getType() == type).toList();
  }

  /** The key tags of the RRSIGs BIND serves over {@code name}/{@code type}. */
  private static List<Integer> signers(Testbed tb, Name name, int type) throws Exception {
    return answer(tb, name, type).stream()
        .filter(r -> r instanceof RRSIGRecord sig && sig.getTypeCovered() == type)
        .map(r -> ((RRSIGRecord) r).getFootprint())
        .toList();
  }

  private static List<Record> answer(Testbed tb, Name name, int type) throws Exception {
    SimpleResolver bind = new SimpleResolver(tb.bind());
    bind.setTimeout(Duration.ofSeconds(2));
    bind.setEDNS(0, 4096, ExtendedFlags.DO, List.of());
    Message answer =
        new DnsQueries().send(bind, Message.newQuery(Record.newRecord(name, type, DClass.IN)));
    return answer.getSection(Section.ANSWER);
  }

  private static String hostPort(InetSocketAddress a) {
    String host = a.getAddress().getHostAddress();
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
  }
}
