package org.zonetrust.registrar.internal.cds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.CDNSKEYRecord;
import org.xbill.DNS.CDSRecord;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.Name;
import org.zonetrust.core.dns.DnsChange;
import org.zonetrust.core.dns.DnsUpdate;
import org.zonetrust.registrar.DsUpdateResult;
import org.zonetrust.registrar.RegistrarConfig;
import org.zonetrust.registrar.RegistrarDsUpdater;
import org.zonetrust.registrar.RegistrarDsUpdaters;
import org.zonetrust.registrar.RegistrarException;
import org.zonetrust.registrar.SecureDelegation;
import org.zonetrust.registrar.TestKeys;

class CdsDsUpdaterTest {
  private static final Name ZONE = Name.fromConstantString("child.example.");

  @Test
  void publishesOneCdsPerDsAndOneCdnskeyPerKeyReplacingBothRrsets() throws Exception {
    List<DnsUpdate> sent = new ArrayList<>();
    DNSKEYRecord ksk = TestKeys.ksk(ZONE, 5);
    SecureDelegation desired = SecureDelegation.fromDnskeys(ZONE, List.of(ksk), Set.of(2, 4));
    try (RegistrarDsUpdater cds =
        RegistrarDsUpdaters.open(
            RegistrarConfig.builder(URI.create("cds:?"))
                .setting("dnsUpdater", (org.zonetrust.core.dns.DnsUpdater) sent::add)
                .build())) {
      DsUpdateResult r = cds.converge(ZONE, desired);
      assertThat(r.status()).isEqualTo(DsUpdateResult.Status.PENDING);
    }
    assertThat(sent).hasSize(1);
    DnsUpdate u = sent.get(0);
    assertThat(u.zone()).isEqualTo(ZONE);
    assertThat(u.changes()).filteredOn(c -> c instanceof DnsChange.DeleteRRset).hasSize(2);
    List<Object> added =
        u.changes().stream()
            .filter(c -> c instanceof DnsChange.Add)
            .map(c -> (Object) ((DnsChange.Add) c).record())
            .toList();
    assertThat(added).hasSize(3);
    assertThat(added).filteredOn(r -> r instanceof CDSRecord).hasSize(2);
    assertThat(added)
        .filteredOn(r -> r instanceof CDNSKEYRecord)
        .singleElement()
        .satisfies(r -> assertThat(((CDNSKEYRecord) r).getKey()).isEqualTo(ksk.getKey()));
  }

  @Test
  void deleteFalseRefusesGoingInsecureAndUnknownParametersAreConfigurationErrors() {
    RegistrarConfig noDelete =
        RegistrarConfig.builder(URI.create("cds:?delete=false"))
            .setting("dnsUpdater", (org.zonetrust.core.dns.DnsUpdater) u -> {})
            .build();
    assertThatThrownBy(
            () -> RegistrarDsUpdaters.open(noDelete).converge(ZONE, SecureDelegation.insecure()))
        .isInstanceOfSatisfying(
            RegistrarException.class,
            e -> assertThat(e.reason()).isEqualTo(RegistrarException.Reason.UNSUPPORTED));
    assertThatThrownBy(
            () -> RegistrarDsUpdaters.open(RegistrarConfig.builder(URI.create("cds:?x=1")).build()))
        .isInstanceOfSatisfying(
            RegistrarException.class,
            e -> assertThat(e.reason()).isEqualTo(RegistrarException.Reason.CONFIGURATION));
    assertThatThrownBy(
            () -> RegistrarDsUpdaters.open(RegistrarConfig.builder(URI.create("cds:?")).build()))
        .hasMessageContaining("dnsUpdater");
  }
}
