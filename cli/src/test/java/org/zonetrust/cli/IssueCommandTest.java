package org.zonetrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code zonetrust issue}'s usage errors: exit 2 before any network or file access. */
class IssueCommandTest {
  @TempDir Path dir;

  private CliRun issue(String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "issue",
                "--directory",
                "https://127.0.0.1:1/dir",
                "--server",
                "127.0.0.1:1",
                "--state",
                dir.resolve("state").toString(),
                "--out",
                dir.resolve("out").toString()));
    args.addAll(List.of(extra));
    return CliRun.of(args.toArray(String[]::new));
  }

  @Test
  void helpShowsTheCommand() {
    CliRun run = CliRun.of("issue", "--help");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).contains("--directory", "--name", "--tsig-name", "--out", "--state");
  }

  @Test
  void nameIsRequired() {
    CliRun run = issue();
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("--name");
  }

  @Test
  void invalidNameIsAUsageError() {
    CliRun run = issue("--name", "exa mple.test");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(dir.resolve("state")).doesNotExist();
  }

  @Test
  void plainHttpDirectoryIsRefused() {
    CliRun run =
        CliRun.of(
            "issue",
            "--directory",
            "http://127.0.0.1:1/dir",
            "--name",
            "example.test",
            "--server",
            "127.0.0.1:1",
            "--state",
            dir.resolve("state").toString(),
            "--out",
            dir.resolve("out").toString());
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("https");
  }

  @Test
  void unknownKeyTypeIsAUsageError() {
    CliRun run = issue("--name", "example.test", "--key-type", "dsa-1024");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("dsa-1024");
  }

  @Test
  void aStateDirectorySetUpWithOtherSettingsIsRefused() throws Exception {
    Path state = java.nio.file.Files.createDirectories(dir.resolve("state"));
    new StateSettings(java.util.Map.of(StateSettings.DIRECTORY, "https://other.example/dir"))
        .write(state);
    String before = java.nio.file.Files.readString(StateSettings.file(state));
    CliRun run = issue("--name", "example.test");
    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("other settings", "directory", "cli.properties");
    assertThat(java.nio.file.Files.readString(StateSettings.file(state))).isEqualTo(before);
  }

  @Test
  void tsigSecretIsNeverTakenFromTheCommandLine() {
    CliRun run = issue("--name", "example.test", "--tsig-name", "k.");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains(TsigOptions.SECRET_ENV);
  }
}
