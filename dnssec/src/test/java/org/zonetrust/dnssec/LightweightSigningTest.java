package org.zonetrust.dnssec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.xbill.DNS.DNSSEC;
import org.xbill.DNS.Name;
import org.zonetrust.dnssec.internal.CryptoProviders;

/** The lightweight Bouncy Castle path against the Bouncy Castle JCA provider it replaces. */
class LightweightSigningTest {
  private static final Name ZONE = Name.fromConstantString("example.org.");

  @ParameterizedTest
  @EnumSource(
      value = DnssecAlgorithm.class,
      names = {"ECDSAP256SHA256", "ECDSAP384SHA384", "ED25519", "ED448"})
  void deterministicSignaturesAreBitIdenticalToTheJcaProvider(DnssecAlgorithm algorithm)
      throws Exception {
    SigningKey key =
        SigningKey.generate(ZONE, algorithm, KeyRole.ZSK)
            .withProvider(SigningProvider.BOUNCY_CASTLE)
            .withDeterministicEcdsa();
    assertThat(key.providerName()).isEqualTo("BC");
    byte[] data =
        DNSSEC.digestRRset(Signatures.rrsig(key, new byte[0]), Signatures.rrset(key.zone()));
    byte[] jca = CryptoProviders.jcaBouncyCastle(algorithm, true, key.privateKey()).sign(data);
    byte[] lightweight = Signatures.signAndVerify(key);
    assertThat(lightweight).isEqualTo(jca);
    assertThat(key.sign(data)).isEqualTo(lightweight);
  }

  @ParameterizedTest
  @EnumSource(
      value = DnssecAlgorithm.class,
      names = {"RSASHA256", "ECDSAP256SHA256", "ECDSAP384SHA384"})
  void lightweightSignaturesVerifyWithDnsjava(DnssecAlgorithm algorithm) throws Exception {
    SigningKey key =
        SigningKey.generate(ZONE, algorithm, KeyRole.ZSK)
            .withProvider(SigningProvider.BOUNCY_CASTLE);
    assertThat(key.providerName()).isEqualTo("BC");
    byte[] first = Signatures.signAndVerify(key);
    byte[] second = Signatures.signAndVerify(key);
    if (algorithm == DnssecAlgorithm.RSASHA256) {
      assertThat(first).hasSize(256).isEqualTo(second);
    } else {
      assertThat(first).hasSize(algorithm == DnssecAlgorithm.ECDSAP256SHA256 ? 64 : 96);
      assertThat(first).as("randomised ECDSA").isNotEqualTo(second);
    }
  }

  @Test
  void rsaMatchesTheJcaProvider() throws Exception {
    SigningKey key =
        SigningKey.generate(ZONE, DnssecAlgorithm.RSASHA256, KeyRole.ZSK)
            .withProvider(SigningProvider.BOUNCY_CASTLE);
    byte[] data =
        DNSSEC.digestRRset(Signatures.rrsig(key, new byte[0]), Signatures.rrset(key.zone()));
    assertThat(key.sign(data))
        .isEqualTo(
            CryptoProviders.jcaBouncyCastle(DnssecAlgorithm.RSASHA256, false, key.privateKey())
                .sign(data));
  }
}
