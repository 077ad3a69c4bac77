package org.zonetrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.zonetrust.testbed.Tools;

/**
 * {@code zonetrust ds} and {@code keygen} against BIND's {@code dnssec-keygen} and {@code
 * dnssec-dsfromkey}.
 */
class KeyCommandsIT {
  private static final Pattern BASE = Pattern.compile("Kexample\\.test\\.\\+\\d{3}\\+\\d{5}");

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"RSASHA256", "ECDSAP256SHA256", "ECDSAP384SHA384", "ED25519", "ED448"})
  void dsOfADnssecKeygenKeyEqualsDnssecDsfromkey(String algorithm) {
    String out =
        Tools.run(dir, "dnssec-keygen", "-a", algorithm, "-f", "KSK", "-K", ".", "example.test")
            .requireOk()
            .output();
    Matcher m = BASE.matcher(out);
    assertThat(m.find()).as(out).isTrue();
    String keyFile = dir.resolve(m.group() + ".key").toString();

    String bind2 = Tools.run(dir, "dnssec-dsfromkey", "-2", keyFile).requireOk().output();
    CliRun ours = CliRun.of("ds", keyFile);
    assertThat(ours.exitCode()).as(ours.err()).isEqualTo(ExitCodes.OK);
    assertThat(ours.out().strip()).isEqualTo(bind2.strip());

    String bind384 =
        Tools.run(dir, "dnssec-dsfromkey", "-T", "300", "-a", "SHA-384", "-a", "SHA-256", keyFile)
            .requireOk()
            .output();
    CliRun ours384 = CliRun.of("ds", "-T", "300", "-a", "SHA-384", "-a", "SHA-256", keyFile);
    assertThat(ours384.out().strip()).isEqualTo(bind384.strip());
  }

  @ParameterizedTest
  @ValueSource(strings = {"ECDSAP256SHA256", "ED25519"})
  void dnssecDsfromkeyReadsWhatKeygenWrites(String algorithm) {
    CliRun gen =
        CliRun.of("keygen", "-a", algorithm, "-f", "KSK", "-K", dir.toString(), "example.test");
    assertThat(gen.exitCode()).as(gen.err()).isEqualTo(ExitCodes.OK);
    String keyFile = dir.resolve(gen.out().strip() + ".key").toString();
    String bind = Tools.run(dir, "dnssec-dsfromkey", "-2", keyFile).requireOk().output();
    assertThat(CliRun.of("ds", keyFile).out().strip()).isEqualTo(bind.strip());
  }
}
