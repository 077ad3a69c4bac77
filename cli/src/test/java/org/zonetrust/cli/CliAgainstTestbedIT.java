package org.zonetrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zonetrust.testbed.Testbed;
import org.zonetrust.testbed.WithTestbed;

/** The operator commands against the real BIND primary and Knot secondary. */
@WithTestbed
class CliAgainstTestbedIT {
  @TempDir static Path dir;
  static Path secretFile;
  static Path wrongSecretFile;

  @BeforeAll
  static void secrets(Testbed tb) throws Exception {
    TsigSecretFiles files = TsigSecretFiles.write(tb, dir);
    secretFile = files.good();
    wrongSecretFile = files.wrong();
  }

  private static List<String> update(Testbed tb, String zone, Path secret, String... changes) {
    List<String> args =
        new ArrayList<>(List.of("dns-update", "--server", "127.0.0.1:" + tb.bindPort()));
    args.addAll(
        List.of(
            "--zone",
            zone,
            "--tsig-name",
            tb.tsigKeyName(),
            "--tsig-algorithm",
            tb.tsigAlgorithm(),
            "--tsig-secret-file",
            secret.toString()));
    args.addAll(List.of(changes));
    return args;
  }

  private static List<String> waitFor(Testbed tb, String timeout, String... what) {
    List<String> args = new ArrayList<>(List.of("wait-propagation"));
    args.addAll(List.of(what));
    args.addAll(
        List.of(
            "--resolver",
            "127.0.0.1:" + tb.unboundPort(),
            "--ns-port-for",
            tb.primaryNameServer() + "=" + tb.bindPort(),
            "--ns-port-for",
            tb.secondaryNameServer() + "=" + tb.knotPort(),
            "--timeout",
            timeout));
    return args;
  }

  @Test
  void publishThenWaitForEveryServer(Testbed tb) {
    String zone = tb.createZone("cli");
    CliRun add =
        CliRun.of(
            update(tb, zone, secretFile, "--add", "_acme-challenge 60 TXT \"cli-token\"")
                .toArray(String[]::new));
    assertThat(add.exitCode()).as(add.err()).isEqualTo(ExitCodes.OK);
    assertThat(add.out()).contains("updated zone " + zone, "cli-token");

    CliRun wait =
        CliRun.of(
            waitFor(tb, "30s", "_acme-challenge." + zone, "TXT", "\"cli-token\"")
                .toArray(String[]::new));
    assertThat(wait.exitCode()).as(wait.err()).isEqualTo(ExitCodes.OK);
    // BIND and Knot, each over IPv4 and IPv6
    assertThat(wait.out())
        .contains("127.0.0.1", "::1", tb.primaryNameServer(), tb.secondaryNameServer());

    CliRun delete =
        CliRun.of(
            update(tb, zone, secretFile, "--delete", "_acme-challenge TXT \"cli-token\"")
                .toArray(String[]::new));
    assertThat(delete.exitCode()).as(delete.err()).isEqualTo(ExitCodes.OK);
    CliRun gone =
        CliRun.of(
            waitFor(tb, "30s", "_acme-challenge." + zone, "TXT", "--absent")
                .toArray(String[]::new));
    assertThat(gone.exitCode()).as(gone.err()).isEqualTo(ExitCodes.OK);
  }

  @Test
  void secretFromTheEnvironment(Testbed tb) {
    String zone = tb.createZone("cli-env");
    CliRun run =
        CliRun.withEnv(
            java.util.Map.of(TsigOptions.SECRET_ENV, tb.tsigSecret()),
            "dns-update",
            "--server",
            "127.0.0.1:" + tb.bindPort(),
            "--zone",
            zone,
            "--tsig-name",
            tb.tsigKeyName(),
            "--add",
            "www 60 A 192.0.2.1");
    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).contains("www." + zone).doesNotContain(tb.tsigSecret());
  }

  @Test
  void wrongSecretIsAnErrorNamingZoneServerAndRcode(Testbed tb) {
    String zone = tb.createZone("cli-badkey");
    CliRun run =
        CliRun.of(
            update(tb, zone, wrongSecretFile, "--add", "www 60 A 192.0.2.1")
                .toArray(String[]::new));
    assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
    assertThat(run.err())
        .contains(zone, "127.0.0.1:" + tb.bindPort())
        .containsPattern("BADSIG|NOTAUTH");
    assertThat(run.err()).doesNotContain(tb.tsigSecret());
  }

  @Test
  void heldSecondaryMakesTheCheckFailWithAReport(Testbed tb) {
    String zone = tb.createZone("cli-lag");
    tb.holdSecondary(zone);
    try {
      CliRun add =
          CliRun.of(
              update(tb, zone, secretFile, "--add", "lag 60 TXT \"late\"").toArray(String[]::new));
      assertThat(add.exitCode()).as(add.err()).isEqualTo(ExitCodes.OK);
      CliRun wait =
          CliRun.of(waitFor(tb, "3s", "lag." + zone, "TXT", "\"late\"").toArray(String[]::new));
      assertThat(wait.exitCode()).as(wait.out() + wait.err()).isEqualTo(ExitCodes.CHECK_FAILED);
      assertThat(wait.err()).contains(tb.secondaryNameServer(), "127.0.0.1", "::1");
    } finally {
      tb.releaseSecondary(zone);
    }
  }

  @Test
  void shadedJarRuns() throws Exception {
    Path jar = Path.of("target", "zonetrust.jar");
    assertThat(jar).exists();
    String java = ProcessHandle.current().info().command().orElse("java");
    Process p =
        new ProcessBuilder(java, "-jar", jar.toString(), "--version")
            .redirectErrorStream(true)
            .start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out).startsWith("zonetrust 0.");
  }
}
