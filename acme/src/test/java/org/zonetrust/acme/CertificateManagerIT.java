package org.zonetrust.acme;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.zonetrust.core.dns.PropagationChecker;
import org.zonetrust.testbed.Testbed;
import org.zonetrust.testbed.WithTestbed;
import org.zonetrust.testbed.acme.AriFront;

/**
 * The renewal path end to end: {@link CertificateManager} issues through the real {@link
 * AcmeDns01Client} against the testbed's Pebble (DNS-01 through BIND and Knot), and the {@link
 * RenewalScheduler}, driven by a simulated clock moved past the renewal point, renews through the
 * same client. The ARI case runs through the testbed's {@link AriFront}, because Pebble 2.4.0 has
 * no renewalInfo; Pebble ignores the {@code replaces} field of the new order, so this test shows
 * that it is sent, not that a CA honours it.
 */
@WithTestbed
class CertificateManagerIT {
  private static String zone = "";
  private static PropagationChecker checker;

  private final MutableClock clock =
      new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
  private final MemoryStateStore store = new MemoryStateStore(clock);
  private final List<CertificateDelivery> deliveries = new CopyOnWriteArrayList<>();
  private final CertificateKeyPolicy keys =
      CertificateKeyPolicy.builder()
          .stateStore(store)
          .keyLifetime(Duration.ofDays(1))
          .clock(clock)
          .build();
  private final RateLimitLedger ledger =
      RateLimitLedger.builder().stateStore(store).clock(clock).account("it").build();

  @BeforeAll
  static void zones(Testbed tb) throws Exception {
    zone = tb.createZone("acme-wire");
    checker = AcmeTestbed.checker(tb);
  }

  private AcmeDns01Client client(Testbed tb, URI directory, KeyStore trust) throws Exception {
    return AcmeDns01Client.builder()
        .ca(AcmeCa.of(directory, trust))
        .account(
            AcmeAccount.builder()
                .contact("mailto:ops@example.com")
                .agreeToTermsOfService(true)
                .build())
        .stateStore(store)
        .dnsUpdater(AcmeTestbed.updater(tb))
        .propagationChecker(checker)
        .resolver(AcmeTestbed.resolver(tb))
        .sink(deliveries::add)
        .pollInterval(Duration.ofMillis(20), Duration.ofMillis(500))
        .build();
  }

  private CertificateManager manager(AcmeDns01Client client, @Nullable KeySwitchGate gate) {
    CertificateManager.Builder b =
        CertificateManager.builder()
            .client(client)
            .keyPolicy(keys)
            .ledger(ledger)
            .stateStore(store)
            .clock(clock);
    return (gate == null ? b : b.gate(gate)).build();
  }

  private static String base() {
    return zone.substring(0, zone.length() - 1);
  }

