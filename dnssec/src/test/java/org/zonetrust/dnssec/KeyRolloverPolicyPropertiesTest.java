package org.zonetrust.dnssec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class KeyRolloverPolicyPropertiesTest {

  private static Properties props(String text) throws IOException {
    Properties p = new Properties();
    p.load(new StringReader(text));
    return p;
  }

  private static KeyRolloverPolicy read(String text) throws IOException {
    return KeyRolloverPolicy.fromProperties(props(text));
  }

  @Test
  void emptyPropertiesGiveTheDefaultPolicy() throws IOException {
    KeyRolloverPolicy p = read("");
    KeyRolloverPolicy d = KeyRolloverPolicy.defaults();
    assertThat(p.name()).isEqualTo("default");
    assertThat(p.csk()).isFalse();
    assertThat(p.lifetime(KeyRole.ZSK)).isEqualTo(d.lifetime(KeyRole.ZSK));
    assertThat(p.signatureValidity()).isEqualTo(d.signatureValidity());
    assertThat(p.denial()).isEqualTo(Denial.nsec());
  }

  @Test
  void baseFastStartsFromTheFastPreset() throws IOException {
    KeyRolloverPolicy p = read("base=fast\nname=lab\n");
    assertThat(p.name()).isEqualTo("lab");
    assertThat(p.dnskeyTtl()).isEqualTo(Duration.ofSeconds(2));
    assertThat(p.lifetime(KeyRole.KSK)).isEqualTo(Duration.ofMinutes(20));
    assertThat(p.signatureValidity()).isEqualTo(KeyRolloverPolicy.fast().signatureValidity());
  }

  @Test
  void everyKeyIsRead() throws IOException {
    KeyRolloverPolicy p =
        read(
            """
            base = default-csk
            name = custom
            keys = ksk-zsk
            algorithm = 8
            rsa-bits = 3072
            ksk-lifetime = P400D
            zsk-lifetime = 60d
            csk-lifetime = 0
            zsk-method = double-signature
            ksk-method = double-ds
            dnskey-ttl = 2h
            max-zone-ttl = PT12H
            ds-ttl = 3600s
            parent-negative-ttl = 30m
            publish-safety = 2h
            retire-safety = 3h
            zone-propagation-delay = 10m
            parent-propagation-delay = 2h
            signature-validity = 30d
            signature-refresh = 10d
            signature-jitter = 1d
            signature-inception-offset = 2h
            soa-expire = 8d
            nsec3 = true
            nsec3-iterations = 0
            nsec3-salt = ABCD
            nsec3-opt-out = true
            ds-digest = SHA-384
            cds = false
            parent-alert-after = 3d
            parent-check-interval = 30m
            parent-retry-interval = 12h
            """);
    assertThat(p.name()).isEqualTo("custom");
    assertThat(p.csk()).isFalse();
    assertThat(p.algorithm()).isEqualTo(DnssecAlgorithm.RSASHA256);
    assertThat(p.rsaBits()).isEqualTo(3072);
    assertThat(p.lifetime(KeyRole.KSK)).isEqualTo(Duration.ofDays(400));
    assertThat(p.lifetime(KeyRole.ZSK)).isEqualTo(Duration.ofDays(60));
    assertThat(p.lifetime(KeyRole.CSK)).isZero();
    assertThat(p.zskMethod()).isEqualTo(RolloverMethod.DOUBLE_SIGNATURE);
    assertThat(p.kskMethod()).isEqualTo(RolloverMethod.DOUBLE_DS);
    assertThat(p.dnskeyTtl()).isEqualTo(Duration.ofHours(2));
    assertThat(p.maxZoneTtl()).isEqualTo(Duration.ofHours(12));
    assertThat(p.dsTtl()).isEqualTo(Duration.ofHours(1));
    assertThat(p.parentNegativeTtl()).isEqualTo(Duration.ofMinutes(30));
    assertThat(p.publishSafety()).isEqualTo(Duration.ofHours(2));
    assertThat(p.retireSafety()).isEqualTo(Duration.ofHours(3));
    assertThat(p.zonePropagationDelay()).isEqualTo(Duration.ofMinutes(10));
    assertThat(p.parentPropagationDelay()).isEqualTo(Duration.ofHours(2));
    assertThat(p.signatureValidity())
        .isEqualTo(
            SignatureValidity.of(
                Duration.ofDays(30), Duration.ofHours(2), Duration.ofDays(1), Duration.ofDays(10)));
    assertThat(p.soaExpire()).isEqualTo(Duration.ofDays(8));
    assertThat(p.denial()).isEqualTo(Denial.nsec3(0, new byte[] {(byte) 0xab, (byte) 0xcd}, true));
    assertThat(p.dsDigest()).isEqualTo(DigestType.SHA384);
    assertThat(p.publishCds()).isFalse();
    assertThat(p.parentAlertAfter()).isEqualTo(Duration.ofDays(3));
    assertThat(p.parentCheckInterval()).isEqualTo(Duration.ofMinutes(30));
    assertThat(p.parentRetryInterval()).isEqualTo(Duration.ofHours(12));
  }

  @Test
  void algorithmByMnemonicAndCsk() throws IOException {
    KeyRolloverPolicy p = read("keys=csk\nalgorithm=ecdsap384sha384\nnsec3=true\nnsec3-salt=-\n");
    assertThat(p.csk()).isTrue();
    assertThat(p.algorithm()).isEqualTo(DnssecAlgorithm.ECDSAP384SHA384);
    assertThat(p.denial()).isEqualTo(Denial.nsec3(0, new byte[0], false));
  }

  @Test
  void unknownKeyIsNamed() {
    assertThatThrownBy(() -> read("zsk-lifetme=30d\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'zsk-lifetme'");
  }

  @Test
  void badValuesNameKeyAndValue() {
    assertThatThrownBy(() -> read("zsk-lifetime=30 days\n"))
        .hasMessageContaining("'zsk-lifetime'")
        .hasMessageContaining("'30 days'");
    assertThatThrownBy(() -> read("algorithm=7\n"))
        .hasMessageContaining("'algorithm'")
        .hasMessageContaining("'7'")
        .hasMessageContaining("ECDSAP256SHA256");
    assertThatThrownBy(() -> read("base=slow\n"))
        .hasMessageContaining("'base'")
        .hasMessageContaining("'slow'");
    assertThatThrownBy(() -> read("keys=three\n")).hasMessageContaining("'keys'");
    assertThatThrownBy(() -> read("zsk-method=double-ksk\n")).hasMessageContaining("'zsk-method'");
    assertThatThrownBy(() -> read("cds=maybe\n")).hasMessageContaining("'cds'");
    assertThatThrownBy(() -> read("nsec3-iterations=5\n"))
        .hasMessageContaining("needs nsec3 = true");
    assertThatThrownBy(() -> read("nsec3=true\nnsec3-salt=XYZ\n"))
        .hasMessageContaining("'nsec3-salt'");
    assertThatThrownBy(() -> read("dnskey-ttl=-5s\n")).hasMessageContaining("'dnskey-ttl'");
    assertThatThrownBy(() -> read("ds-digest=MD5\n")).hasMessageContaining("'ds-digest'");
  }

  @Test
  void builderValidationMessagesPassThrough() {
    assertThatThrownBy(() -> read("name=bad name\n"))
        .hasMessageContaining("'name'")
        .hasMessageContaining("1 to 63");
    assertThatThrownBy(() -> read("dnskey-ttl=3d\n"))
        .hasMessageContaining("'dnskey-ttl'")
        .hasMessageContaining("DNSKEY TTL must be whole seconds up to");
    assertThatThrownBy(() -> read("zsk-lifetime=1h\n"))
        .hasMessageContaining("cannot be run safely")
        .hasMessageContaining("ZSK lifetime (");
    assertThatThrownBy(() -> read("signature-refresh=1d\n"))
        .hasMessageContaining("must cover the SOA expire");
  }

  @Test
  void durationsAcceptIsoAndUnits() {
    assertThat(org.zonetrust.dnssec.internal.keys.PolicyProperties.duration("PT1H"))
        .isEqualTo(Duration.ofHours(1));
    assertThat(org.zonetrust.dnssec.internal.keys.PolicyProperties.duration("P30D"))
        .isEqualTo(Duration.ofDays(30));
    assertThat(org.zonetrust.dnssec.internal.keys.PolicyProperties.duration("5m"))
        .isEqualTo(Duration.ofMinutes(5));
    assertThat(org.zonetrust.dnssec.internal.keys.PolicyProperties.duration("0")).isZero();
    assertThatThrownBy(() -> org.zonetrust.dnssec.internal.keys.PolicyProperties.duration("5"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> org.zonetrust.dnssec.internal.keys.PolicyProperties.duration("5w"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
