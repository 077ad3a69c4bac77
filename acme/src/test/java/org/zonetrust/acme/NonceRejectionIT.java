package org.zonetrust.acme;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zonetrust.core.dns.PropagationChecker;
import org.zonetrust.testbed.ExtraPebble;
import org.zonetrust.testbed.Testbed;
import org.zonetrust.testbed.WithTestbed;

/**
 * A Pebble that rejects 30% of all nonces with {@code badNonce}: acme4j retries such requests with
 * a fresh nonce (up to 10 attempts), so every order still succeeds. 30% rather than 50%: ten
 * rejections in a row then happen once in 170,000 requests, not once in a thousand.
 */
@WithTestbed
class NonceRejectionIT {
  @TempDir Path dir;

  @Test
  void issuanceSurvivesRejectedNonces(Testbed tb) throws Exception {
    String zone = tb.createZone("nonce");
    String base = zone.substring(0, zone.length() - 1);
    try (ExtraPebble pebble = tb.startPebble(Map.of("PEBBLE_WFE_NONCEREJECT", "30"));
        PropagationChecker checker = AcmeTestbed.checker(tb)) {
      AcmeDns01Client client =
          AcmeTestbed.client(tb, AcmeCa.of(pebble.directory(), tb.acmeTrustStore()), checker, dir)
              .build();
      for (String name : List.of(base, "*." + base, "www." + base)) {
        IssuedCertificate cert = client.issue(CertificateRequest.builder().names(name).build());
        AcmeDns01ClientIT.assertIssued(cert, List.of(name), CertificateKeyType.EC_P256);
      }
      AcmeTestbed.assertNoChallengesLeft(tb, List.of(base, "www." + base));
      Path log = pebble.logFile();
      // Pebble does not log each rejection; with 30% of about 40 POSTs rejected, an order run
      // without any rejection has a probability of 0.7^40 (about 6e-7).
      assertThat(Files.readString(log)).contains("Configured to reject 30% of good nonces");
    }
  }
}
