package org.zonetrust.acme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zonetrust.core.dns.PropagationChecker;
import org.zonetrust.core.event.ZoneTrustEvent;
import org.zonetrust.testbed.ExtraPebble;
import org.zonetrust.testbed.Testbed;
import org.zonetrust.testbed.WithTestbed;

/**
 * Alternate chains chosen by issuer name (a Pebble with {@code PEBBLE_ALTERNATE_ROOTS=1}), and a
 * profile the CA does not offer (Pebble 2.4.0 has no profiles) refused before ordering.
 */
@WithTestbed
class ChainAndProfileIT {
  @TempDir Path dir;
  private final List<ZoneTrustEvent> events = new CopyOnWriteArrayList<>();

  private AcmeDns01Client client(Testbed tb, URI directory, PropagationChecker checker)
      throws Exception {
    return AcmeTestbed.client(tb, AcmeCa.of(directory, tb.acmeTrustStore()), checker, dir)
        .events(events::add)
        .build();
  }

  @Test
  void preferredIssuerSelectsTheAlternateChain(Testbed tb) throws Exception {
    String zone = tb.createZone("chains");
    String base = zone.substring(0, zone.length() - 1);
    try (ExtraPebble pebble = tb.startPebble(Map.of("PEBBLE_ALTERNATE_ROOTS", "1"));
        PropagationChecker checker = AcmeTestbed.checker(tb)) {
      String root0 = commonName(get(tb, pebble.management().resolve("roots/0")));
      String root1 = commonName(get(tb, pebble.management().resolve("roots/1")));
      assertThat(root0).isNotEqualTo(root1);
      AcmeDns01Client client = client(tb, pebble.directory(), checker);

      for (String root : List.of(root1, root0)) {
        IssuedCertificate cert =
            client.issue(
                CertificateRequest.builder()
                    .names("www." + base)
                    .id("www-" + root.hashCode())
                    .preferredIssuer(root)
                    .build());
        X509Certificate top = cert.chain().get(cert.chain().size() - 1);
        assertThat(top.getIssuerX500Principal().getName()).isEqualTo("CN=" + root);
        assertThat(TestPem.read(dir.resolve("certs").resolve(cert.id()).resolve("fullchain.pem")))
            .isEqualTo(cert.chain());
      }
      IssuedCertificate fallback =
          client.issue(
              CertificateRequest.builder()
                  .names("www." + base)
                  .id("fallback")
                  .preferredIssuer("No Such Root")
                  .build());
      assertThat(
              fallback.chain().get(fallback.chain().size() - 1).getIssuerX500Principal().getName())
          .isEqualTo("CN=" + root0);
    }
  }

  @Test
  void aProfileTheCaDoesNotOfferIsRefusedBeforeOrdering(Testbed tb) throws Exception {
    try (PropagationChecker checker = AcmeTestbed.checker(tb)) {
      AcmeDns01Client client = client(tb, tb.acmeDirectory(), checker);
      assertThatThrownBy(
              () ->
                  client.issue(
                      CertificateRequest.builder()
                          .names("p.example.test")
                          .profile("shortlived")
                          .build()))
          .isInstanceOf(AcmeException.class)
          .hasMessageContaining("does not offer certificate profile 'shortlived'")
          .hasMessageContaining("nothing was ordered");
      assertThat(events)
          .extracting(ZoneTrustEvent::type)
          .doesNotContain("acme.order.created")
          .contains("acme.order.failed");
    }
  }

  private static String commonName(X509Certificate c) {
    String dn = c.getSubjectX500Principal().getName();
    assertThat(dn).startsWith("CN=").doesNotContain(",");
    return dn.substring(3);
  }

  private static X509Certificate get(Testbed tb, URI uri) throws Exception {
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(tb.acmeTrustStore());
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    HttpClient http = HttpClient.newBuilder().sslContext(ctx).build();
    HttpResponse<byte[]> r =
        http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.statusCode()).as(uri.toString()).isEqualTo(200);
    return (X509Certificate)
        CertificateFactory.getInstance("X.509")
            .generateCertificate(new ByteArrayInputStream(r.body()));
  }
}
