package org.zonetrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zonetrust.testbed.Tools;

/** {@code zonetrust sign}: keys from a BIND key directory, output accepted by BIND's verifier. */
class SignCommandTest {
  private static final String ZONE =
      """
      $ORIGIN example.test.
      $TTL 300
      @	IN SOA ns1 hostmaster 2024010101 7200 3600 1209600 300
      	IN NS ns1
      ns1	IN A 192.0.2.1
      www	IN A 192.0.2.2
      a.b	IN TXT "below an empty non-terminal"
      *.w	IN A 192.0.2.9
      sub	IN NS ns.sub
      ns.sub	IN A 192.0.2.3
      """;

  @TempDir Path dir;

  @Test
  void generatesKeysSignsAndBindAcceptsTheResult() throws Exception {
    Path zone = dir.resolve("example.test.zone");
    Files.writeString(zone, ZONE);
    Path keys = Files.createDirectory(dir.resolve("keys"));

    CliRun run =
        CliRun.of(
            "sign",
            "-K",
            keys.toString(),
            "--generate-keys",
            "ED25519",
            "--nsec3",
            "--serial",
            "increment",
            zone.toString());

    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
    Path signed = dir.resolve("example.test.zone.signed");
    assertThat(run.out().strip()).isEqualTo(signed.toString());
    assertThat(run.err()).contains("generated KSK", "generated ZSK", "NSEC3");
    try (Stream<Path> files = Files.list(keys)) {
      assertThat(files.filter(f -> f.toString().endsWith(".private"))).hasSize(2);
    }
    String text = Files.readString(signed);
    assertThat(text).contains("NSEC3PARAM", "2024010102");
    Tools.Result bind = Tools.run(dir, "dnssec-verify", "-o", "example.test", signed.toString());
    assertThat(bind.exitCode()).as(bind.output()).isZero();
    CliRun verify = CliRun.of("verify", signed.toString());
    assertThat(verify.exitCode()).as(verify.out() + verify.err()).isEqualTo(ExitCodes.OK);
  }

  @Test
  void reusesTheKeysOfTheDirectoryOnTheNextRun() throws Exception {
    Path zone = dir.resolve("example.test.zone");
    Files.writeString(zone, ZONE);
    CliRun first =
        CliRun.of("sign", "-K", dir.toString(), "--generate-keys", "13", zone.toString());
    assertThat(first.exitCode()).as(first.err()).isEqualTo(ExitCodes.OK);
    CliRun second =
        CliRun.of(
            "sign",
            "-K",
            dir.toString(),
            "-f",
            dir.resolve("again").toString(),
            "-o",
            "example.test.",
            zone.toString());
    assertThat(second.exitCode()).as(second.err()).isEqualTo(ExitCodes.OK);
    assertThat(second.err()).doesNotContain("generated");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.filter(f -> f.toString().endsWith(".key"))).hasSize(2);
    }
  }

  @Test
  void withoutKeysItSaysHowToMakeThem() throws Exception {
    Path zone = dir.resolve("example.test.zone");
    Files.writeString(zone, ZONE);
    CliRun run = CliRun.of("sign", "-K", dir.toString(), zone.toString());
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("no key for example.test.", "--generate-keys");
  }

  @Test
  void optOutNeedsNsec3() throws Exception {
    Path zone = dir.resolve("example.test.zone");
    Files.writeString(zone, ZONE);
    CliRun run = CliRun.of("sign", "--opt-out", zone.toString());
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("--opt-out needs --nsec3");
  }

  @Test
  void aBadZoneFileNamesTheLine() throws Exception {
    Path zone = dir.resolve("bad.zone");
    Files.writeString(zone, ZONE + "www IN CNAME elsewhere.example.\n");
    CliRun run =
        CliRun.of(
            "sign",
            "-o",
            "example.test.",
            "-K",
            dir.toString(),
            "--generate-keys",
            "15",
            zone.toString());
    assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
    assertThat(run.err()).contains("bad.zone:11");
    assertThat(dir.resolve("bad.zone.signed")).doesNotExist();
  }
}
