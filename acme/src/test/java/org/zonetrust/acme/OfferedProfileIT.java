package org.zonetrust.acme;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zonetrust.core.dns.PropagationChecker;
import org.zonetrust.testbed.Testbed;
import org.zonetrust.testbed.WithTestbed;
import org.zonetrust.testbed.acme.AriFront;

/**
 * Certificate profiles are selectable when the CA offers them. Pebble 2.4.0 offers none, so the
 * directory here comes from the testbed's {@link AriFront}, which adds {@code meta.profiles} to
 * Pebble's directory; the order itself still goes to Pebble, which ignores the profile field. So
 * this shows that the client checks the offer and orders with an offered profile, not that a CA
 * applies it.
 */
@WithTestbed
class OfferedProfileIT {
  @TempDir Path dir;

  @Test
  void anOfferedProfileIsOrderedAndAnotherIsRefusedBeforeOrdering(Testbed tb) throws Exception {
    String zone = tb.createZone("profiles");
    String base = zone.substring(0, zone.length() - 1);
    try (AriFront front =
            AriFront.builder(tb)
                .profiles(Map.of("tlsserver", "server auth only", "shortlived", "7 days"))
                .start();
        PropagationChecker checker = AcmeTestbed.checker(tb)) {
      AcmeDns01Client client =
          AcmeTestbed.client(tb, AcmeCa.of(front.directory(), tb.acmeTrustStore()), checker, dir)
              .build();

      IssuedCertificate cert =
          client.issue(CertificateRequest.builder().names(base).profile("tlsserver").build());
      AcmeDns01ClientIT.assertIssued(cert, List.of(base), CertificateKeyType.EC_P256);

      assertThatThrownBy(
              () ->
                  client.issue(
                      CertificateRequest.builder().names("www." + base).profile("classic").build()))
          .isInstanceOf(AcmeException.class)
          .hasMessageContaining("classic");
      AcmeTestbed.assertNoChallengesLeft(tb, List.of(base, "www." + base));
    }
  }
}
