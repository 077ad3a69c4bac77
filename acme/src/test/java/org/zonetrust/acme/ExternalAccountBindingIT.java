package org.zonetrust.acme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zonetrust.core.dns.PropagationChecker;
import org.zonetrust.core.state.FileStateStore;
import org.zonetrust.core.state.StateStore;
import org.zonetrust.testbed.ExtraPebble;
import org.zonetrust.testbed.Testbed;
import org.zonetrust.testbed.WithTestbed;

/**
 * A Pebble that requires External Account Binding: the account registers with the key id and HMAC
 * key, and neither the HMAC key nor the account key appear in the log output or the errors.
 */
@WithTestbed
class ExternalAccountBindingIT {
  private static final String KID = "zonetrust-kid-1";
  private static final String HMAC =
      Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString("an-hmac-key-of-32-bytes-length!!".getBytes(StandardCharsets.US_ASCII));

  @TempDir Path dir;

  private AcmeDns01Client client(
      Testbed tb, ExtraPebble pebble, PropagationChecker checker, AcmeAccount account, Path state)
      throws Exception {
    return AcmeDns01Client.builder()
        .ca(AcmeCa.of(pebble.directory(), tb.acmeTrustStore()))
        .account(account)
        .stateStore(FileStateStore.open(state, Clock.systemUTC()))
        .dnsUpdater(AcmeTestbed.updater(tb))
        .propagationChecker(checker)
        .resolver(AcmeTestbed.resolver(tb))
        .pemFiles(dir.resolve("certs"))
        .pollInterval(Duration.ofMillis(20), Duration.ofMillis(500))
        .build();
  }

  @Test
  void registersWithTheBindingAndNeverShowsSecrets(Testbed tb) throws Exception {
    String zone = tb.createZone("eab");
    String name = "www." + zone.substring(0, zone.length() - 1);
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    try (ExtraPebble pebble = tb.startPebble(Map.of(), Map.of(KID, HMAC));
        PropagationChecker checker = AcmeTestbed.checker(tb)) {
      AcmeDns01Client without =
          client(
              tb,
              pebble,
              checker,
              AcmeAccount.builder().agreeToTermsOfService(true).build(),
              dir.resolve("state-without"));
      assertThatThrownBy(() -> without.issue(CertificateRequest.builder().names(name).build()))
          .isInstanceOf(AcmeException.class)
          .hasMessageContaining("cannot register or find the ACME account")
          .hasMessageContaining("externalAccountRequired");

      System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
      Path state = dir.resolve("state");
      AcmeDns01Client client =
          client(
              tb,
              pebble,
              checker,
              AcmeAccount.builder()
                  .contact("mailto:ops@example.com")
                  .agreeToTermsOfService(true)
                  .externalAccountBinding(KID, HMAC)
                  .build(),
              state);
      IssuedCertificate cert = client.issue(CertificateRequest.builder().names(name).build());
      AcmeDns01ClientIT.assertIssued(cert, List.of(name), CertificateKeyType.EC_P256);

      StateStore store = FileStateStore.open(state, Clock.systemUTC());
      String accountKey =
          new String(
              store.get(client.accountKeyStateKey()).orElseThrow().value(),
              StandardCharsets.US_ASCII);
      String privateBase64 = accountKey.split("-----")[2].replaceAll("\\s", "").substring(0, 40);
      String log = captured.toString(StandardCharsets.UTF_8);
      assertThat(log).contains("ACME account").doesNotContain(HMAC).doesNotContain(privateBase64);
    } finally {
      System.setErr(err);
    }
  }
}
