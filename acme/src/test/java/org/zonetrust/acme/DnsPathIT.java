package org.zonetrust.acme;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Dns01Challenge;
import org.zonetrust.acme.internal.KeyPairPem;
import org.zonetrust.acme.internal.TrustingAcmeProvider;
import org.zonetrust.core.dns.PropagationChecker;
import org.zonetrust.core.event.ZoneTrustEvent;
import org.zonetrust.core.state.FileStateStore;
import org.zonetrust.core.state.StateStore;
import org.zonetrust.testbed.Testbed;
import org.zonetrust.testbed.WithTestbed;

/**
 * The DNS side seen end to end by Pebble: a held-back secondary keeps the challenge untriggered
 * until it catches up.
 *
 * <p>A challenge delegated by CNAME to a validation zone is not tested end to end here: Pebble asks
 * BIND, which answers authoritatively without recursion, and reported "No TXT records found" for
 * the CNAME'd name (it does not follow the CNAME into the other zone). The publisher side of CNAME
 * delegation is covered by {@code ChallengeDelegationIT}.
 */
@WithTestbed
class DnsPathIT {
  @TempDir Path dir;
  private final List<ZoneTrustEvent> events = new CopyOnWriteArrayList<>();

  @Test
  void noChallengeIsTriggeredWhileTheSecondaryLags(Testbed tb) throws Exception {
    String zone = tb.createZone("held");
    String name = "www." + zone.substring(0, zone.length() - 1);
    CountDownLatch published = new CountDownLatch(1);
    events.clear();
    StateStore store = FileStateStore.open(dir.resolve("state"), Clock.systemUTC());
    tb.holdSecondary(zone);
    boolean held = true;
    try (PropagationChecker checker = AcmeTestbed.checker(tb)) {
      AcmeDns01Client client =
          AcmeDns01Client.builder()
              .ca(AcmeTestbed.ca(tb))
              .account(AcmeAccount.builder().agreeToTermsOfService(true).build())
              .stateStore(store)
              .dnsUpdater(AcmeTestbed.updater(tb))
              .propagationChecker(checker)
              .resolver(AcmeTestbed.resolver(tb))
              .pemFiles(dir.resolve("certs"))
              .events(
                  e -> {
                    events.add(e);
                    if (e.type().equals("acme.challenge.published")) {
                      published.countDown();
                    }
                  })
              .build();
      CompletableFuture<IssuedCertificate> issue =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return client.issue(CertificateRequest.builder().names(name).build());
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      assertThat(published.await(30, TimeUnit.SECONDS)).isTrue();

      // BIND serves the value, Knot does not: the CA has not been asked to validate.
      assertThat(AcmeTestbed.txtAtBind(tb, name)).hasSize(1);
      String orderUrl =
          events.stream()
              .filter(e -> e.type().equals("acme.order.created"))
              .findFirst()
              .orElseThrow()
              .attributes()
              .get("order");
      Order order = login(tb, store, client).bindOrder(new URL(orderUrl));
      order.fetch();
      Authorization authz = order.getAuthorizations().get(0);
      assertThat(authz.getStatus()).isEqualTo(Status.PENDING);
      assertThat(authz.findChallenge(Dns01Challenge.class).orElseThrow().getStatus())
          .isEqualTo(Status.PENDING);
      assertThat(events)
          .extracting(ZoneTrustEvent::type)
          .doesNotContain("acme.challenge.propagated");

      tb.releaseSecondary(zone);
      held = false;
      IssuedCertificate cert = issue.get(60, TimeUnit.SECONDS);
      AcmeDns01ClientIT.assertIssued(cert, List.of(name), CertificateKeyType.EC_P256);
      assertThat(events)
          .extracting(ZoneTrustEvent::type)
          .containsSubsequence(
              "acme.challenge.published", "acme.challenge.propagated", "acme.order.validated");
      AcmeTestbed.assertNoChallengesLeft(tb, List.of(name));
    } finally {
      if (held) {
        tb.releaseSecondary(zone);
      }
    }
  }

  @Test
  void anInterruptWhileWaitingForTheSecondaryCleansUpEverything(Testbed tb) throws Exception {
    String zone = tb.createZone("intr");
    String name = "www." + zone.substring(0, zone.length() - 1);
    CountDownLatch published = new CountDownLatch(1);
    StateStore store = FileStateStore.open(dir.resolve("state"), Clock.systemUTC());
    tb.holdSecondary(zone);
    try (PropagationChecker checker = AcmeTestbed.checker(tb)) {
      AcmeDns01Client client =
          AcmeDns01Client.builder()
              .ca(AcmeTestbed.ca(tb))
              .account(AcmeAccount.builder().agreeToTermsOfService(true).build())
              .stateStore(store)
              .dnsUpdater(AcmeTestbed.updater(tb))
              .propagationChecker(checker)
              .resolver(AcmeTestbed.resolver(tb))
              .pemFiles(dir.resolve("certs"))
              .events(
                  e -> {
                    events.add(e);
                    if (e.type().equals("acme.challenge.published")) {
                      published.countDown();
                    }
                  })
              .build();
      CompletableFuture<Throwable> outcome = new CompletableFuture<>();
      Thread worker =
          new Thread(
              () -> {
                try {
                  client.issue(CertificateRequest.builder().names(name).build());
                  outcome.complete(null);
                } catch (Exception e) {
                  outcome.complete(e);
                }
              });
      worker.start();
      assertThat(published.await(30, TimeUnit.SECONDS)).isTrue();
      assertThat(AcmeTestbed.txtAtBind(tb, name)).hasSize(1);
      worker.interrupt();

      assertThat(outcome.get(30, TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
      AcmeTestbed.assertNoChallengesLeft(tb, List.of(name));
      String orderUrl =
          events.stream()
              .filter(e -> e.type().equals("acme.order.created"))
              .findFirst()
              .orElseThrow()
              .attributes()
              .get("order");
      Order order = login(tb, store, client).bindOrder(new URL(orderUrl));
      order.fetch();
      assertThat(order.getAuthorizations())
          .allSatisfy(a -> assertThat(a.getStatus()).isEqualTo(Status.DEACTIVATED));
      assertThat(store.list("acme/journal")).isEmpty();
    } finally {
      tb.releaseSecondary(zone);
    }
  }

  private static Login login(Testbed tb, StateStore store, AcmeDns01Client client)
      throws Exception {
    byte[] pem = store.get(client.accountKeyStateKey()).orElseThrow().value();
    Session session =
        new Session(tb.acmeDirectory(), new TrustingAcmeProvider(tb.acmeTrustStore()));
    return new AccountBuilder()
        .onlyExisting()
        .useKeyPair(KeyPairPem.decode(pem, "state"))
        .createLogin(session);
  }
}
