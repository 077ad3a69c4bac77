package org.zonetrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;
import org.zonetrust.testbed.Testbed;
import org.zonetrust.testbed.WithTestbed;

/** {@code zonetrust issue} against the testbed's Pebble, BIND primary and Knot secondary. */
@WithTestbed
class IssueCommandIT {
  @TempDir static Path dir;
  static Path secretFile;
  static Path wrongSecretFile;

  @BeforeAll
  static void secrets(Testbed tb) throws Exception {
    TsigSecretFiles files = TsigSecretFiles.write(tb, dir);
    secretFile = files.good();
    wrongSecretFile = files.wrong();
  }

  private static List<String> issue(Testbed tb, Path secret, String state, String... names) {
    List<String> args = IssueArgs.issue(tb, secret, dir.resolve(state), dir.resolve("out"));
    for (String n : names) {
      args.add("--name");
      args.add(n);
    }
    return args;
  }

  @Test
  void issuesApexAndWildcardAndRemovesTheChallengeValues(Testbed tb) throws Exception {
    String zone = tb.createZone("cli-issue");
    String apex = zone.substring(0, zone.length() - 1);
    CliRun run =
        CliRun.of(issue(tb, secretFile, "state", apex, "*." + apex).toArray(String[]::new));

    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).contains("issued " + apex, apex, "*." + apex);
    assertThat(run.out() + run.err()).doesNotContain(tb.tsigSecret());
    Path certDir = dir.resolve("out").resolve(apex);
    X509Certificate leaf;
    try (InputStream in = Files.newInputStream(certDir.resolve("fullchain.pem"))) {
      leaf = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
    List<String> sans = new ArrayList<>();
    for (List<?> san : leaf.getSubjectAlternativeNames()) {
      sans.add(String.valueOf(san.get(1)));
    }
    assertThat(sans).containsExactlyInAnyOrder(apex, "*." + apex);
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(certDir.resolve("privkey.pem"))))
        .isEqualTo("rw-------");
    // exactly the published values were removed: nothing is left at _acme-challenge on BIND
    assertThat(txt(tb, "_acme-challenge." + zone)).isEmpty();
  }

  @Test
  void wrongTsigKeyIsAnErrorAndIssuesNothing(Testbed tb) throws Exception {
    String zone = tb.createZone("cli-issue-badkey");
    String apex = zone.substring(0, zone.length() - 1);
    CliRun run = CliRun.of(issue(tb, wrongSecretFile, "state-bad", apex).toArray(String[]::new));

    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.ERROR);
    assertThat(run.err()).startsWith("zonetrust: ").doesNotContain(tb.tsigSecret());
    assertThat(dir.resolve("out").resolve(apex)).doesNotExist();
    assertThat(txt(tb, "_acme-challenge." + zone)).isEmpty();
  }

  /** The TXT records BIND serves at a name (empty for NXDOMAIN or NODATA). */
  private static List<Record> txt(Testbed tb, String name) throws Exception {
    SimpleResolver bind = new SimpleResolver(new InetSocketAddress("127.0.0.1", tb.bindPort()));
    Message answer =
        bind.send(Message.newQuery(Record.newRecord(Name.fromString(name), Type.TXT, DClass.IN)));
    return answer.getSection(Section.ANSWER);
  }
}
