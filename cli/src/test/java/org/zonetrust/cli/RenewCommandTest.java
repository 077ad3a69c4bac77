package org.zonetrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code zonetrust renew}'s usage errors and the settings file, without a network. */
class RenewCommandTest {
  @TempDir Path dir;

  @Test
  void helpShowsTheCommand() {
    CliRun run = CliRun.of("renew", "--help");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).contains("--state", "--now", "cron");
  }

  @Test
  void stateIsRequiredAndMustExist() {
    assertThat(CliRun.of("renew").exitCode()).isEqualTo(ExitCodes.USAGE);
    CliRun run = CliRun.of("renew", "--state", dir.resolve("nothing").toString());
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("is no directory");
    assertThat(dir.resolve("nothing")).doesNotExist();
  }

  @Test
  void nowMustBeAnInstant() {
    CliRun run = CliRun.of("renew", "--state", dir.toString(), "--now", "tomorrow");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("--now");
  }

  @Test
  void anEmptyStateDirectoryHasNothingToRenew() {
    CliRun run = CliRun.of("renew", "--state", dir.toString());
    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).contains("no certificates tracked");
  }

  @Test
  void settingsWithAMissingSecretFileAreAnErrorNamingTheFile() throws Exception {
    Path secret = dir.resolve("gone.b64");
    new StateSettings(
            Map.of(
                StateSettings.DIRECTORY, "https://127.0.0.1:1/dir",
                StateSettings.SERVER, "127.0.0.1:1",
                StateSettings.OUT, dir.resolve("out").toString(),
                StateSettings.TSIG_NAME, "update-key.",
                StateSettings.TSIG_SECRET_FILE, secret.toString()))
        .write(dir);
    CliRun run = CliRun.of("renew", "--state", dir.toString());
    assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
    assertThat(run.err()).startsWith("zonetrust: ").contains("cli.properties", secret.toString());
  }

  @Test
  void settingsRoundTripIn0600File() throws Exception {
    StateSettings s =
        new StateSettings(
            Map.of(
                StateSettings.DIRECTORY, "https://acme.example/dir",
                StateSettings.NS_PORT_FOR, "ns1.example.=5300, ns2.example.=5301"));
    s.write(dir);
    Path file = StateSettings.file(dir);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    StateSettings back = StateSettings.read(dir).orElseThrow();
    assertThat(back).isEqualTo(s);
    assertThat(back.list(StateSettings.NS_PORT_FOR))
        .containsExactly("ns1.example.=5300", "ns2.example.=5301");
    assertThat(back.differences(new StateSettings(Map.of()))).hasSize(2);
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(file); // no temporary file left
    }
  }
}
