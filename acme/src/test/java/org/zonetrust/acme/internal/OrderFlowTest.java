package org.zonetrust.acme.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.math.BigInteger;
import java.net.URL;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Certificate;
import org.shredzone.acme4j.Identifier;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.OrderBuilder;
import org.shredzone.acme4j.Problem;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Dns01Challenge;
import org.shredzone.acme4j.exception.AcmeServerException;
import org.shredzone.acme4j.toolbox.JSON;
import org.zonetrust.acme.AcmeException;
import org.zonetrust.acme.CertificateDelivery;
import org.zonetrust.acme.CertificateKeyType;
import org.zonetrust.acme.CertificateRequest;
import org.zonetrust.acme.IssuedCertificate;
import org.zonetrust.core.event.ZoneTrustEvent;

/**
 * The order flow's ordering and clean-up guarantees, with acme4j's resources mocked (Pebble cannot
 * be made to fail a trigger or to hang at a chosen step; the happy paths run against Pebble in
 * AcmeDns01ClientIT).
 */
class OrderFlowTest {
  private final List<String> log = new CopyOnWriteArrayList<>();
  private final List<ZoneTrustEvent> events = new CopyOnWriteArrayList<>();
  private final List<CertificateDelivery> delivered = new ArrayList<>();
  private final AccountLogin account = mock(AccountLogin.class);
  private final Login login = mock(Login.class);
  private final OrderBuilder orderBuilder = mock(OrderBuilder.class);
  private final Order order = mock(Order.class);
  private final Authorization auth = mock(Authorization.class);
  private final Dns01Challenge challenge = mock(Dns01Challenge.class);
  private final Certificate certificate = mock(Certificate.class);
  private Poller.Sleeper sleeper = d -> {};
  private boolean publishFails;

  private final ChallengePublisher publisher =
      new ChallengePublisher() {
        @Override
        public Publication publish(String orderKey, List<Challenge> challenges)
            throws AcmeException {
          log.add("publish " + challenges);
          if (publishFails) {
            throw new AcmeException("update refused by 127.0.0.1: NOTAUTH");
          }
          return new Publication(
              orderKey,
              List.of(new PublishedRecord("a.test.", "_acme-challenge.a.test.", List.of("d"))));
        }

        @Override
        public void remove(Publication publication) {
          log.add("remove interrupted=" + Thread.currentThread().isInterrupted());
        }

        @Override
        public int recover() {
          return 0;
        }
      };

  @BeforeEach
  void wire() throws Exception {
    when(account.login()).thenReturn(login);
    when(login.newOrder()).thenReturn(orderBuilder);
    when(orderBuilder.domains(anyList())).thenReturn(orderBuilder);
    when(orderBuilder.create()).thenReturn(order);
    when(order.getLocation()).thenReturn(new URL("https://ca.test/order/1"));
    when(order.getAuthorizations()).thenReturn(List.of(auth));
    when(auth.getIdentifier()).thenReturn(Identifier.dns("a.test"));
    when(auth.getLocation()).thenReturn(new URL("https://ca.test/authz/1"));
    when(auth.findChallenge(Dns01Challenge.class)).thenReturn(Optional.of(challenge));
    when(challenge.getDigest()).thenReturn("d");
    doAnswer(i -> log.add("trigger")).when(challenge).trigger();
    doAnswer(i -> log.add("deactivate")).when(auth).deactivate();
    doAnswer(i -> log.add("execute")).when(order).execute(any(byte[].class));
    when(order.getCertificate()).thenReturn(certificate);
    when(certificate.getCertificateChain()).thenReturn(chain());
  }

  private OrderFlow flow() {
    Clock clock = Clock.fixed(Instant.parse("2026-11-27T08:00:00Z"), ZoneOffset.UTC);
    OrderFlow.Settings settings =
        new OrderFlow.Settings(
            CertificateKeyType.EC_P256,
            Duration.ofMinutes(1),
            Duration.ofMillis(10),
            Duration.ofMillis(10),
            clock,
            events::add);
    Poller poller =
        new Poller(
            clock,
            System::nanoTime,
            d -> sleeper.sleep(d),
            Duration.ofMillis(10),
            Duration.ofMillis(10));
    return new OrderFlow(
        account,
        publisher,
        d -> {
          log.add("deliver");
          delivered.add(d);
        },
        settings,
        poller);
  }

  private static CertificateRequest request() {
    return CertificateRequest.builder().names("a.test", "*.a.test").build();
  }

