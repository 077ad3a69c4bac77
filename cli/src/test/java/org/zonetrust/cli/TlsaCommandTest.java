package org.zonetrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zonetrust.testbed.Tools;

/**
 * {@code zonetrust tlsa} on material made by {@code openssl}, its records compared with what {@code
 * openssl pkey | openssl dgst} pipelines compute (the pipelines dane's TlsaInteropPropertyTest
 * proves equal to hash-slinger's).
 */
class TlsaCommandTest {
  @TempDir static Path dir;
  static String leaf311;
  static String ca211;
  static String next311;

  static String openssl(String pipeline) {
    return Tools.run(dir, "sh", "-c", pipeline).requireOk().output();
  }

  static String sha256(String derPipeline) {
    String out = openssl(derPipeline + " | openssl dgst -sha256 -r");
    return out.strip().split("\\s+")[0].toUpperCase(Locale.ROOT);
  }

  @BeforeAll
  static void material() throws Exception {
    openssl(
        "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout ca.key"
            + " -out ca.pem -subj '/CN=Test CA' -days 2"
            + " && openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes"
            + " -keyout leaf.key -out leaf.csr -subj /CN=mx1.example"
            + " && openssl x509 -req -in leaf.csr -CA ca.pem -CAkey ca.key -CAcreateserial"
            + " -out leaf.pem -days 2"
            + " && cat leaf.pem ca.pem > chain.pem"
            + " && openssl pkey -in leaf.key -pubout -out leaf.pub"
            + " && openssl pkey -in leaf.key -traditional -out leaf-sec1.key"
            + " && openssl pkey -in leaf.key -aes256 -passout pass:secret -out leaf-enc.key"
            + " && openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out next.key"
            + " && openssl pkey -in next.key -traditional -out next-rsa.key");
    leaf311 = sha256("openssl pkey -in leaf.key -pubout -outform DER");
    ca211 = sha256("openssl x509 -in ca.pem -noout -pubkey | openssl pkey -pubin -outform DER");
    next311 = sha256("openssl pkey -in next.key -pubout -outform DER");
  }

  static CliRun tlsa(String... more) {
    List<String> args = new java.util.ArrayList<>(List.of("tlsa"));
    args.addAll(List.of(more));
    return CliRun.of(args.toArray(String[]::new));
  }

  static String file(String name) {
    return dir.resolve(name).toString();
  }

  @Test
  void everyInputFormGivesTheSameThreeOneOneAsOpenssl() {
    for (String input :
        List.of("leaf.pem", "chain.pem", "leaf.pub", "leaf.key", "leaf-sec1.key", "leaf.csr")) {
      CliRun run = tlsa("--port", "443", "--host", "www.example", "--cert", file(input));
      assertThat(run.exitCode()).as(input + ": " + run.err()).isEqualTo(ExitCodes.OK);
      assertThat(run.out().lines().toList())
          .as(input)
          .containsExactly("_443._tcp.www.example.\t3600\tIN\tTLSA\t3 1 1 " + leaf311);
    }
  }

  @Test
  void smtpPresetAddsDaneTaForTheCaTheChainHolds() {
    CliRun run =
        tlsa(
            "--port",
            "25",
            "--host",
            "mx1.example.",
            "--cert",
            file("chain.pem"),
            "--preset",
            "smtp",
            "--ttl",
            "5m");
    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
    assertThat(run.out().lines().toList())
        .containsExactly(
            "_25._tcp.mx1.example.\t300\tIN\tTLSA\t3 1 1 " + leaf311,
            "_25._tcp.mx1.example.\t300\tIN\tTLSA\t2 1 1 " + ca211);
  }

  @Test
  void nextAddsTheNextKeysRecordsTheRolloverPublishSet() {
    CliRun run =
        tlsa(
            "--port",
            "25",
            "--host",
            "mx1.example",
            "--cert",
            file("leaf.pem"),
            "--next",
            file("next-rsa.key"));
    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
    assertThat(run.out().lines().toList())
        .containsExactly(
            "_25._tcp.mx1.example.\t3600\tIN\tTLSA\t3 1 1 " + leaf311,
            "_25._tcp.mx1.example.\t3600\tIN\tTLSA\t3 1 1 " + next311);
    CliRun same =
        tlsa(
            "--port",
            "25",
            "--host",
            "mx1.example",
            "--cert",
            file("leaf.pem"),
            "--next",
            file("leaf.csr"));
    assertThat(same.exitCode()).isEqualTo(ExitCodes.ERROR);
    assertThat(same.err()).contains("same key");
  }

