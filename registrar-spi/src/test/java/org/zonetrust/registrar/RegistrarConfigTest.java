package org.zonetrust.registrar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;
import org.zonetrust.registrar.spi.Capabilities;

class RegistrarConfigTest {

  @Test
  void refusesPasswordsInTheUriAndNeverPrintsSecrets() {
    assertThatThrownBy(
            () -> RegistrarConfig.builder(URI.create("epp://user:hunter2@epp.example:700")).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("hunter2");
    RegistrarConfig c =
        RegistrarConfig.builder(URI.create("dnsupdate://127.0.0.1:53?key=k."))
            .secrets(SecretSource.of(Map.of("tsig", "c2VjcmV0")))
            .setting("timeoutSeconds", 5)
            .build();
    assertThat(c.toString()).doesNotContain("c2VjcmV0");
    assertThat(c.setting("timeoutSeconds", Integer.class)).contains(5);
    assertThatThrownBy(() -> c.setting("timeoutSeconds", String.class))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(c.secrets().secret("tsig")).hasValueSatisfying(s -> assertThat(s).hasSize(8));
    assertThat(c.secrets().secret("other")).isEmpty();
  }

  @Test
  void discoveryFindsExactlyOneAdapterPerSchemeAndRefusesUnknownSchemes() throws Exception {
    try (RegistrarDsUpdater u =
        RegistrarDsUpdaters.open(
            RegistrarConfig.builder(URI.create("dnsupdate://127.0.0.1:53")).build())) {
      assertThat(u.capabilities().digestTypes()).containsExactlyInAnyOrder(2, 4);
      assertThat(u.capabilities().canRemoveAll()).isTrue();
    }
    try (RegistrarDsUpdater u =
        RegistrarDsUpdaters.open(
            RegistrarConfig.builder(URI.create("dnsupdate://127.0.0.1:53?sha1=true")).build())) {
      assertThat(u.capabilities().digestTypes()).containsExactlyInAnyOrder(1, 2, 4);
    }
    assertThatThrownBy(
            () -> RegistrarDsUpdaters.open(RegistrarConfig.builder(URI.create("nope:x")).build()))
        .isInstanceOfSatisfying(
            RegistrarException.class,
            e -> assertThat(e.reason()).isEqualTo(RegistrarException.Reason.CONFIGURATION))
        .hasMessageContaining("nope");
    assertThatThrownBy(
            () ->
                RegistrarDsUpdaters.open(
                    RegistrarConfig.builder(URI.create("dnsupdate://127.0.0.1:53?key=k.")).build()))
        .hasMessageContaining("\"tsig\"");
    assertThatThrownBy(
            () ->
                RegistrarDsUpdaters.open(
                    RegistrarConfig.builder(URI.create("dnsupdate://127.0.0.1:53?colour=red"))
                        .build()))
        .hasMessageContaining("colour");
  }

  @Test
  void capabilitiesRefuseWhatDoesNotFit() throws Exception {
    Capabilities caps =
        new Capabilities(Set.of(Capabilities.DataKind.DS_DATA), Set.of(2), 1, false);
    DsData sha384 = new DsData(1, 13, 4, new byte[48]);
    DsData sha256 = new DsData(1, 13, 2, new byte[32]);
    DsData other = new DsData(2, 13, 2, new byte[32]);
    caps.check("x.", SecureDelegation.ofDs(List.of(sha256)));
    for (SecureDelegation bad :
        List.of(
            SecureDelegation.insecure(),
            SecureDelegation.ofDs(List.of(sha384)),
            SecureDelegation.ofDs(List.of(sha256, other)))) {
      assertThatThrownBy(() -> caps.check("x.", bad))
          .isInstanceOfSatisfying(
              RegistrarException.class,
              e -> assertThat(e.reason()).isEqualTo(RegistrarException.Reason.UNSUPPORTED));
    }
    assertThatThrownBy(() -> new Capabilities(Set.of(), Set.of(2), 1, true))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(Name.root.isAbsolute()).isTrue();
  }
}
