package org.zonetrust.dnssec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;
import org.zonetrust.testbed.Testbed;
import org.zonetrust.testbed.WithTestbed;

/**
 * End to end: a child zone of the testbed's {@code test.}, signed by {@link ZoneSigner} (ECDSA
 * P-256), is served by BIND (as a file: BIND refuses RRSIGs in dynamic updates), its DS is in
 * {@code test.}, and Unbound, whose only trust anchor is {@code test.}'s KSK, validates answers,
 * denials and wildcard answers from it (AD), and answers SERVFAIL once one signature in the served
 * zone is damaged.
 *
 * <p>NSEC and NSEC3 each get a zone. NSEC3 opt-out is left to the verifier corpus: with opt-out, a
 * validator may rightly withhold AD from an NXDOMAIN whose next closer name falls in an opt-out
 * span, so AD would depend on hash order.
 */
@WithTestbed
class UnboundEndToEndIT {
  private static final List<DenialMode> MODES = List.of(DenialMode.NSEC, DenialMode.NSEC3);
  private static final java.util.Map<Name, List<SigningKey>> KEYS =
      new java.util.concurrent.ConcurrentHashMap<>();
  private static Path work;

  @BeforeAll
  static void serveSignedZones(Testbed testbed) throws IOException {
    work = Files.createTempDirectory("zonetrust-e2e-");
    for (DenialMode mode : MODES) {
      TestZone zone = zone(zoneName(mode), 1);
      testbed.addSignedZone(zone.origin().toString(), sign(zone, mode));
    }
  }