  @Test
  void explicitParametersAreMadeAsAsked() {
    CliRun full =
        tlsa(
            "--port",
            "443",
            "--host",
            "www.example",
            "--cert",
            file("leaf.pem"),
            "--usage",
            "3",
            "--selector",
            "0",
            "--matching",
            "1");
    assertThat(full.exitCode()).as(full.err()).isEqualTo(ExitCodes.OK);
    assertThat(full.out()).contains("3 0 1 " + sha256("openssl x509 -in leaf.pem -outform DER"));
    CliRun noCert =
        tlsa(
            "--port",
            "443",
            "--host",
            "www.example",
            "--cert",
            file("leaf.pub"),
            "--usage",
            "3",
            "--selector",
            "0",
            "--matching",
            "1");
    assertThat(noCert.exitCode()).isEqualTo(ExitCodes.ERROR);
    assertThat(noCert.err()).contains("use selector 1");
    CliRun pkixOnSmtp =
        tlsa(
            "--port",
            "25",
            "--host",
            "mx1.example",
            "--cert",
            file("leaf.pem"),
            "--usage",
            "1",
            "--selector",
            "1",
            "--matching",
            "1");
    assertThat(pkixOnSmtp.exitCode()).isEqualTo(ExitCodes.ERROR);
    assertThat(pkixOnSmtp.err()).contains("RFC 7672");
  }

  @Test
  void privateMaterialIsNeverPrintedAndEncryptedKeysAreRefused() throws Exception {
    String keyBody = Files.readAllLines(dir.resolve("leaf.key")).get(1);
    CliRun run = tlsa("--port", "443", "--host", "www.example", "--cert", file("leaf.key"));
    assertThat(run.out() + run.err()).doesNotContain(keyBody);
    CliRun enc = tlsa("--port", "443", "--host", "www.example", "--cert", file("leaf-enc.key"));
    assertThat(enc.exitCode()).isEqualTo(ExitCodes.ERROR);
    assertThat(enc.err()).startsWith("zonetrust: ").contains("encrypted private key");
    assertThat(enc.err()).doesNotContain(Files.readAllLines(dir.resolve("leaf-enc.key")).get(1));
  }

  @Test
  void usageErrors() throws Exception {
    String leaf = file("leaf.pem");
    assertThat(tlsa("--port", "25", "--host", "mx1.example").exitCode()).isEqualTo(ExitCodes.USAGE);
    CliRun partial = tlsa("--port", "25", "--host", "mx1.example", "--cert", leaf, "--usage", "3");
    assertThat(partial.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(partial.err()).contains("--usage, --selector and --matching together");
    CliRun both =
        tlsa(
            "--port",
            "25",
            "--host",
            "mx1.example",
            "--cert",
            leaf,
            "--preset",
            "smtp",
            "--usage",
            "3",
            "--selector",
            "1",
            "--matching",
            "1");
    assertThat(both.exitCode()).isEqualTo(ExitCodes.USAGE);
    CliRun webPort =
        tlsa("--port", "443", "--host", "www.example", "--cert", leaf, "--preset", "smtp");
    assertThat(webPort.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(webPort.err()).contains("mail port");
    assertThat(tlsa("--port", "70000", "--host", "x", "--cert", leaf).exitCode())
        .isEqualTo(ExitCodes.USAGE);
    assertThat(
            tlsa(
                    "--port",
                    "25",
                    "--host",
                    "x",
                    "--cert",
                    leaf,
                    "--usage",
                    "7",
                    "--selector",
                    "1",
                    "--matching",
                    "1")
                .exitCode())
        .isEqualTo(ExitCodes.USAGE);
    Path junk = dir.resolve("junk.txt");
    Files.writeString(junk, "not pem\n");
    CliRun notPem = tlsa("--port", "25", "--host", "mx1.example", "--cert", junk.toString());
    assertThat(notPem.exitCode()).isEqualTo(ExitCodes.ERROR);
    assertThat(notPem.err()).contains("junk.txt holds no PEM");
    CliRun missing = tlsa("--port", "25", "--host", "mx1.example", "--cert", file("nope.pem"));
    assertThat(missing.exitCode()).isEqualTo(ExitCodes.ERROR);
    assertThat(missing.err()).contains("nope.pem: no such file");
    assertThat(CliRun.of("--help").out()).contains("tlsa");
  }
}
