package org.zonetrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zonetrust.testbed.Testbed;
import org.zonetrust.testbed.Tools;
import org.zonetrust.testbed.WithTestbed;

/**
 * {@code zonetrust ds push} (DNS UPDATE to the testbed's BIND, parent {@code test.}) and {@code ds
 * check} (every server of {@code test.}; Knot is no secondary of {@code test.}, so both NS point to
 * BIND's port).
 */
@WithTestbed
class DsPushCheckIT {
  @TempDir Path dir;

  @Test
  void pushesTheDsOfTheKskAndCheckSeesItOnEveryParentServer(Testbed tb) throws Exception {
    String zone = tb.createZone("clids");
    Path keys = Files.createDirectories(dir.resolve("keys"));
    Tools.run(keys, "dnssec-keygen", "-a", "ECDSAP256SHA256", "-f", "KSK", "-K", ".", zone)
        .requireOk();
    Tools.run(keys, "dnssec-keygen", "-a", "ECDSAP256SHA256", "-K", ".", zone).requireOk();
    Path keyFile;
    try (var files = Files.list(keys)) {
      keyFile =
          files
              .filter(f -> f.toString().endsWith(".key"))
              .filter(f -> readUnchecked(f).contains(" 257 "))
              .findFirst()
              .orElseThrow();
    }
    String ds = Tools.run(keys, "dnssec-dsfromkey", "-2", keyFile.toString()).requireOk().output();
    String dsRdata = ds.strip().substring(ds.indexOf(" DS ") + 4);
    String via =
        "dnsupdate://127.0.0.1:"
            + tb.bindPort()
            + "?key="
            + tb.tsigKeyName()
            + "&algorithm="
            + tb.tsigAlgorithm();
    String[] check = {
      "ds",
      "check",
      "--zone",
      zone,
      "--resolver",
      "127.0.0.1:" + tb.unboundPort(),
      "--ns-port",
      String.valueOf(tb.bindPort()),
      "--expect-keys",
      keys.toString()
    };

    CliRun before = CliRun.of(check);
    assertThat(before.exitCode()).as(before.out() + before.err()).isEqualTo(ExitCodes.CHECK_FAILED);
    assertThat(before.out()).contains("NODATA");

    CliRun dry =
        CliRun.withEnv(
            Map.of("ZONETRUST_TSIG_SECRET", tb.tsigSecret()),
            "ds",
            "push",
            "--via",
            via,
            "--zone",
            zone,
            "--keys",
            keys.toString(),
            "--dry-run");
    assertThat(dry.exitCode()).as(dry.err()).isEqualTo(ExitCodes.OK);
    assertThat(dry.out())
        .contains("sent nothing", "RFC 2136 UPDATE to 127.0.0.1 port " + tb.bindPort())
        .contains("UPDATE RECORDS")
        .containsPattern(
            "(?m)^" + java.util.regex.Pattern.quote(zone) + "\\.?\\s+3600\\s+IN\\s+DS\\s+")
        .contains(dsRdata)
        .doesNotContain(tb.tsigSecret());
    CliRun afterDry = CliRun.of(check);
    assertThat(afterDry.exitCode()).isEqualTo(ExitCodes.CHECK_FAILED);
    assertThat(afterDry.out()).contains("NODATA");

    CliRun noSecret =
        CliRun.of("ds", "push", "--via", via, "--zone", zone, "--keys", keys.toString());
    assertThat(noSecret.exitCode()).isEqualTo(ExitCodes.ERROR);
    assertThat(noSecret.err()).contains("tsig");

    CliRun push =
        CliRun.withEnv(
            Map.of("ZONETRUST_TSIG_SECRET", tb.tsigSecret()),
            "ds",
            "push",
            "--via",
            via,
            "--zone",
            zone,
            "--keys",
            keys.toString());
    assertThat(push.exitCode()).as(push.err()).isEqualTo(ExitCodes.OK);
    assertThat(push.out()).startsWith("APPLIED").contains(dsRdata);
    assertThat(push.out() + push.err()).doesNotContain(tb.tsigSecret());

    CliRun after = CliRun.of(check);
    assertThat(after.exitCode()).as(after.out() + after.err()).isEqualTo(ExitCodes.OK);
    assertThat(after.out()).contains("every server serves the expected DS set");

    Path secret = Files.writeString(dir.resolve("tsig.b64"), tb.tsigSecret());
    CliRun again =
        CliRun.of(
            "ds",
            "push",
            "--via",
            via,
            "--zone",
            zone,
            "--keys",
            keys.toString(),
            "--secret-file",
            "tsig=" + secret);
    assertThat(again.exitCode()).as(again.err()).isEqualTo(ExitCodes.OK);
    assertThat(again.out()).startsWith("UNCHANGED");
  }

  @Test
  void theKeyFileFormStillWorksAndNeedsAFile() {
    CliRun none = CliRun.of("ds");
    assertThat(none.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(none.err()).contains("KEYFILE");
    assertThat(CliRun.of("ds", "--help").out()).contains("push", "check");
  }

  private static String readUnchecked(Path f) {
    try {
      return Files.readString(f);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
