package org.zonetrust.registrar.internal.dnsupdate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;
import org.zonetrust.registrar.DsUpdateResult;
import org.zonetrust.registrar.ParentObservation;
import org.zonetrust.registrar.ParentObserver;
import org.zonetrust.registrar.RegistrarConfig;
import org.zonetrust.registrar.RegistrarDsUpdater;
import org.zonetrust.registrar.RegistrarDsUpdaters;
import org.zonetrust.registrar.RegistrarException;
import org.zonetrust.registrar.SecretSource;
import org.zonetrust.registrar.SecureDelegation;
import org.zonetrust.registrar.ServerAnswer;
import org.zonetrust.registrar.TestKeys;
import org.zonetrust.testbed.Testbed;
import org.zonetrust.testbed.WithTestbed;

@WithTestbed
class DnsUpdateAdapterIT {

  static ParentObserver observer(Testbed tb) throws Exception {
    return TestKeys.observer(tb);
  }

  static RegistrarDsUpdater open(Testbed tb, String secret) throws RegistrarException {
    URI uri =
        URI.create(
            "dnsupdate://127.0.0.1:"
                + tb.bindPort()
                + "?key="
                + tb.tsigKeyName()
                + "&algorithm="
                + tb.tsigAlgorithm()
                + "&ttl=300");
    return RegistrarDsUpdaters.open(
        RegistrarConfig.builder(uri).secrets(SecretSource.of(Map.of("tsig", secret))).build());
  }

  @Test
  void convergesTheDsRrsetOfAChildAndTheObserverConfirmsIt(Testbed tb) throws Exception {
    Name zone = Name.fromString(tb.createZone("dsup"));
    SecureDelegation first =
        SecureDelegation.fromDnskeys(zone, List.of(TestKeys.ksk(zone, 1)), Set.of(2, 4));
    SecureDelegation rolled =
        SecureDelegation.fromDnskeys(
            zone, List.of(TestKeys.ksk(zone, 1), TestKeys.ksk(zone, 2)), Set.of(2));
    try (RegistrarDsUpdater updater = open(tb, tb.tsigSecret());
        ParentObserver observer = observer(tb)) {
      assertThat(updater.current(zone)).isEqualTo(SecureDelegation.insecure());
      ParentObservation before = observer.observe(zone);
      assertThat(before.parentZone()).isEqualTo(Name.fromString("test."));
      assertThat(before.servers()).hasSize(2);
      assertThat(before.servers()).allMatch(s -> s.kind() == ServerAnswer.Kind.NODATA);

      assertThat(updater.converge(zone, first).status()).isEqualTo(DsUpdateResult.Status.APPLIED);
      assertThat(observer.await(zone, first, Duration.ofSeconds(20)).agreed())
          .contains(first.dsOnly());
      assertThat(updater.current(zone)).isEqualTo(first.dsOnly());
      assertThat(updater.converge(zone, first).status()).isEqualTo(DsUpdateResult.Status.UNCHANGED);

      assertThat(updater.converge(zone, rolled).status()).isEqualTo(DsUpdateResult.Status.APPLIED);
      observer.await(zone, rolled, Duration.ofSeconds(20));
      assertThat(updater.current(zone).ds()).hasSize(2).isEqualTo(rolled.ds());

      assertThat(updater.converge(zone, SecureDelegation.insecure()).status())
          .isEqualTo(DsUpdateResult.Status.APPLIED);
      ParentObservation insecure =
          observer.await(zone, SecureDelegation.insecure(), Duration.ofSeconds(20));
      assertThat(insecure.servers()).allMatch(s -> s.kind() == ServerAnswer.Kind.NODATA);
    }
  }

  @Test
  void aWrongTsigSecretIsAnAuthenticationErrorAndChangesNothing(Testbed tb) throws Exception {
    Name zone = Name.fromString(tb.createZone("dsauth"));
    SecureDelegation ds =
        SecureDelegation.fromDnskeys(zone, List.of(TestKeys.ksk(zone, 3)), Set.of(2));
    String wrong = Base64.getEncoder().encodeToString(new byte[32]);
    try (RegistrarDsUpdater updater = open(tb, wrong)) {
      assertThatThrownBy(() -> updater.converge(zone, ds))
          .isInstanceOfSatisfying(
              RegistrarException.class,
              e -> assertThat(e.reason()).isEqualTo(RegistrarException.Reason.AUTHENTICATION))
          .hasMessageNotContaining(wrong)
          .hasMessageNotContaining(tb.tsigSecret());
      assertThat(updater.toString()).doesNotContain(wrong).contains("127.0.0.1");
      assertThat(updater.current(zone)).isEqualTo(SecureDelegation.insecure());
    }
  }

  @Test
  void anUnreachablePrimaryIsUnavailable(Testbed tb) throws Exception {
    int closed;
    try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    URI uri = URI.create("dnsupdate://127.0.0.1:" + closed + "?timeout=1");
    Name zone = Name.fromString("nowhere.test.");
    try (RegistrarDsUpdater updater =
        RegistrarDsUpdaters.open(RegistrarConfig.builder(uri).build())) {
      assertThatThrownBy(() -> updater.current(zone))
          .isInstanceOfSatisfying(
              RegistrarException.class,
              e ->
                  assertThat(e.reason())
                      .isIn(
                          RegistrarException.Reason.UNAVAILABLE,
                          RegistrarException.Reason.TIMEOUT));
    }
  }
}
