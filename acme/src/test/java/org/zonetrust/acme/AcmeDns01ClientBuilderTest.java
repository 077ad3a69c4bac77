package org.zonetrust.acme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Name;
import org.zonetrust.core.dns.DnsUpdater;
import org.zonetrust.core.dns.PropagationChecker;
import org.zonetrust.core.state.FileStateStore;

class AcmeDns01ClientBuilderTest {
  @TempDir Path dir;

  private AcmeDns01Client.Builder complete() throws Exception {
    return AcmeDns01Client.builder()
        .ca(AcmeCa.of(URI.create("https://127.0.0.1:1/dir"), null))
        .account(AcmeAccount.builder().agreeToTermsOfService(true).build())
        .stateStore(FileStateStore.open(dir, Clock.systemUTC()))
        .dnsUpdater(mock(DnsUpdater.class))
        .propagationChecker(PropagationChecker.builder().build())
        .pemFiles(dir.resolve("certs"));
  }

  @Test
  void buildsWithoutContactingTheCa() throws Exception {
    AcmeDns01Client client = complete().build();
    assertThat(client.accountKeyStateKey()).matches("acme/accounts/[0-9a-f]{16}/key");
  }

  @Test
  void namesTheMissingSetting() throws Exception {
    assertThatThrownBy(() -> AcmeDns01Client.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("ca(");
    assertThatThrownBy(
            () ->
                AcmeDns01Client.builder()
                    .ca(AcmeCa.letsEncryptStaging())
                    .account(AcmeAccount.builder().build())
                    .stateStore(FileStateStore.open(dir, Clock.systemUTC()))
                    .pemFiles(dir)
                    .build())
        .hasMessageContaining("dnsUpdater");
    assertThatThrownBy(
            () ->
                AcmeDns01Client.builder()
                    .ca(AcmeCa.letsEncryptStaging())
                    .account(AcmeAccount.builder().build())
                    .stateStore(FileStateStore.open(dir, Clock.systemUTC()))
                    .dnsUpdater(mock(DnsUpdater.class))
                    .pemFiles(dir)
                    .build())
        .hasMessageContaining("propagationChecker");
  }

  @Test
  void rejectsOutOfRangeOptions() throws Exception {
    assertThatThrownBy(() -> complete().maxConcurrentOrders(0)).hasMessageContaining("1..1024");
    assertThatThrownBy(() -> complete().orderTimeout(Duration.ofMillis(10)))
        .hasMessageContaining("orderTimeout");
    assertThatThrownBy(() -> complete().challengeTtl(Duration.ZERO))
        .hasMessageContaining("challengeTtl");
    assertThatThrownBy(() -> complete().challengeTtl(Duration.ofMillis(2500)))
        .hasMessageContaining("whole number of seconds");
    assertThatThrownBy(() -> complete().pollInterval(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .hasMessageContaining("initial <= max");
    assertThatThrownBy(
            () ->
                complete()
                    .aliases(
                        Map.of(
                            Name.fromString("_acme-challenge.example.com."),
                            Name.fromString("relative"))))
        .hasMessageContaining("absolute");
  }

  @Test
  void differentCasShareNoAccountKey() throws Exception {
    String a = complete().build().accountKeyStateKey();
    String b = complete().ca(AcmeCa.letsEncryptStaging()).build().accountKeyStateKey();
    assertThat(a).isNotEqualTo(b);
  }
}
