package org.zonetrust.dnssec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.zonetrust.dnssec.ZoneVerifiers.Verdicts;
import org.zonetrust.dnssec.ZoneVerifiers.Verifier;
import org.zonetrust.testbed.Tools;

/**
 * Random small zones ({@link RandomZones}: hosts in mixed case, empty non-terminals, wildcards,
 * secure and insecure cuts with glue and occluded data, CNAMEs, unknown types), signed by {@link
 * ZoneSigner} with a random algorithm and denial mode, are accepted by {@link ZoneVerifier} (on the
 * file read back with {@link ZoneFile}) and by {@code ldns-verify-zone}. Twenty tries keep it to a
 * few seconds; the seed of a failing try is in jqwik's report.
 */
class RandomZonesLdnsIT {

  @Property(tries = 20)
  void randomSignedZonesPassOurVerifierAndLdnsVerifyZone(
      @ForAll long seed,
      @ForAll @IntRange(min = 1, max = 40) int names,
      @ForAll DnssecAlgorithm algorithm,
      @ForAll DenialMode mode)
      throws IOException, DnssecException {
    TestZone zone = RandomZones.random(Name.fromConstantString("random.example."), seed, names);
    Path dir = Files.createTempDirectory("zonetrust-random-");
    try {
      SignedZone signedZone =
          ZoneTrustSigning.sign(zone, ZoneTrustSigning.keys(zone, algorithm), mode);
      Path signed = ZoneTrustSigning.write(dir, zone, algorithm, mode, signedZone);

      // Our own verifier, on what was written and read back through ZoneFile.
      List<Record> reread = ZoneFile.read(signed, zone.origin());
      assertThat(reread).hasSameSizeAs(signedZone.records());
      VerificationReport report =
          ZoneVerifier.builder().clock(Clock.systemUTC()).build().verify(zone.origin(), reread);
      assertThat(report.problems())
          .as("ZoneVerifier on %s %s %s:%n%s", zone, algorithm, mode, zone.masterFile())
          .isEmpty();

      Tools.Result result = Verifier.LDNS_VERIFY_ZONE.run(dir, zone.origin(), signed);
      Verdicts verdict =
          new Verdicts(
              zone + " " + algorithm + " " + mode + "\n" + zone.masterFile(),
              List.of(new ZoneVerifiers.Verdict(Verifier.LDNS_VERIFY_ZONE, result)));

      assertThat(verdict.rejecting()).as(verdict::report).isEmpty();
    } finally {
      try (var files = Files.walk(dir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }
}