  @AfterAll
  static void cleanUp() throws IOException {
    try (var files = Files.walk(work)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = DenialMode.class,
      names = {"NSEC", "NSEC3"})
  void answersAreAuthenticated(DenialMode mode, Testbed testbed) throws IOException {
    Message response = ask(testbed, "www." + zoneName(mode), Type.A);

    assertThat(response.getRcode()).as("%s", response).isEqualTo(Rcode.NOERROR);
    assertThat(response.getHeader().getFlag(Flags.AD)).as("AD in %s", response).isTrue();
    assertThat(types(response, Section.ANSWER)).contains(Type.A, Type.RRSIG);
  }

  @ParameterizedTest
  @EnumSource(
      value = DenialMode.class,
      names = {"NSEC", "NSEC3"})
  void nxdomainIsAuthenticated(DenialMode mode, Testbed testbed) throws IOException {
    Message response = ask(testbed, "nowhere." + zoneName(mode), Type.A);

    assertThat(response.getRcode()).as("%s", response).isEqualTo(Rcode.NXDOMAIN);
    assertThat(response.getHeader().getFlag(Flags.AD)).as("AD in %s", response).isTrue();
    assertThat(types(response, Section.AUTHORITY)).as("%s", response).contains(denialType(mode));
  }

  @ParameterizedTest
  @EnumSource(
      value = DenialMode.class,
      names = {"NSEC", "NSEC3"})
  void nodataIsAuthenticated(DenialMode mode, Testbed testbed) throws IOException {
    for (String name : List.of("www.", "b.ent.")) { // an existing name, and an empty non-terminal
      Message response = ask(testbed, name + zoneName(mode), Type.TXT);

      assertThat(response.getRcode()).as("%s", response).isEqualTo(Rcode.NOERROR);
      assertThat(response.getSection(Section.ANSWER)).as("%s", response).isEmpty();
      assertThat(response.getHeader().getFlag(Flags.AD)).as("AD in %s", response).isTrue();
      assertThat(types(response, Section.AUTHORITY)).as("%s", response).contains(denialType(mode));
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = DenialMode.class,
      names = {"NSEC", "NSEC3"})
  void wildcardAnswersAreAuthenticated(DenialMode mode, Testbed testbed) throws IOException {
    Message response = ask(testbed, "anything.wild." + zoneName(mode), Type.TXT);

    assertThat(response.getRcode()).as("%s", response).isEqualTo(Rcode.NOERROR);
    assertThat(response.getHeader().getFlag(Flags.AD)).as("AD in %s", response).isTrue();
    RRSIGRecord sig =
        response.getSection(Section.ANSWER).stream()
            .filter(r -> r instanceof RRSIGRecord)
            .map(RRSIGRecord.class::cast)
            .findFirst()
            .orElseThrow(() -> new AssertionError("no RRSIG in " + response));
    // Synthesized from *.wild: the RRSIG has fewer labels than the owner name.
    assertThat(sig.getLabels()).isLessThan(sig.getName().labels() - 1);
  }

  @Test
  void aCorruptedSignatureMakesUnboundAnswerServfail(Testbed testbed) throws IOException {
    String name = "interop-bogus.test.";
    testbed.addSignedZone(name, sign(zone(name, 1), DenialMode.NSEC));
    Message before = ask(testbed, "www." + name, Type.A);
    assertThat(before.getHeader().getFlag(Flags.AD)).as("AD before: %s", before).isTrue();

    TestZone next = zone(name, 2);
    Path signed = sign(next, DenialMode.NSEC);
    Name www = Name.fromConstantString("www." + name);
    List<Record> corrupted =
        SignedZoneFiles.corruptSignature(SignedZoneFiles.read(signed, next.origin()), www, Type.A);
    testbed.reloadSignedZone(name, SignedZoneFiles.write(work.resolve("bogus.zone"), corrupted));

    Message after = ask(testbed, "www." + name, Type.A);
    assertThat(after.getRcode()).as("%s", after).isEqualTo(Rcode.SERVFAIL);
    // Only the damaged RRset is bogus: the rest of the new version still validates.
    Message soa = ask(testbed, name, Type.SOA);
    assertThat(soa.getHeader().getFlag(Flags.AD)).as("AD for the SOA: %s", soa).isTrue();
    assertThat(((SOARecord) soa.getSection(Section.ANSWER).get(0)).getSerial()).isEqualTo(2);
  }

  private static String zoneName(DenialMode mode) {
    return "interop-" + mode.name().toLowerCase(java.util.Locale.ROOT) + ".test.";
  }

  /** Host names only (BIND's check-names), served by BIND alone ({@code ns1.test.}). */
  private static TestZone zone(String origin, long serial) {
    ZoneBuilder z =
        new ZoneBuilder(
            Name.fromConstantString(origin),
            Name.fromConstantString("ns1.test."),
            serial,
            new Random(serial));
    z.add("www", Type.A, "192.0.2.80");
    z.add("www", Type.AAAA, "2001:db8::80");
    z.add("a.b.ent", Type.A, "192.0.2.81");
    z.add("*.wild", Type.TXT, "\"wildcard\"");
    z.add("mail", Type.MX, "10 www");
    return z.build(origin.substring(0, origin.indexOf('.')));
  }

  /** Signs with ZoneTrust; the keys of a zone are made once, so a new version keeps its DS. */
  private static Path sign(TestZone zone, DenialMode mode) {
    List<SigningKey> zoneKeys =
        KEYS.computeIfAbsent(
            zone.origin(), o -> ZoneTrustSigning.keys(zone, DnssecAlgorithm.ECDSAP256SHA256));
    SignedZone signed = ZoneTrustSigning.sign(zone, zoneKeys, mode);
    long serial = ((SOARecord) zone.records().get(0)).getSerial();
    Path file = work.resolve(zone.id() + "-" + mode + "-" + serial + ".zone");
    try {
      signed.writeMasterFile(file);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return file;
  }

  private static int denialType(DenialMode mode) {
    return mode == DenialMode.NSEC ? Type.NSEC : Type.NSEC3;
  }

  private static List<Integer> types(Message message, int section) {
    return message.getSection(section).stream().map(Record::getType).toList();
  }

  private static Message ask(Testbed testbed, String name, int type) throws IOException {
    SimpleResolver resolver = new SimpleResolver(testbed.unbound());
    resolver.setTimeout(Duration.ofSeconds(5));
    resolver.setEDNS(0, 1232, ExtendedFlags.DO, List.of());
    Message query =
        Message.newQuery(Record.newRecord(Name.fromConstantString(name), type, DClass.IN));
    return resolver.send(query);
  }
}
