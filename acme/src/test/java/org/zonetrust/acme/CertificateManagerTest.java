package org.zonetrust.acme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.zonetrust.acme.internal.StateKeys;

/** {@link CertificateManager} with a mocked client: key choice, ledger, records, outcomes. */
class CertificateManagerTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Duration KEY_LIFETIME = Duration.ofDays(365);
  private static final String CERT_ID = "AAECAw.BAUG";

  private final MutableClock clock = new MutableClock(T0);
  private final MemoryStateStore store = new MemoryStateStore(clock);
  private final AcmeDns01Client client = mock(AcmeDns01Client.class);
  private final List<CertificateRequest> sent = new ArrayList<>();
  private final CertificateKeyPolicy keys =
      CertificateKeyPolicy.builder()
          .stateStore(store)
          .keyLifetime(KEY_LIFETIME)
          .clock(clock)
          .build();

  private CertificateManager manager(KeySwitchGate gate, RateLimitLedger ledger) throws Exception {
    when(client.issue(any()))
        .thenAnswer(
            inv -> {
              CertificateRequest r = inv.getArgument(0);
              sent.add(r);
              return issued(r, sent.size() == 1 ? "" : CERT_ID);
            });
    return CertificateManager.builder()
        .client(client)
        .keyPolicy(keys)
        .ledger(ledger)
        .gate(gate)
        .stateStore(store)
        .clock(clock)
        .build();
  }

  private RateLimitLedger ledger(int perRegisteredDomain) {
    Duration week = Duration.ofDays(7);
    return RateLimitLedger.builder()
        .stateStore(store)
        .clock(clock)
        .account("test")
        .limits(
            new RateLimits(
                new RateLimits.Limit(100, Duration.ofHours(3)),
                new RateLimits.Limit(perRegisteredDomain, week),
                new RateLimits.Limit(100, week)))
        .build();
  }

  private IssuedCertificate issued(CertificateRequest r, String ariCertId) {
    return new IssuedCertificate(
        r.id(),
        r.names(),
        List.of(mock(X509Certificate.class)),
        clock.instant(),
        clock.instant().plus(Duration.ofDays(90)),
        BigInteger.TEN,
        ariCertId,
        "https://ca.test/order/1");
  }

  @Test
  void issueUsesThePolicyKeyConfirmsItAndTracksTheRecord() throws Exception {
    CertificateManager m = manager(KeySwitchGate.never(), ledger(50));
    PublicKey next = keys.nextKey("shop");

    IssuedCertificate cert =
        m.issue(
            CertificateRequest.builder()
                .id("shop")
                .names("shop.example.test", "*.shop.example.test")
                .profile("tlsserver")
                .build());

    assertThat(sent).hasSize(1);
    CertificateKeyStatus status = keys.status("shop").orElseThrow();
    assertThat(StoredKeyIds.of(sent.get(0).keyPair().getPublic())).isEqualTo(status.currentKeyId());
    assertThat(StoredKeyIds.of(next)).isEqualTo(status.nextKeyId());
    CertificateRecord rec = m.scheduler().build().record("shop").orElseThrow();
    assertThat(rec.names()).containsExactly("shop.example.test", "*.shop.example.test");
    assertThat(rec.notAfter()).isEqualTo(cert.notAfter());
    assertThat(rec.ariCertId()).as("empty CertID from the client becomes null").isNull();
    assertThat(rec.profile()).isEqualTo("tlsserver");
  }

  @Test
  void aRefusedOrderIsNeverStartedAndTheSameNamesCountAsARenewal() throws Exception {
    CertificateManager m = manager(KeySwitchGate.never(), ledger(1));
    m.issue(CertificateRequest.builder().id("a").names("a.example.test").build());

    AcmeException refused =
        catchThrowableOfType(
            AcmeException.class,
            () -> m.issue(CertificateRequest.builder().id("b").names("b.example.test").build()));
    assertThat(refused).hasMessageContaining("local rate limit");
    assertThat(refused.retryAfter()).contains(T0.plus(Duration.ofDays(7)));
    assertThat(sent).extracting(CertificateRequest::id).containsExactly("a");
    assertThat(keys.status("b")).as("no key made for a refused order").isEmpty();

    m.issue(CertificateRequest.builder().id("a").names("a.example.test").build());
    assertThat(sent).extracting(CertificateRequest::id).containsExactly("a", "a");
  }

  @Test
  void aSuppliedKeyOrAHeldLeaseIsRefused() throws Exception {
    CertificateManager m = manager(KeySwitchGate.never(), ledger(50));
    assertThatThrownBy(
            () ->
                m.issue(
                    CertificateRequest.builder()
                        .names("x.example.test")
                        .keyPair(CertificateKeyPolicyTest.ecKey())
                        .build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("key policy");

    store.tryAcquire(StateKeys.renewalLease("x.example.test"), "other", Duration.ofMinutes(5));
    assertThatThrownBy(() -> m.issue(CertificateRequest.builder().names("x.example.test").build()))
        .isInstanceOf(AcmeException.class)
        .hasMessageContaining("another process");
    verify(client, never()).issue(any());
  }

  @Test
  void renewerReusesTheKeyUntilTheRollIsDueAndAllowed() throws Exception {
    CertificateManager m = manager(KeySwitchGate.always(), ledger(50));
    m.issue(CertificateRequest.builder().id("shop").names("shop.example.test").build());
    String first = keys.status("shop").orElseThrow().currentKeyId();
    CertificateRecord rec = m.scheduler().build().record("shop").orElseThrow();

    RenewalOutcome o = m.renewer().renew(new RenewalRequest(rec, CERT_ID, "shortlived", 1));
    assertThat(o.issued()).isTrue();
    assertThat(o.ariCertId()).isEqualTo(CERT_ID);
    assertThat(sent.get(1).replaces()).isEqualTo(CERT_ID);
    assertThat(sent.get(1).profile()).isEqualTo("shortlived");
    assertThat(StoredKeyIds.of(sent.get(1).keyPair().getPublic())).isEqualTo(first);

    String next = keys.status("shop").orElseThrow().nextKeyId();
    clock.advance(KEY_LIFETIME);
    m.renewer().renew(new RenewalRequest(rec, null, null, 2));
    assertThat(sent.get(2).replaces()).isNull();
    assertThat(StoredKeyIds.of(sent.get(2).keyPair().getPublic())).isEqualTo(next);
    CertificateKeyStatus after = keys.status("shop").orElseThrow();
    assertThat(after.currentKeyId()).isEqualTo(next);
    assertThat(after.nextKeyId()).isNotIn(first, next);
  }

  @Test
  void aCaProblemBecomesAFailedOutcomeWithTypeAndRetryAfter() throws Exception {
    CertificateManager m = manager(KeySwitchGate.never(), ledger(50));
    Instant retry = T0.plus(Duration.ofHours(1));
    doThrow(
            new AcmeException(
                "order refused",
                null,
                URI.create(RenewalOutcome.ALREADY_REPLACED),
                retry,
                "https://ca.test/order/2"))
        .when(client)
        .issue(any());
    CertificateRecord rec =
        CertificateRecord.of("shop", List.of("shop.example.test"), T0, T0.plus(KEY_LIFETIME), null);

    RenewalOutcome o = m.renewer().renew(new RenewalRequest(rec, CERT_ID, null, 1));

    assertThat(o.issued()).isFalse();
    assertThat(o.problemType()).isEqualTo(RenewalOutcome.ALREADY_REPLACED);
    assertThat(o.retryAfter()).isEqualTo(retry);
    assertThat(o.detail()).contains("order refused");
  }

  @Test
  void aFailedKeyConfirmationIsLoggedWithoutSecretsAndHealsAtTheNextDelivery() throws Exception {
    CertificateKeyPolicyTest.FailingStore failing =
        new CertificateKeyPolicyTest.FailingStore(store);
    CertificateKeyPolicy flaky =
        CertificateKeyPolicy.builder()
            .stateStore(failing)
            .keyLifetime(KEY_LIFETIME)
            .clock(clock)
            .build();
    manager(KeySwitchGate.always(), ledger(50));
    CertificateManager m =
        CertificateManager.builder()
            .client(client)
            .keyPolicy(flaky)
            .gate(KeySwitchGate.always())
            .stateStore(store)
            .clock(clock)
            .build();
    m.issue(CertificateRequest.builder().id("shop").names("shop.example.test").build());
    CertificateRecord rec = m.scheduler().build().record("shop").orElseThrow();
    CertificateKeyStatus before = flaky.status("shop").orElseThrow();
    clock.advance(KEY_LIFETIME);

    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    RenewalOutcome o;
    failing.failWrites = true;
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      o = m.renewer().renew(new RenewalRequest(rec, null, null, 1));
    } finally {
      System.setErr(original);
      failing.failWrites = false;
    }
    assertThat(o.issued()).as("the certificate was delivered").isTrue();
    String log = captured.toString(StandardCharsets.UTF_8);
    byte[] secret = sent.get(1).keyPair().getPrivate().getEncoded();
    assertThat(log).contains("could not record it").contains(before.nextKeyId());
    assertThat(log)
        .doesNotContain(Base64.getEncoder().encodeToString(secret))
        .doesNotContain(HexFormat.of().formatHex(secret));
    assertThat(flaky.status("shop").orElseThrow().currentKeyId()).isEqualTo(before.currentKeyId());

    m.renewer().renew(new RenewalRequest(rec, null, null, 2));
    assertThat(StoredKeyIds.of(sent.get(2).keyPair().getPublic())).isEqualTo(before.nextKeyId());
    assertThat(flaky.status("shop").orElseThrow().currentKeyId()).isEqualTo(before.nextKeyId());
  }

  @Test
  void buildNamesWhatIsMissing() {
    assertThatThrownBy(() -> CertificateManager.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("client(")
        .hasMessageContaining("keyPolicy(")
        .hasMessageContaining("stateStore(");
  }

  /** Key ids as the policy computes them (lower-case hex SHA-256 of the SPKI). */
  private static final class StoredKeyIds {
    static String of(PublicKey key) throws Exception {
      return java.util.HexFormat.of()
          .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(key.getEncoded()));
    }
  }
}
