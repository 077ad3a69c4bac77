package org.zonetrust.registrar.internal.epp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.zonetrust.registrar.internal.epp.EppFaultTest.assertFails;

import java.net.URI;
import java.security.KeyStore;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.zonetrust.registrar.RegistrarConfig;
import org.zonetrust.registrar.RegistrarException;
import org.zonetrust.registrar.RegistrarException.Reason;
import org.zonetrust.registrar.spi.Capabilities.DataKind;

/** The {@code epp://} URI and its settings. */
class EppOptionsTest {

  private static RegistrarConfig config(String uri) throws Exception {
    KeyStore empty = KeyStore.getInstance("PKCS12");
    empty.load(null, null);
    return RegistrarConfig.builder(URI.create(uri)).setting("keyStore", empty).build();
  }

  @Test
  void defaults() throws Exception {
    EppOptions o = EppOptions.of(config("epp://epp.registry.example?clid=platform"));
    assertThat(o.port()).isEqualTo(700);
    assertThat(o.clientId()).isEqualTo("platform");
    assertThat(o.keyData()).isFalse();
    assertThat(o.maxFrame()).isEqualTo(1 << 20);
    assertThat(o.readTimeout()).isEqualTo(Duration.ofMinutes(1));
    assertThat(o.trustStore()).isNull();
  }

  @Test
  void keyDataRegistryOffersKeyDataOnly() throws Exception {
    RegistrarConfig c = config("epp://epp.registry.example:7000?clid=platform&data=key");
    try (var epp = new EppProvider().create(c)) {
      assertThat(epp.capabilities().dataKinds()).containsExactly(DataKind.KEY_DATA);
    }
    assertThat(EppOptions.of(c).port()).isEqualTo(7000);
  }

  @Test
  void refusesWrongUris() {
    for (String uri :
        new String[] {
          "epp://epp.registry.example:700",
          "epp://epp.registry.example:700?clid=ab",
          "epp://epp.registry.example:700?clid=platform&data=both",
          "epp://epp.registry.example:700?clid=platform&pw=oops",
          "epp:///nohost?clid=platform"
        }) {
      RegistrarException e = assertFails(() -> EppOptions.of(config(uri)), Reason.CONFIGURATION);
      assertThat(e.getMessage()).as(uri).isNotBlank();
    }
  }

  @Test
  void providerAcceptsOnlyEpp() throws Exception {
    assertThat(new EppProvider().accepts(config("epp://h?clid=platform"))).isTrue();
    assertThat(new EppProvider().accepts(config("EPP://h?clid=platform"))).isTrue();
    assertThat(new EppProvider().accepts(config("https://h/api"))).isFalse();
  }

  @Test
  void toStringHasNoSecrets() throws Exception {
    try (var epp = new EppProvider().create(config("epp://h?clid=platform"))) {
      assertThat(epp.toString()).isEqualTo("EppDsUpdater[h:700, clid platform]");
    }
  }
}
