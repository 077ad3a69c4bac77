package org.zonetrust.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zonetrust.acme.IssuedCertificate;
import org.zonetrust.testbed.Testbed;
import org.zonetrust.testbed.WithTestbed;

@WithTestbed
class AcmeExampleIT {
  @TempDir Path dir;

  @Test
  void issuesApexAndWildcardFromPebbleAndWritesPemFiles(Testbed tb) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    IssuedCertificate cert =
        AcmeExample.run(tb, "acme-it", dir, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String out = bytes.toString(StandardCharsets.UTF_8);

    assertThat(cert.names()).containsExactly("acme-it.test", "*.acme-it.test");
    assertThat(cert.leaf().getSubjectAlternativeNames())
        .extracting(san -> (Object) san.get(1))
        .containsExactlyInAnyOrder((Object) "acme-it.test", "*.acme-it.test");
    assertThat(cert.notAfter()).isAfter(Instant.now().plus(Duration.ofDays(30)));

    Path files = dir.resolve("certs").resolve("acme-it-test");
    Collection<? extends java.security.cert.Certificate> fullchain;
    try (var in = Files.newInputStream(files.resolve("fullchain.pem"))) {
      fullchain = CertificateFactory.getInstance("X.509").generateCertificates(in);
    }
    assertThat(fullchain).hasSizeGreaterThanOrEqualTo(2);
    assertThat(((X509Certificate) fullchain.iterator().next()).getSerialNumber())
        .isEqualTo(cert.serial());
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(files.resolve("privkey.pem"))))
        .isEqualTo("rw-------");

    assertThat(out)
        .contains("Customer zone acme-it.test. created")
        .contains("Issued by ")
        .contains("acme-it.test, *.acme-it.test")
        .contains("valid until " + cert.notAfter())
        .contains("PEM files in " + files + ": cert.pem, chain.pem, fullchain.pem, privkey.pem")
        .contains("Renewal scheduler: 0 renewed; this certificate is due at ")
        .doesNotContain("PRIVATE KEY");
  }
}
