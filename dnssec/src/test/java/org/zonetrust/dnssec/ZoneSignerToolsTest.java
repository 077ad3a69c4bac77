package org.zonetrust.dnssec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xbill.DNS.Record;
import org.zonetrust.testbed.Tools;

/**
 * Small zones covering every corner, signed for algorithms 13 and 15 with NSEC, NSEC3 and NSEC3
 * opt-out, must be accepted by {@code dnssec-verify}, {@code ldns-verify-zone} and {@code
 * kzonecheck}. The signing clock is the real time (truncated), since {@code dnssec-verify} checks
 * validity against the current time.
 */
class ZoneSignerToolsTest {
  static final String APEX_ONLY = SignerFixtures.APEX;

  static final String DELEGATIONS =
      SignerFixtures.APEX
          + "www A 192.0.2.1\n"
          + "www AAAA 2001:db8::1\n"
          + "secure NS ns.secure\n"
          + "secure DS 12345 13 2 "
          + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n"
          + "ns.secure A 192.0.2.10\n"
          + "insecure NS ns.insecure\n"
          + "insecure NS ns.example.net.\n"
          + "ns.insecure A 192.0.2.11\n"
          + "deep.below.insecure TXT \"occluded\"\n"
          + "ext NS ns.example.net.\n";

  static final String CORNERS =
      DELEGATIONS
          + "a.b.c.ent TXT \"behind two empty non-terminals\"\n"
          + "*.wild TXT \"wildcard\"\n"
          + "* MX 10 mail\n"
          + "mail A 192.0.2.25\n"
          + "alias CNAME www\n"
          + "redirect DNAME example.net.\n"
          + "_443._tcp.www TLSA 3 1 1 "
          + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n"
          + "UPPER.Case TXT \"mixed case owner\"\n"
          + "esc\\.aped\\032label TXT \"escaped\"\n"
          + "unknown TYPE65280 \\# 3 010203\n"
          + "x.y.z.optout-only NS ns.example.net.\n";

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (DnssecAlgorithm alg : List.of(DnssecAlgorithm.ECDSAP256SHA256, DnssecAlgorithm.ED25519)) {
      for (String denial : List.of("nsec", "nsec3", "nsec3-optout")) {
        out.add(Arguments.of(alg, denial, "apex-only", APEX_ONLY));
        out.add(Arguments.of(alg, denial, "delegations", DELEGATIONS));
        out.add(Arguments.of(alg, denial, "corners", CORNERS));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("cases")
  void verifiersAcceptTheSignedZone(
      DnssecAlgorithm alg, String denialName, String zoneName, String zone, @TempDir Path dir)
      throws Exception {
    Denial denial =
        switch (denialName) {
          case "nsec" -> Denial.nsec();
          case "nsec3" -> Denial.nsec3();
          default -> Denial.nsec3OptOut();
        };
    Clock now = Clock.fixed(Instant.now().truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC);
    ZoneSigner signer =
        ZoneSigner.builder()
            .keys(SignerFixtures.keys(alg))
            .clock(now)
            .denial(denial)
            .threads(2)
            .build();
    List<Record> input = SignerFixtures.parse(zone);
    SignedZone signed = signer.sign(SignerFixtures.ORIGIN, input);
    Path file = dir.resolve(zoneName + ".signed");
    signed.writeMasterFile(file);
    assertThat(Files.readString(file)).isEqualTo(signed.toMasterFile());
    String origin = SignerFixtures.ORIGIN.toString();

    Tools.Result bind = Tools.run(dir, "dnssec-verify", "-o", origin, file.toString());
    assertThat(bind.exitCode()).as(bind.output()).isZero();
    Tools.Result ldns = Tools.run(dir, "ldns-verify-zone", file.toString());
    assertThat(ldns.exitCode()).as(ldns.output()).isZero();
    Tools.Result knot = Tools.run(dir, "kzonecheck", "-o", origin, "-d", "on", file.toString());
    assertThat(knot.exitCode()).as(knot.output()).isZero();
    assertThat(knot.output()).doesNotContainIgnoringCase("error");
  }
}