  @Test
  void publishesBeforeTriggeringAndRemovesBeforeFinalizing() throws Exception {
    when(auth.getStatus()).thenReturn(Status.PENDING, Status.PENDING, Status.VALID);
    when(order.getStatus()).thenReturn(Status.READY, Status.VALID);

    IssuedCertificate issued = flow().issue(request());

    assertThat(log)
        .containsExactly(
            "publish [Challenge[identifier=a.test., value=d]]",
            "trigger",
            "remove interrupted=false",
            "execute",
            "deliver");
    assertThat(issued.names()).containsExactly("a.test", "*.a.test");
    assertThat(issued.orderUrl()).isEqualTo("https://ca.test/order/1");
    assertThat(issued.ariCertId()).contains(".");
    assertThat(delivered).singleElement().satisfies(d -> assertThat(d.id()).isEqualTo("a.test"));
    assertThat(events)
        .extracting(ZoneTrustEvent::type)
        .containsExactly(
            "acme.order.created",
            "acme.order.validated",
            "acme.certificate.issued",
            "acme.certificate.delivered");
  }

  @Test
  void aRefusedTriggerRemovesTheValuesAndDeactivates() throws Exception {
    when(auth.getStatus()).thenReturn(Status.PENDING);
    Problem problem =
        new Problem(
            JSON.parse(
                "{\"type\":\"urn:ietf:params:acme:error:malformed\",\"detail\":\"bad challenge\"}"),
            new URL("https://ca.test/"));
    doThrow(new AcmeServerException(problem)).when(challenge).trigger();

    assertThatThrownBy(() -> flow().issue(request()))
        .isInstanceOf(AcmeException.class)
        .hasMessageContaining("a.test, *.a.test")
        .hasMessageContaining("urn:ietf:params:acme:error:malformed: bad challenge")
        .satisfies(
            e -> {
              assertThat(((AcmeException) e).problemType().orElseThrow().toString())
                  .isEqualTo("urn:ietf:params:acme:error:malformed");
              assertThat(((AcmeException) e).orderUrl()).contains("https://ca.test/order/1");
            });
    assertThat(log)
        .containsSubsequence(
            "publish [Challenge[identifier=a.test., value=d]]",
            "remove interrupted=false",
            "deactivate");
    assertThat(delivered).isEmpty();
    assertThat(events).extracting(ZoneTrustEvent::type).contains("acme.order.failed");
  }

  @Test
  void anInvalidAuthorizationNamesTheCaReason() throws Exception {
    when(auth.getStatus()).thenReturn(Status.PENDING, Status.PENDING, Status.INVALID);
    when(challenge.getError())
        .thenReturn(
            Optional.of(
                new Problem(
                    JSON.parse(
                        "{\"type\":\"urn:ietf:params:acme:error:unauthorized\",\"detail\":\"Incorrect TXT record\"}"),
                    new URL("https://ca.test/"))));

    assertThatThrownBy(() -> flow().issue(request()))
        .isInstanceOf(AcmeException.class)
        .hasMessageContaining("could not validate a.test")
        .hasMessageContaining("Incorrect TXT record");
    assertThat(log).contains("remove interrupted=false");
    verify(order, never()).execute(any(byte[].class));
  }

  @Test
  void anInterruptWhilePollingStillRemovesTheValues() throws Exception {
    when(auth.getStatus()).thenReturn(Status.PENDING);
    sleeper =
        d -> {
          throw new InterruptedException();
        };

    assertThatThrownBy(() -> flow().issue(request())).isInstanceOf(InterruptedException.class);
    assertThat(log).containsSubsequence("trigger", "remove interrupted=false", "deactivate");
    assertThat(events).extracting(ZoneTrustEvent::type).contains("acme.order.failed");
  }

