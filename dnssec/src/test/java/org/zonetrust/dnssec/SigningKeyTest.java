package org.zonetrust.dnssec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSSEC;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Type;

class SigningKeyTest {
  private static final Name ZONE = Name.fromConstantString("example.test.");

  @ParameterizedTest
  @EnumSource(DnssecAlgorithm.class)
  void signaturesVerifyWithDnsjava(DnssecAlgorithm algorithm) throws Exception {
    SigningKey key = SigningKey.generate(ZONE, algorithm, KeyRole.ZSK);
    RRset rrset = new RRset();
    rrset.addRR(
        new ARecord(
            Name.fromConstantString("www.example.test."),
            DClass.IN,
            300,
            java.net.InetAddress.getByName("192.0.2.1")));
    Instant inception = Instant.parse("2026-01-01T00:00:00Z");
    Instant expiration = Instant.parse("2026-02-01T00:00:00Z");
    RRSIGRecord unsigned =
        new RRSIGRecord(
            rrset.getName(),
            DClass.IN,
            300,
            Type.A,
            algorithm.code(),
            300,
            expiration,
            inception,
            key.keyTag(),
            ZONE,
            new byte[0]);
    byte[] signature = key.sign(DNSSEC.digestRRset(unsigned, rrset));
    RRSIGRecord sig =
        new RRSIGRecord(
            rrset.getName(),
            DClass.IN,
            300,
            Type.A,
            algorithm.code(),
            300,
            expiration,
            inception,
            key.keyTag(),
            ZONE,
            signature);

    DNSSEC.verify(rrset, sig, key.dnskey(), Instant.parse("2026-01-15T00:00:00Z"));
    assertThat(key.dnskey().getFlags()).isEqualTo(256);
    assertThat(key.toString()).contains("tag " + key.keyTag()).doesNotContain("PRIVATE");
  }

  @ParameterizedTest
  @EnumSource(DnssecAlgorithm.class)
  void codesRoundTrip(DnssecAlgorithm algorithm) {
    assertThat(DnssecAlgorithm.fromCode(algorithm.code())).contains(algorithm);
  }

  @org.junit.jupiter.api.Test
  void rejectsShortRsaAndRelativeZones() {
    assertThatThrownBy(
            () -> SigningKey.generate(ZONE, DnssecAlgorithm.RSASHA256, KeyRole.KSK, 1024))
        .hasMessageContaining("2048");
    assertThatThrownBy(
            () ->
                SigningKey.generate(
                    Name.fromConstantString("relative"), DnssecAlgorithm.ED25519, KeyRole.KSK))
        .hasMessageContaining("absolute");
  }
}
