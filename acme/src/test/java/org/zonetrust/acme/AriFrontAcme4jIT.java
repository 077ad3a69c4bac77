package org.zonetrust.acme;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Random;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.RenewalInfo;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.connector.NetworkSettings;
import org.shredzone.acme4j.connector.Resource;
import org.shredzone.acme4j.provider.GenericAcmeProvider;
import org.shredzone.acme4j.toolbox.AcmeUtils;
import org.zonetrust.acme.internal.Acme4jRenewalInfo;
import org.zonetrust.testbed.Testbed;
import org.zonetrust.testbed.WithTestbed;
import org.zonetrust.testbed.acme.AriFront;

/**
 * acme4j 4.0.0 reads RFC 9773 renewal information and profiles from the testbed's {@link AriFront},
 * because Pebble 2.4.0 has neither: the front adds exactly the {@code renewalInfo} endpoint and
 * {@code meta.profiles}; the account is created at Pebble itself through the front's directory (JWS
 * URLs stay Pebble's). The scheduler then plans and renews inside that window.
 */
@WithTestbed
class AriFrontAcme4jIT {

  @Test
  void acme4jAndTheSchedulerReadTheWindowFromTheFront(Testbed testbed) throws Exception {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Instant start = now.plus(Duration.ofDays(10));
    Instant end = start.plus(Duration.ofDays(1));
    try (AriFront front =
        AriFront.builder(testbed).window(start, end).retryAfter(Duration.ofHours(2)).start()) {
      Session session = new Session(front.directory(), new TrustingProvider(testbed));
      assertThat(session.getMetadata().getProfiles())
          .contains("classic", "tlsserver", "shortlived");
      assertThat(session.getMetadata().isProfileAllowed("tlsserver")).isTrue();
      assertThat(session.resourceUrl(Resource.RENEWAL_INFO).toString())
          .isEqualTo(front.renewalInfo().toString());
      assertThat(session.resourceUrl(Resource.NEW_ORDER).getPort())
          .isEqualTo(testbed.acmeDirectory().getPort());

      KeyPair accountKey = CertificateKeyPolicyTest.ecKey();
      Login login =
          new AccountBuilder().agreeToTermsOfService().useKeyPair(accountKey).createLogin(session);
      assertThat(login.getAccountLocation().getPort()).isEqualTo(testbed.acmeDirectory().getPort());

      X509Certificate cert = certificateWithAki(now);
      String certId = AcmeUtils.getRenewalUniqueIdentifier(cert);
      RenewalInfo info = login.bindRenewalInfo(cert);
      assertThat(info.fetch()).isPresent();
      assertThat(info.getSuggestedWindowStart()).isEqualTo(start);
      assertThat(info.getSuggestedWindowEnd()).isEqualTo(end);

      AriResponse ari =
          new Acme4jRenewalInfo(login, Clock.systemUTC())
              .fetch(CertificateRecord.of("shop", List.of("shop.test"), now, end, certId))
              .orElseThrow();
      assertThat(ari.window()).isEqualTo(new RenewalWindow(start, end));
      assertThat(ari.retryAfter())
          .isBetween(Duration.ofHours(2).minusMinutes(1), Duration.ofHours(2));
      assertThat(front.renewalInfoRequests()).containsExactly(certId, certId);

      MutableClock clock = new MutableClock(now);
      List<RenewalRequest> calls = new java.util.concurrent.CopyOnWriteArrayList<>();
      RenewalScheduler scheduler =
          RenewalScheduler.builder()
              .stateStore(new MemoryStateStore(clock))
              .clock(clock)
              .policy(RenewalPolicy.builder().random(new Random(3)).build())
              .renewalInfo(new Acme4jRenewalInfo(login, Clock.systemUTC()))
              .renewer(
                  r -> {
                    calls.add(r);
                    return RenewalOutcome.issued(
                        clock.instant(), clock.instant().plus(Duration.ofDays(90)), null);
                  })
              .build();
      scheduler.track(
          CertificateRecord.of(
              "shop",
              List.of("shop.test"),
              now.minus(Duration.ofDays(50)),
              now.plus(Duration.ofDays(40)),
              certId));
      RenewalRun run = scheduler.runOnce();
      CertificateRecord planned = scheduler.record("shop").orElseThrow();
      assertThat(run.renewed()).isZero();
      assertThat(planned.window()).isEqualTo(new RenewalWindow(start, end));
      assertThat(planned.plannedRenewal()).isAfterOrEqualTo(start).isBefore(end);

      clock.set(planned.plannedRenewal());
      assertThat(scheduler.runOnce().renewed()).isEqualTo(1);
      assertThat(calls).extracting(RenewalRequest::replaces).containsExactly(certId);
    }
  }

  private static X509Certificate certificateWithAki(Instant now) throws Exception {
    KeyPair issuer = CertificateKeyPolicyTest.ecKey();
    KeyPair leaf = CertificateKeyPolicyTest.ecKey();
    JcaX509v3CertificateBuilder b =
        new JcaX509v3CertificateBuilder(
            new X500Name("CN=Test Issuer"),
            new BigInteger(64, new Random(5)).add(BigInteger.ONE),
            Date.from(now),
            Date.from(now.plus(Duration.ofDays(90))),
            new X500Name("CN=shop.test"),
            leaf.getPublic());
    b.addExtension(
        Extension.authorityKeyIdentifier,
        false,
        new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(issuer.getPublic()));
    return new JcaX509CertificateConverter()
        .getCertificate(
            b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.getPrivate())));
  }

  /** acme4j's generic provider with an HTTP client that trusts only the testbed CA. */
  private static final class TrustingProvider extends GenericAcmeProvider {
    private final SSLContext tls;

    TrustingProvider(Testbed testbed) throws GeneralSecurityException {
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(testbed.acmeTrustStore());
      tls = SSLContext.getInstance("TLS");
      tls.init(null, tmf.getTrustManagers(), null);
    }

    @Override
    public HttpClient createHttpClient(NetworkSettings settings) {
      return HttpClient.newBuilder().sslContext(tls).connectTimeout(settings.getTimeout()).build();
    }

    @Override
    public boolean accepts(URI serverUri) {
      return true;
    }
  }
}