  @Test
  void schedulerRenewsWithTheSameKeyThenRollsToTheAnnouncedNextKey(Testbed tb) throws Exception {
    AcmeDns01Client client = client(tb, tb.acmeDirectory(), tb.acmeTrustStore());
    CertificateManager byDefault = manager(client, null);
    String name = "www." + base();
    IssuedCertificate first =
        byDefault.issue(CertificateRequest.builder().id("www").names(name).build());
    PublicKey announced = keys.nextKey("www");
    PublicKey firstKey = first.leaf().getPublicKey();
    RenewalPolicy policy = RenewalPolicy.builder().random(new Random(7)).build();
    RenewalScheduler scheduler = byDefault.scheduler().policy(policy).build();

    CertificateRecord tracked = scheduler.record("www").orElseThrow();
    assertThat(tracked.names()).containsExactly(name);
    assertThat(tracked.notAfter()).isEqualTo(first.notAfter());
    assertThat(tracked.ariCertId()).isEqualTo(first.ariCertId()).isNotEmpty();
    assertThat(scheduler.runOnce().renewed()).as("not due yet").isZero();

    // past the renewal point and past the key lifetime, but the default gate never switches
    clock.set(policy.dueAt(scheduler.record("www").orElseThrow()).plusSeconds(1));
    RenewalRun run = scheduler.runOnce();
    assertThat(run.renewed()).isEqualTo(1);
    assertThat(run.failed()).isZero();
    IssuedCertificateView second = IssuedCertificateView.of(deliveries.get(1));
    assertThat(second.key()).isEqualTo(firstKey);
    CertificateRecord renewed = scheduler.record("www").orElseThrow();
    // Pebble dates certificates by the real clock: the renewal is told apart by its serial
    assertThat(renewed.notAfter()).isEqualTo(second.notAfter());
    assertThat(renewed.ariCertId()).isNotEqualTo(first.ariCertId()).isNotNull();
    assertThat(renewed.failures()).isZero();
    assertThat(keyId(keys.nextKey("www"))).isEqualTo(keyId(announced));

    // the platform's gate now says yes: the renewal uses the key announced before
    RenewalScheduler allowed =
        manager(client, KeySwitchGate.always()).scheduler().policy(policy).build();
    clock.set(policy.dueAt(allowed.record("www").orElseThrow()).plusSeconds(1));
    assertThat(allowed.runOnce().renewed()).isEqualTo(1);
    IssuedCertificateView third = IssuedCertificateView.of(deliveries.get(2));
    assertThat(third.key()).isEqualTo(announced);
    CertificateKeyStatus status = keys.status("www").orElseThrow();
    assertThat(status.currentKeyId()).isEqualTo(keyId(announced));
    assertThat(status.nextKeyId()).isNotIn(keyId(announced), keyId(firstKey));
    assertThat(allowed.record("www").orElseThrow().notAfter()).isEqualTo(third.notAfter());
    assertThat(deliveries).hasSize(3);
    AcmeTestbed.assertNoChallengesLeft(tb, List.of(name));
  }

  @Test
  void ariWindowFromTheFrontRenewsInsideItWithReplaces(Testbed tb) throws Exception {
    Instant start = clock.instant().plus(Duration.ofDays(10));
    Instant end = start.plus(Duration.ofDays(1));
    try (AriFront front = AriFront.builder(tb).window(start, end).start()) {
      AcmeDns01Client client = client(tb, front.directory(), tb.acmeTrustStore());
      CertificateManager manager = manager(client, null);
      String name = "ari." + base();
      IssuedCertificate first =
          manager.issue(CertificateRequest.builder().id("ari").names(name).build());
      List<RenewalRequest> calls = new CopyOnWriteArrayList<>();
      Renewer real = manager.renewer();
      RenewalScheduler scheduler =
          manager
              .scheduler()
              .policy(RenewalPolicy.builder().random(new Random(3)).build())
              .renewer(
                  r -> {
                    calls.add(r);
                    return real.renew(r);
                  })
              .build();

      assertThat(scheduler.runOnce().renewed()).isZero();
      CertificateRecord planned = scheduler.record("ari").orElseThrow();
      assertThat(front.renewalInfoRequests()).containsExactly(first.ariCertId());
      assertThat(planned.window()).isEqualTo(new RenewalWindow(start, end));
      Instant at = planned.plannedRenewal();
      assertThat(at).isNotNull().isAfterOrEqualTo(start).isBefore(end);

      clock.set(at);
      RenewalRun run = scheduler.runOnce();
      assertThat(run.renewed()).isEqualTo(1);
      assertThat(calls).extracting(RenewalRequest::replaces).containsExactly(first.ariCertId());
      assertThat(deliveries.get(1).leaf().getPublicKey()).isEqualTo(first.leaf().getPublicKey());
      CertificateRecord renewed = scheduler.record("ari").orElseThrow();
      assertThat(renewed.ariCertId()).isNotEqualTo(first.ariCertId());
      assertThat(renewed.window()).as("a new certificate has no window yet").isNull();
    }
  }

  private static String keyId(PublicKey key) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()));
  }

  /** What the sink received, as the test needs it. */
  private record IssuedCertificateView(PublicKey key, Instant notAfter) {
    static IssuedCertificateView of(CertificateDelivery d) {
      return new IssuedCertificateView(d.leaf().getPublicKey(), d.leaf().getNotAfter().toInstant());
    }
  }
}
