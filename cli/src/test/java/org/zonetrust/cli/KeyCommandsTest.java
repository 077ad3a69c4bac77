package org.zonetrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zonetrust.dnssec.BindKeyFiles;
import org.zonetrust.dnssec.DigestType;
import org.zonetrust.dnssec.DnssecAlgorithm;
import org.zonetrust.dnssec.KeyRole;
import org.zonetrust.dnssec.SigningKey;

class KeyCommandsTest {
  @TempDir Path dir;

  @Test
  void helpListsTheKeyCommands() {
    CliRun run = CliRun.of("--help");
    assertThat(run.out()).contains("keygen", "ds ");
  }

  @Test
  void keygenWritesBindKeyFilesAndPrintsTheBaseName() throws Exception {
    CliRun run =
        CliRun.of("keygen", "-a", "ed25519", "-f", "KSK", "-K", dir.toString(), "example.test");
    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
    String base = run.out().strip();
    assertThat(base).matches("Kexample\\.test\\.\\+015\\+\\d{5}");
    Path priv = dir.resolve(base + ".private");
    assertThat(Files.getPosixFilePermissions(priv))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    SigningKey key = BindKeyFiles.read(dir.resolve(base + ".key"));
    assertThat(key.algorithm()).isEqualTo(DnssecAlgorithm.ED25519);
    assertThat(key.role()).isEqualTo(KeyRole.KSK);
    assertThat(base).endsWith(String.format("+%05d", key.keyTag()));
  }

  @Test
  void keygenDefaultsToAnEcdsaZsk() throws Exception {
    CliRun run = CliRun.of("keygen", "-K", dir.toString(), "example.test.");
    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
    SigningKey key = BindKeyFiles.read(dir.resolve(run.out().strip() + ".key"));
    assertThat(key.algorithm()).isEqualTo(DnssecAlgorithm.ECDSAP256SHA256);
    assertThat(key.role()).isEqualTo(KeyRole.ZSK);
  }

  @Test
  void keygenRsaTakesBitsByNumberedAlgorithm() throws Exception {
    CliRun run = CliRun.of("keygen", "-a", "8", "-b", "3072", "-K", dir.toString(), "example.test");
    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
    SigningKey key = BindKeyFiles.read(dir.resolve(run.out().strip() + ".key"));
    // RFC 3110 key: 1 length byte, 3 exponent bytes, 384 modulus bytes
    assertThat(key.dnskey().getKey()).hasSize(1 + 3 + 384);
  }

  @Test
  void keygenUsageErrors() {
    CliRun badAlg = CliRun.of("keygen", "-a", "RSASHA1", "-K", dir.toString(), "example.test");
    assertThat(badAlg.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(badAlg.err()).contains("unknown algorithm RSASHA1", "ECDSAP256SHA256 (13)");
    CliRun bits = CliRun.of("keygen", "-a", "ED25519", "-b", "2048", "example.test");
    assertThat(bits.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(bits.err()).contains("-b applies to RSASHA256 only");
    CliRun small = CliRun.of("keygen", "-a", "RSASHA256", "-b", "1024", "example.test");
    assertThat(small.exitCode()).isEqualTo(ExitCodes.USAGE);
    CliRun role = CliRun.of("keygen", "-f", "REVOKE", "example.test");
    assertThat(role.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(role.err()).contains("KSK, ZSK or CSK");
    CliRun noZone = CliRun.of("keygen");
    assertThat(noZone.exitCode()).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void keygenIntoAMissingDirectoryFails() {
    CliRun run = CliRun.of("keygen", "-K", dir.resolve("nope").toString(), "example.test");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
    assertThat(run.err()).startsWith("zonetrust: ").contains("nope: no such directory");
  }

  @Test
  void dsPrintsTheDsOfOurKeysInEveryDigest() throws Exception {
    CliRun gen = CliRun.of("keygen", "-f", "KSK", "-K", dir.toString(), "example.test");
    String base = gen.out().strip();
    SigningKey key = BindKeyFiles.read(dir.resolve(base + ".key"));
    String sha256 = "example.test. IN DS " + key.ds(DigestType.SHA256, 0).rdataToString();
    String sha384 = "example.test. IN DS " + key.ds(DigestType.SHA384, 0).rdataToString();
    String sha1 = "example.test. IN DS " + key.ds(DigestType.SHA1, 0).rdataToString();

    CliRun run = CliRun.of("ds", dir.resolve(base + ".key").toString());
    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).isEqualTo(sha256 + System.lineSeparator());

    run = CliRun.of("ds", "-a", "SHA-384", "-a", "sha256", "-1", dir.resolve(base).toString());
    assertThat(run.out().lines()).containsExactly(sha1, sha256, sha384);

    run = CliRun.of("ds", "-T", "3600", dir.resolve(base + ".private").toString());
    assertThat(run.out().strip()).isEqualTo(sha256.replace(" IN DS", " 3600 IN DS"));
  }

  @Test
  void dsErrors() throws Exception {
    CliRun badDigest = CliRun.of("ds", "-a", "MD5", "Kexample.test.+013+00001.key");
    assertThat(badDigest.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(badDigest.err()).contains("unknown digest MD5");
    Path missing = dir.resolve("Kexample.test.+013+00001.key");
    CliRun run = CliRun.of("ds", missing.toString());
    assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
    assertThat(run.err())
        .isEqualTo("zonetrust: " + missing + ": no such file" + System.lineSeparator());
  }
}
