package org.zonetrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZoneTrustCliTest {

  @Test
  void versionPrintsTheBuildVersion() {
    CliRun run = CliRun.of("--version");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).startsWith("zonetrust ").doesNotContain("${project.version}");
    assertThat(run.out()).containsPattern("zonetrust \\d+\\.\\d+\\.\\d+");
  }

  @Test
  void helpListsSubcommandsAndExitCodes() {
    CliRun run = CliRun.of("--help");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).contains("dns-update", "wait-propagation", "Exit codes", "usage error");
  }

  @Test
  void missingSubcommandIsAUsageError() {
    CliRun run = CliRun.of();
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("missing subcommand");
  }

  @Test
  void unknownOptionIsAUsageError() {
    assertThat(CliRun.of("--frobnicate").exitCode()).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void dnsUpdateNeedsServerAndZone() {
    CliRun run = CliRun.of("dns-update", "--add", "www 60 A 192.0.2.1");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("--server", "--zone");
  }

  @Test
  void tsigNameWithoutSecretSaysWhereToPutIt() {
    CliRun run =
        CliRun.of(
            "dns-update",
            "--server",
            "127.0.0.1:1",
            "--zone",
            "example.test.",
            "--tsig-name",
            "k.",
            "--add",
            "www 60 A 192.0.2.1");
    // unless the developer's environment happens to define the variable
    if (System.getenv(TsigOptions.SECRET_ENV) == null) {
      assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
      assertThat(run.err()).contains("--tsig-secret-file", TsigOptions.SECRET_ENV);
    }
  }

  @Test
  void badRecordIsAUsageErrorNamingTheInput() {
    CliRun run =
        CliRun.of(
            "dns-update",
            "--server",
            "127.0.0.1:1",
            "--zone",
            "example.test.",
            "--add",
            "www 60 BOGUS x");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("BOGUS");
  }

  @Test
  void recordOutsideTheZoneIsAUsageError() {
    CliRun run =
        CliRun.of(
            "dns-update",
            "--server",
            "127.0.0.1:1",
            "--zone",
            "example.test.",
            "--add",
            "www.other.test. 60 A 192.0.2.1");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("not in zone");
  }

  @Test
  void unreadableSecretFileIsAUsageError(@TempDir Path dir) {
    Path missing = dir.resolve("nope.b64");
    CliRun run =
        CliRun.of(
            "dns-update",
            "--server",
            "127.0.0.1:1",
            "--zone",
            "example.test.",
            "--tsig-name",
            "k.",
            "--tsig-secret-file",
            missing.toString(),
            "--add",
            "www 60 A 192.0.2.1");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("nope.b64");
    assertThat(Files.exists(missing)).isFalse();
  }

  @Test
  void waitPropagationNeedsAValueUnlessAbsent() {
    CliRun run = CliRun.of("wait-propagation", "www.example.test.", "A");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("missing VALUE");
  }

  @Test
  void waitPropagationRejectsUnknownType() {
    CliRun run = CliRun.of("wait-propagation", "www.example.test.", "NOPE", "x");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("unknown record type");
  }
}
