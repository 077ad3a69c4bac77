package org.zonetrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZoneTrustCliTest {

  /** Runs {@code dns-update} against an unused port of zone example.test. with extra args. */
  private static CliRun update(String... args) {
    String[] all = new String[args.length + 5];
    System.arraycopy(
        new String[] {"dns-update", "--server", "127.0.0.1:1", "--zone", "example.test."},
        0,
        all,
        0,
        5);
    System.arraycopy(args, 0, all, 5, args.length);
    return CliRun.of(all);
  }

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
    CliRun run = update("--tsig-name", "k.", "--add", "www 60 A 192.0.2.1");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("--tsig-secret-file", TsigOptions.SECRET_ENV);
  }

  @Test
  void ttlTooLargeIsAUsageError() {
    CliRun run = update("--add", "www 9999999999 A 192.0.2.1");
    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void nonPositiveTimeoutIsAUsageError() {
    CliRun run =
        CliRun.of("wait-propagation", "www.example.test.", "A", "192.0.2.1", "--timeout", "0s");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("positive duration");
  }

  @Test
  void portOutOfRangeIsAUsageError() {
    CliRun run =
        CliRun.of(
            "wait-propagation",
            "www.example.test.",
            "A",
            "192.0.2.1",
            "--ns-port-for",
            "ns1.example.test.=70000");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("port must be 1..65535");
    assertThat(
            CliRun.of("wait-propagation", "x.test.", "A", "192.0.2.1", "--ns-port", "0").exitCode())
        .isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void oversizedSecretFileIsRefusedWithoutReadingIt(@TempDir Path dir) throws Exception {
    Path big = Files.write(dir.resolve("big.b64"), new byte[10_000]);
    CliRun run =
        update(
            "--tsig-name",
            "k.",
            "--tsig-secret-file",
            big.toString(),
            "--add",
            "www 60 A 192.0.2.1");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("larger than");
  }

  @Test
  void badRecordIsAUsageErrorNamingTheInput() {
    CliRun run = update("--add", "www 60 BOGUS x");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("BOGUS");
  }

  @Test
  void recordOutsideTheZoneIsAUsageError() {
    CliRun run = update("--add", "www.other.test. 60 A 192.0.2.1");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("not in zone");
  }

  @Test
  void unreadableSecretFileIsAUsageError(@TempDir Path dir) {
    Path missing = dir.resolve("nope.b64");
    CliRun run =
        update(
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
