package org.zonetrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zonetrust.testbed.Tools;

/** {@code zonetrust verify} on a zone signed by BIND's {@code dnssec-signzone}. */
class VerifyCommandTest {
  private static final String ZONE =
      """
      $ORIGIN example.test.
      $TTL 300
      @	IN SOA ns1 hostmaster 1 7200 3600 1209600 300
      	IN NS ns1
      ns1	IN A 192.0.2.1
      www	IN A 192.0.2.2
      a.b	IN TXT "below an empty non-terminal"
      sub	IN NS ns.sub
      ns.sub	IN A 192.0.2.3
      """;

  @TempDir static Path dir;
  private static Path signed;

  @BeforeAll
  static void signWithBind() throws Exception {
    Files.writeString(dir.resolve("example.test.zone"), ZONE);
    Tools.run(dir, "dnssec-keygen", "-q", "-a", "ECDSAP256SHA256", "-f", "KSK", "example.test")
        .requireOk();
    Tools.run(dir, "dnssec-keygen", "-q", "-a", "ECDSAP256SHA256", "example.test").requireOk();
    Tools.run(
            dir,
            java.time.Duration.ofMinutes(2),
            "dnssec-signzone",
            List.of(
                "-S",
                "-K",
                ".",
                "-o",
                "example.test",
                "-s",
                "20240101000000",
                "-e",
                "20340101000000",
                "-N",
                "keep",
                "-f",
                "signed.zone",
                "example.test.zone"))
        .requireOk();
    signed = dir.resolve("signed.zone");
  }

  @Test
  void goodZonePrintsOneLineAndExitsZero() {
    CliRun run =
        CliRun.of(
            "verify", "-o", "example.test", "--time", "2025-01-01T00:00:00Z", signed.toString());
    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.OK);
    assertThat(run.out().lines().toList())
        .singleElement()
        .asString()
        .matches("example\\.test\\.: OK \\(NSEC\\), \\d+ RRsets, \\d+ signatures verified");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void originDefaultsToTheSoaOwner() {
    CliRun run = CliRun.of("verify", "--time", "2025-01-01T00:00:00Z", signed.toString());
    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).startsWith("example.test.: OK");
  }

  @Test
  void expiredSignaturesAreListedOnePerLineAndTheCheckFails() {
    CliRun run = CliRun.of("verify", "--time", "2035-01-01T00:00:00Z", signed.toString());
    assertThat(run.exitCode()).isEqualTo(ExitCodes.CHECK_FAILED);
    List<String> lines = run.out().lines().toList();
    assertThat(lines).hasSizeGreaterThan(5);
    assertThat(lines)
        .allMatch(
            l -> l.contains("expired at 2034-01-01T00:00:00Z") || l.contains("no valid signature"));
    assertThat(lines).anyMatch(l -> l.startsWith("www.example.test. A: RRSIG by key "));
    assertThat(run.err())
        .startsWith("zonetrust: example.test.: " + lines.size() + " problems (NSEC)");
  }

  @Test
  void aBadZoneFileNamesFileAndLine(@TempDir Path tmp) throws Exception {
    Path bad = Files.writeString(tmp.resolve("bad.zone"), ZONE + "www 600 IN A 192.0.2.9\n");
    CliRun run = CliRun.of("verify", "-o", "example.test.", bad.toString());
    assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
    assertThat(run.err())
        .startsWith(
            "zonetrust: " + bad + ":10: TTL 600 of www.example.test. A differs from TTL 300");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void anUnsignedZoneFails() {
    CliRun run = CliRun.of("verify", dir.resolve("example.test.zone").toString());
    assertThat(run.exitCode()).isEqualTo(ExitCodes.CHECK_FAILED);
    assertThat(run.out()).contains("example.test. DNSKEY: no zone keys at the apex");
  }

  @Test
  void badTimeAndMissingOriginAreUsageErrors(@TempDir Path tmp) throws Exception {
    CliRun time = CliRun.of("verify", "--time", "yesterday", signed.toString());
    assertThat(time.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(time.err()).contains("invalid --time yesterday");
    Path relative = Files.writeString(tmp.resolve("rel.zone"), "www 300 IN A 192.0.2.1\n");
    CliRun origin = CliRun.of("verify", relative.toString());
    assertThat(origin.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(origin.err()).contains("give -o ORIGIN");
  }

  @Test
  void missingFileIsAnError(@TempDir Path tmp) {
    CliRun run = CliRun.of("verify", "-o", "example.test.", tmp.resolve("nope.zone").toString());
    assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
    assertThat(run.err()).startsWith("zonetrust: " + tmp.resolve("nope.zone") + ": cannot read: ");
  }
}
