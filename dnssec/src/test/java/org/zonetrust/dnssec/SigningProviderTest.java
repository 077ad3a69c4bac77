package org.zonetrust.dnssec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.xbill.DNS.DNSSEC;
import org.xbill.DNS.Name;
import org.zonetrust.dnssec.internal.CryptoProviders;

class SigningProviderTest {
  private static final Name ZONE = Name.fromConstantString("example.test.");
  private static final String ACCP = "AmazonCorrettoCryptoProvider";
  private static final EnumSet<DnssecAlgorithm> ACCP_ALGORITHMS =
      EnumSet.of(
          DnssecAlgorithm.RSASHA256,
          DnssecAlgorithm.ECDSAP256SHA256,
          DnssecAlgorithm.ECDSAP384SHA384);

  /**
   * ACCP 2.4.1 ships its native library for linux-x86_64, the machine kind this project builds on:
   * if it stops loading here, the accelerator is silently gone, which this test must notice.
   */
  @Test
  void accpLoadsOnLinuxX8664() {
    if (System.getProperty("os.name").equals("Linux")
        && System.getProperty("os.arch").equals("amd64")) {
      assertThat(CryptoProviders.accp()).as(CryptoProviders.accpProblem()).isPresent();
    } else {
      assertThat(CryptoProviders.accpProblem()).isNotEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(DnssecAlgorithm.class)
  void everyProviderPathSignsWhatDnsjavaAccepts(DnssecAlgorithm algorithm) throws Exception {
    SigningKey key = SigningKey.generate(ZONE, algorithm, KeyRole.ZSK);
    boolean accp = CryptoProviders.accp().isPresent();
    boolean accelerated = accp && ACCP_ALGORITHMS.contains(algorithm);

    assertThat(key.signingProvider()).isEqualTo(SigningProvider.AUTO);
    assertThat(key.providerName()).isEqualTo(accelerated ? ACCP : "BC");
    Signatures.signAndVerify(key);

    SigningKey bc = key.withProvider(SigningProvider.BOUNCY_CASTLE);
    assertThat(bc.providerName()).isEqualTo("BC");
    Signatures.signAndVerify(bc);

    if (accp) {
      SigningKey forced = key.withProvider(SigningProvider.ACCP);
      assertThat(forced.providerName()).isEqualTo(accelerated ? ACCP : "BC");
      Signatures.signAndVerify(forced);
    } else {
      assertThatThrownBy(() -> key.withProvider(SigningProvider.ACCP))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("Amazon Corretto Crypto Provider");
    }
    assertThat(key.withDeterministicEcdsa().keyTag()).isEqualTo(key.keyTag());
  }

  @Test
  void rsaSignaturesAreTheSameBytesWithEitherProvider() throws Exception {
    SigningKey key = SigningKey.generate(ZONE, DnssecAlgorithm.RSASHA256, KeyRole.ZSK);
    // PKCS#1 v1.5 is deterministic: the two providers must agree bit for bit
    assertThat(Signatures.sign(key.withProvider(SigningProvider.BOUNCY_CASTLE)))
        .isEqualTo(Signatures.sign(key));
  }

  @ParameterizedTest
  @EnumSource(
      value = DnssecAlgorithm.class,
      names = {"ECDSAP256SHA256", "ECDSAP384SHA384"})
  void deterministicEcdsaGivesTheSameBytesTwice(DnssecAlgorithm algorithm) throws Exception {
    SigningKey key = SigningKey.generate(ZONE, algorithm, KeyRole.ZSK);
    SigningKey det = key.withDeterministicEcdsa();
    assertThat(det.deterministicEcdsa()).isTrue();
    assertThat(det.providerName()).isEqualTo("BC");
    byte[] first = Signatures.signAndVerify(det);
    assertThat(Signatures.signAndVerify(det)).isEqualTo(first);
    // a second key object over the same material gives the same bytes too
    assertThat(
            Signatures.sign(
                key.withProvider(SigningProvider.BOUNCY_CASTLE).withDeterministicEcdsa()))
        .isEqualTo(first);
    // the default is randomised (RFC 6605 allows either): two signings differ
    assertThat(Signatures.signAndVerify(key)).isNotEqualTo(Signatures.signAndVerify(key));
    assertThat(first).hasSize(2 * (algorithm == DnssecAlgorithm.ECDSAP256SHA256 ? 32 : 48));
  }

  @Test
  void signaturesFromManyThreadsAllVerify() throws Exception {
    SigningKey key = SigningKey.generate(ZONE, DnssecAlgorithm.ECDSAP256SHA256, KeyRole.ZSK);
    var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      var futures = new java.util.ArrayList<java.util.concurrent.Future<byte[]>>();
      for (int i = 0; i < 200; i++) {
        futures.add(pool.submit(() -> Signatures.sign(key)));
      }
      for (var f : futures) {
        DNSSEC.verify(
            Signatures.rrset(ZONE),
            Signatures.rrsig(key, f.get()),
            key.dnskey(),
            java.time.Instant.parse("2026-01-15T00:00:00Z"));
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