  @Test
  void removalRunsWithTheInterruptFlagClearedAndRestoresIt() throws Exception {
    when(auth.getStatus()).thenReturn(Status.PENDING);
    doAnswer(
            i -> {
              log.add("trigger");
              Thread.currentThread().interrupt();
              throw new org.shredzone.acme4j.exception.AcmeNetworkException(
                  new java.io.IOException("interrupted"));
            })
        .when(challenge)
        .trigger();
    try {
      assertThatThrownBy(() -> flow().issue(request())).isInstanceOf(AcmeException.class);
      assertThat(log).contains("remove interrupted=false");
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void aFailedPublicationTriggersNothing() throws Exception {
    when(auth.getStatus()).thenReturn(Status.PENDING);
    publishFails = true;

    assertThatThrownBy(() -> flow().issue(request()))
        .isInstanceOf(AcmeException.class)
        .hasMessageContaining("cannot publish the DNS-01 values for a.test, *.a.test")
        .hasMessageContaining("NOTAUTH")
        .satisfies(e -> assertThat(((AcmeException) e).orderUrl()).isPresent());
    assertThat(log).doesNotContain("trigger").contains("deactivate");
  }

  @Test
  void aFailingSinkFailsTheIssue() throws Exception {
    when(auth.getStatus()).thenReturn(Status.VALID);
    when(order.getStatus()).thenReturn(Status.READY, Status.VALID);
    OrderFlow.Settings settings =
        new OrderFlow.Settings(
            CertificateKeyType.EC_P256,
            Duration.ofMinutes(1),
            Duration.ofMillis(10),
            Duration.ofMillis(10),
            Clock.systemUTC(),
            events::add);
    OrderFlow failing =
        new OrderFlow(
            account,
            publisher,
            d -> {
              throw new java.io.IOException("disk full");
            },
            settings);

    assertThatThrownBy(() -> failing.issue(request()))
        .isInstanceOf(AcmeException.class)
        .hasMessageContaining("was issued but the sink failed to store it: disk full");
    // An already valid authorization needs no DNS at all.
    assertThat(log).doesNotContain("trigger").noneMatch(l -> l.startsWith("publish"));
  }

  @Test
  void suppliedKeyAndReplacesAreUsed() throws Exception {
    when(auth.getStatus()).thenReturn(Status.VALID);
    when(order.getStatus()).thenReturn(Status.READY, Status.VALID);
    org.shredzone.acme4j.Session session = mock(org.shredzone.acme4j.Session.class);
    when(account.session()).thenReturn(session);
    when(session.resourceUrlOptional(org.shredzone.acme4j.connector.Resource.RENEWAL_INFO))
        .thenReturn(Optional.of(new URL("https://ca.test/renewal-info")));
    when(orderBuilder.replaces(org.mockito.ArgumentMatchers.anyString())).thenReturn(orderBuilder);
    KeyPair kp = CertificateKeys.generate(CertificateKeyType.EC_P384);
    org.mockito.ArgumentCaptor<byte[]> csr = org.mockito.ArgumentCaptor.forClass(byte[].class);

    flow()
        .issue(
            CertificateRequest.builder().names("a.test").replaces("aaaa.bbbb").keyPair(kp).build());

    verify(orderBuilder).replaces("aaaa.bbbb");
    verify(order).execute(csr.capture());
    assertThat(
            new org.bouncycastle.pkcs.PKCS10CertificationRequest(csr.getValue())
                .getSubjectPublicKeyInfo()
                .getEncoded())
        .isEqualTo(kp.getPublic().getEncoded());
    assertThat(delivered)
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.privateKey()).isEqualTo(kp.getPrivate());
              assertThat(d.keyType()).isEqualTo(CertificateKeyType.EC_P384);
            });
  }

  @Test
  void replacesIsNotSentToACaWithoutRenewalInfo() throws Exception {
    when(auth.getStatus()).thenReturn(Status.VALID);
    when(order.getStatus()).thenReturn(Status.READY, Status.VALID);
    org.shredzone.acme4j.Session session = mock(org.shredzone.acme4j.Session.class);
    when(account.session()).thenReturn(session);
    when(session.resourceUrlOptional(org.shredzone.acme4j.connector.Resource.RENEWAL_INFO))
        .thenReturn(Optional.empty());

    flow().issue(CertificateRequest.builder().names("a.test").replaces("aaaa.bbbb").build());

    verify(orderBuilder, never()).replaces(org.mockito.ArgumentMatchers.anyString());
    assertThat(delivered).hasSize(1);
  }

  private static List<X509Certificate> chain() throws Exception {
    KeyPair ca = CertificateKeys.generate(CertificateKeyType.EC_P256);
    KeyPair leaf = CertificateKeys.generate(CertificateKeyType.EC_P256);
    JcaX509v3CertificateBuilder b =
        new JcaX509v3CertificateBuilder(
            new X500Name("CN=Test CA"),
            BigInteger.TEN,
            Date.from(Instant.parse("2026-01-01T00:00:00Z")),
            Date.from(Instant.parse("2026-04-01T00:00:00Z")),
            new X500Name("CN=a.test"),
            leaf.getPublic());
    b.addExtension(
        Extension.authorityKeyIdentifier,
        false,
        new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(ca.getPublic()));
    X509Certificate l =
        new JcaX509CertificateConverter()
            .getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(ca.getPrivate())));
    return List.of(l);
  }
}
