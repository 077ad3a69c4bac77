package org.zonetrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zonetrust.core.state.FileStateStore;
import org.zonetrust.core.state.Lease;
import org.zonetrust.testbed.Testbed;
import org.zonetrust.testbed.WithTestbed;

/**
 * {@code zonetrust renew} renews what {@code zonetrust issue --state} issued, against the testbed's
 * Pebble, BIND primary and Knot secondary; {@code --now} moves the pass past the renewal point
 * instead of waiting for it.
 */
@WithTestbed
class RenewCommandIT {
  @TempDir Path dir;

  private List<String> issue(Testbed tb, Path secret, String apex) {
    List<String> args = IssueArgs.issue(tb, secret, dir.resolve("state"), dir.resolve("out"));
    args.addAll(List.of("--name", apex, "--name", "*." + apex));
    return args;
  }

  private String issueOne(Testbed tb, String label, Path secret) throws Exception {
    String zone = tb.createZone(label);
    String apex = zone.substring(0, zone.length() - 1);
    CliRun run = CliRun.of(issue(tb, secret, apex).toArray(String[]::new));
    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.OK);
    return apex;
  }

  private CliRun renew(String... extra) {
    List<String> args =
        new ArrayList<>(List.of("renew", "--state", dir.resolve("state").toString()));
    args.addAll(List.of(extra));
    return CliRun.of(args.toArray(String[]::new));
  }

  /** An instant in the last tenth of the certificate's life: past every renewal point. */
  private static String lateInLife(X509Certificate leaf) {
    Instant nb = leaf.getNotBefore().toInstant();
    Instant na = leaf.getNotAfter().toInstant();
    return na.minus(Duration.between(nb, na).dividedBy(10)).toString();
  }

  @Test
  void renewsWhatIssueTrackedOnlyWhenDueAndWithTheSameKey(Testbed tb) throws Exception {
    Path secret = Files.writeString(dir.resolve("tsig.b64"), tb.tsigSecret() + "\n");
    String apex = issueOne(tb, "cli-renew", secret);

    Path settings = dir.resolve("state").resolve("cli.properties");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(settings)))
        .isEqualTo("rw-------");
    assertThat(Files.readString(settings))
        .contains("tsig-secret-file=" + secret.toAbsolutePath())
        .doesNotContain(tb.tsigSecret());

    Path certDir = dir.resolve("out").resolve(apex);
    byte[] cert = Files.readAllBytes(certDir.resolve("cert.pem"));
    byte[] key = Files.readAllBytes(certDir.resolve("privkey.pem"));
    X509Certificate first = leaf(certDir);

    CliRun now = renew();
    assertThat(now.exitCode()).as(now.out() + now.err()).isEqualTo(ExitCodes.OK);
    assertThat(now.out()).contains(apex + ": not due until ", "0 renewed, 0 failed");
    assertThat(Files.readAllBytes(certDir.resolve("cert.pem"))).isEqualTo(cert);
    assertThat(Files.readAllBytes(certDir.resolve("privkey.pem"))).isEqualTo(key);

    String late = lateInLife(first);
    // another process (here: this test) is ordering it: the pass skips it and exits 0
    try (Lease held =
        FileStateStore.open(dir.resolve("state"), Clock.systemUTC())
            .tryAcquire("locks/acme/certificates/" + apex, "test", Duration.ofDays(10 * 365))
            .orElseThrow()) {
      CliRun skipped = renew("--now", late);
      assertThat(skipped.exitCode()).as(skipped.out() + skipped.err()).isEqualTo(ExitCodes.OK);
      assertThat(skipped.out()).contains(apex + ": skipped: lease held elsewhere", "1 skipped");
      assertThat(held.fencingToken()).isPositive();
    }
    assertThat(Files.readAllBytes(certDir.resolve("cert.pem"))).isEqualTo(cert);

    CliRun later = renew("--now", late);
    assertThat(later.exitCode()).as(later.out() + later.err()).isEqualTo(ExitCodes.OK);
    assertThat(later.out()).contains(apex + ": renewed, valid ", "1 renewed, 0 failed");
    assertThat(later.out() + later.err()).doesNotContain(tb.tsigSecret());
    X509Certificate second = leaf(certDir);
    assertThat(second.getSerialNumber()).isNotEqualTo(first.getSerialNumber());
    assertThat(second.getPublicKey()).isEqualTo(first.getPublicKey());
    assertThat(Files.readAllBytes(certDir.resolve("privkey.pem"))).isEqualTo(key);
  }

  /**
   * A renewal that fails: the CA is unreachable (the settings point to a closed port). A wrong TSIG
   * secret would not do here: Pebble reuses the still-valid authorizations of the first order, so
   * the renewal needs no DNS update at all.
   */
  @Test
  void aFailedRenewalExitsOneAndAMissingTsigSecretFileIsAnError(Testbed tb) throws Exception {
    Path secret = Files.writeString(dir.resolve("tsig.b64"), tb.tsigSecret() + "\n");
    String apex = issueOne(tb, "cli-renew-bad", secret);
    Path certDir = dir.resolve("out").resolve(apex);
    byte[] cert = Files.readAllBytes(certDir.resolve("cert.pem"));
    String late = lateInLife(leaf(certDir));

    Path settings = dir.resolve("state").resolve("cli.properties");
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(settings)) {
      p.load(r);
    }
    p.setProperty("directory", "https://127.0.0.1:1/dir");
    try (Writer w = Files.newBufferedWriter(settings)) {
      p.store(w, null);
    }
    CliRun failed = renew("--now", late);
    assertThat(failed.exitCode()).as(failed.out() + failed.err()).isEqualTo(ExitCodes.CHECK_FAILED);
    assertThat(failed.out()).contains(apex + ": failed: ", "ACME account", "0 renewed, 1 failed");
    assertThat(failed.err()).contains("zonetrust: 1 renewal(s) failed");
    assertThat(failed.out() + failed.err()).doesNotContain(tb.tsigSecret());
    assertThat(Files.readAllBytes(certDir.resolve("cert.pem"))).isEqualTo(cert);

    Files.delete(secret);
    CliRun missing = renew("--now", late);
    assertThat(missing.exitCode()).as(missing.out() + missing.err()).isEqualTo(ExitCodes.ERROR);
    assertThat(missing.err())
        .startsWith("zonetrust: ")
        .contains("cli.properties", "cannot read TSIG secret file " + secret.toAbsolutePath());
    assertThat(Files.readAllBytes(certDir.resolve("cert.pem"))).isEqualTo(cert);
  }

  private static X509Certificate leaf(Path certDir) throws Exception {
    try (InputStream in = Files.newInputStream(certDir.resolve("cert.pem"))) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }
}
