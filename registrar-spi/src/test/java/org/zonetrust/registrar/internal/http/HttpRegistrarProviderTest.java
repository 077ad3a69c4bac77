package org.zonetrust.registrar.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;
import org.zonetrust.registrar.RegistrarConfig;
import org.zonetrust.registrar.RegistrarDsUpdater;
import org.zonetrust.registrar.RegistrarDsUpdaters;
import org.zonetrust.registrar.RegistrarException;
import org.zonetrust.registrar.RegistrarException.Reason;
import org.zonetrust.registrar.SecretSource;
import org.zonetrust.registrar.http.HttpApiMapping;
import org.zonetrust.registrar.http.HttpApiMapping.Style;
import org.zonetrust.registrar.spi.Capabilities.DataKind;

class HttpRegistrarProviderTest {
  private final HttpRegistrarProvider provider = new HttpRegistrarProvider();

  private static RegistrarConfig config(String uri) {
    return RegistrarConfig.builder(URI.create(uri))
        .secrets(SecretSource.of(Map.of("token", Fixtures.TOKEN)))
        .build();
  }

  @Test
  void acceptsHttpUrisOnlyWithAStyle() {
    assertThat(provider.accepts(config("https://api.example.net/v1?style=ds-by-id"))).isTrue();
    assertThat(provider.accepts(config("http://127.0.0.1:8080/?style=dnskey"))).isTrue();
    assertThat(provider.accepts(config("https://api.example.net/v1"))).isFalse();
    assertThat(provider.accepts(config("epp://epp.example.net?style=ds-by-id"))).isFalse();
  }

  @Test
  void isFoundThroughTheServiceLoader() throws Exception {
    try (FakeRegistrar server = Fixtures.bearerServer(Style.DNSKEY);
        RegistrarDsUpdater updater =
            RegistrarDsUpdaters.open(
                RegistrarConfig.builder(server.uri(""))
                    .secrets(SecretSource.of(Map.of("token", Fixtures.TOKEN)))
                    .build())) {
      assertThat(updater.capabilities().dataKinds()).containsExactly(DataKind.KEY_DATA);
      assertThat(updater.current(Name.fromConstantString("example.test.")).isInsecure()).isTrue();
    }
  }

  @Test
  void refusesBadConfigurations() {
    assertThatThrownBy(() -> provider.create(config("http://api.example.net/?style=ds-by-id")))
        .isInstanceOf(RegistrarException.class)
        .hasMessageContaining("loopback");
    assertThatThrownBy(() -> provider.create(config("https://api.example.net/?style=other")))
        .hasMessageContaining("unknown style");
    assertThatThrownBy(() -> provider.create(config("https://h/?style=dnskey&auth=basic")))
        .hasMessageContaining("user name");
    assertThatThrownBy(() -> provider.create(config("https://h/?style=dnskey&auth=header")))
        .hasMessageContaining("header=");
    assertThatThrownBy(() -> provider.create(config("https://h/?style=dnskey&maxAttempts=0")))
        .hasMessageContaining("maxAttempts");
    assertThatThrownBy(() -> provider.create(config("https://h/?style=dnskey&retries=3")))
        .satisfies(
            e -> assertThat(((RegistrarException) e).reason()).isEqualTo(Reason.CONFIGURATION));
    RegistrarConfig mismatch =
        RegistrarConfig.builder(URI.create("https://h/?style=dnskey"))
            .setting(HttpApiMapping.SETTING, HttpApiMapping.defaults(Style.REPLACE_SET))
            .build();
    assertThatThrownBy(() -> provider.create(mismatch)).hasMessageContaining("httpMapping");
  }

  @Test
  void customMappingRenamesPathsAndFields() throws Exception {
    HttpApiMapping mapping =
        HttpApiMapping.builder(Style.DS_BY_ID)
            .collectionPath("/zones/{domain}/dnssec-records")
            .itemPath("/zones/{domain}/dnssec-records/{id}")
            .field(HttpApiMapping.KEY_TAG, "key_tag")
            .field(HttpApiMapping.DIGEST_TYPE, "digest_type")
            .build();
    try (FakeRegistrar server = Fixtures.bearerServer(Style.DS_BY_ID)) {
      server.enqueue(
          200,
          Map.of(),
          "[{\"id\":\"a1\",\"key_tag\":12345,\"algorithm\":13,\"digest_type\":2,"
              + "\"digest\":\"0a0B"
              + "0".repeat(60)
              + "\"}]");
      HttpRegistrarDsUpdater updater =
          HttpRegistrarProvider.create(
              RegistrarConfig.builder(server.uri(""))
                  .secrets(SecretSource.of(Map.of("token", Fixtures.TOKEN)))
                  .setting(HttpApiMapping.SETTING, mapping)
                  .build(),
              new Fixtures.RecordingSleeper());

      var current = updater.current(Name.fromConstantString("Example.TEST."));

      assertThat(current.ds()).singleElement().hasToString("12345 13 2 0A0B" + "0".repeat(60));
      assertThat(server.requests().get(0).path())
          .isEqualTo("/api/v1/zones/example.test/dnssec-records");
    }
  }

  @Test
  void mappingValidatesItsInput() {
    assertThatThrownBy(() -> HttpApiMapping.builder(Style.DS_BY_ID).itemPath("/domains/{domain}"))
        .hasMessageContaining("{id}");
    assertThatThrownBy(() -> HttpApiMapping.builder(Style.DS_BY_ID).field("tag", "x"))
        .hasMessageContaining("unknown field");
    assertThatThrownBy(() -> HttpApiMapping.builder(Style.REPLACE_SET).listField(null))
        .hasMessageContaining("list field");
    assertThat(HttpApiMapping.Style.fromToken("replace-set")).contains(Style.REPLACE_SET);
  }
}
