package org.zonetrust.testbed.acme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AriFrontTest {
  private static final String PEBBLE =
      "{\n   \"keyChange\": \"https://127.0.0.1:1/rollover-account-key\",\n"
          + "   \"meta\": {\n      \"externalAccountRequired\": false,\n"
          + "      \"termsOfService\": \"data:text/plain,Do%20what%20thou%20wilt\"\n   },\n"
          + "   \"newNonce\": \"https://127.0.0.1:1/nonce-plz\"\n}";

  @Test
  void addsRenewalInfoAndProfilesAndKeepsEverythingElse() {
    Map<String, String> profiles = new LinkedHashMap<>();
    profiles.put("tlsserver", "say \"hi\"");
    String out = AriFront.augment(PEBBLE, "https://127.0.0.1:2/renewalInfo", profiles);
    assertThat(out)
        .startsWith("{\"renewalInfo\": \"https://127.0.0.1:2/renewalInfo\", ")
        .contains("\"meta\": {\n      \"profiles\": {\"tlsserver\": \"say \\\"hi\\\"\"}, ")
        .contains("\"externalAccountRequired\": false")
        .contains("\"keyChange\": \"https://127.0.0.1:1/rollover-account-key\"")
        .contains("\"newNonce\": \"https://127.0.0.1:1/nonce-plz\"");
  }

  @Test
  void emptyOrMissingMeta() {
    assertThat(AriFront.augment("{\"meta\": {}}", "u", Map.of("a", "b")))
        .isEqualTo("{\"renewalInfo\": \"u\", \"meta\": {\"profiles\": {\"a\": \"b\"}}}");
    assertThat(AriFront.augment("{\"newNonce\": \"n\"}", "u", Map.of()))
        .isEqualTo("{\"renewalInfo\": \"u\", \"meta\": {\"profiles\": {}}, \"newNonce\": \"n\"}");
  }

  @Test
  void refusesADirectoryThatHasRenewalInfoAlready() {
    assertThatThrownBy(() -> AriFront.augment("{\"renewalInfo\": \"x\"}", "u", Map.of()))
        .hasMessageContaining("obsolete");
  }
}
