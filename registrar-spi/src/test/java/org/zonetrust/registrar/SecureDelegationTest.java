package org.zonetrust.registrar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.DSRecord;
import org.xbill.DNS.Name;

class SecureDelegationTest {
  private static final Name ZONE = Name.fromConstantString("example.test.");

  @Test
  void fromDnskeysTakesOnlySepKeysInEveryDigestAndMatchesThem() {
    DNSKEYRecord ksk = TestKeys.ksk(ZONE, 1);
    DNSKEYRecord zsk =
        new DNSKEYRecord(ZONE, DClass.IN, 3600, 256, 3, 13, TestKeys.ksk(ZONE, 2).getKey());
    SecureDelegation d = SecureDelegation.fromDnskeys(ZONE, List.of(zsk, ksk), Set.of(4, 2));
    assertThat(d.ds()).hasSize(2).allMatch(ds -> SecureDelegation.matches(ZONE, ds, ksk));
    assertThat(d.ds()).extracting(DsData::digestType).containsExactly(2, 4);
    assertThat(d.keys()).containsExactly(KeyData.of(ksk));
    assertThat(d.ds()).noneMatch(ds -> SecureDelegation.matches(ZONE, ds, zsk));
    assertThat(d.dsOnly().keys()).isEmpty();
    List<DSRecord> records = d.dsRecords(ZONE, 300);
    assertThat(records).hasSize(2).allMatch(r -> r.getTTL() == 300 && r.getName().equals(ZONE));
    assertThat(SecureDelegation.ofDsRecords(records)).isEqualTo(d.dsOnly());
  }

  @Test
  void equalityIsSetEqualityAndInsecureIsEmpty() {
    DsData a = new DsData(1, 13, 2, new byte[32]);
    DsData b = new DsData(2, 13, 2, new byte[32]);
    assertThat(SecureDelegation.ofDs(List.of(a, b)))
        .isEqualTo(SecureDelegation.ofDs(List.of(b, a)));
    assertThat(SecureDelegation.ofDs(List.of(a))).isNotEqualTo(SecureDelegation.ofDs(List.of(b)));
    assertThat(SecureDelegation.insecure().isInsecure()).isTrue();
    assertThat(SecureDelegation.ofDs(List.of(a)).isInsecure()).isFalse();
  }

  @Test
  void refusesKeysWithoutSepOfOtherNamesAndUnknownDigests() {
    DNSKEYRecord zsk = new DNSKEYRecord(ZONE, DClass.IN, 3600, 256, 3, 13, new byte[64]);
    assertThatThrownBy(() -> SecureDelegation.fromDnskeys(ZONE, List.of(zsk), Set.of(2)))
        .hasMessageContaining("SEP");
    Name other = Name.fromConstantString("other.test.");
    assertThatThrownBy(
            () -> SecureDelegation.fromDnskeys(other, List.of(TestKeys.ksk(ZONE, 1)), Set.of(2)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> SecureDelegation.fromDnskeys(ZONE, List.of(TestKeys.ksk(ZONE, 1)), Set.of(3)))
        .hasMessageContaining("digest type 3");
  }

  @Test
  void dsDataAndKeyDataCopyTheirBytesAndCompareByContent() {
    byte[] digest = new byte[32];
    digest[0] = 1;
    DsData d = new DsData(7, 13, 2, digest);
    digest[0] = 9;
    assertThat(d.digest()[0]).isEqualTo((byte) 1);
    d.digest()[1] = 9;
    byte[] same = new byte[32];
    same[0] = 1;
    assertThat(d)
        .isEqualTo(new DsData(7, 13, 2, same))
        .hasSameHashCodeAs(new DsData(7, 13, 2, same));
    assertThat(d.toString()).startsWith("7 13 2 0100").hasSize("7 13 2 ".length() + 64);
    assertThat(DsData.of(d.toRecord(ZONE, 60))).isEqualTo(d);
    assertThatThrownBy(() -> new DsData(70000, 13, 2, digest))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new DsData(1, 13, 2, new byte[0]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new DsData(1, 13, 2, new byte[3]))
        .hasMessageContaining("32 bytes, not 3");
    assertThatThrownBy(() -> new DsData(1, 13, 4, new byte[32]))
        .hasMessageContaining("48 bytes, not 32");
    KeyData k = KeyData.of(TestKeys.ksk(ZONE, 3));
    assertThat(KeyData.of(k.toRecord(ZONE, 60))).isEqualTo(k).hasSameHashCodeAs(k);
    assertThat(k.toString()).startsWith("257 3 13 ");
  }
}
