package org.zonetrust.core.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;

class TsigKeyTest {
  private static final String SECRET = "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3I=";

  @Test
  void ofParsesNameAndSecret() {
    TsigKey k = TsigKey.of("update-key", TsigAlgorithm.HMAC_SHA256, SECRET);
    assertThat(k.name()).isEqualTo(Name.fromConstantString("update-key."));
    assertThat(k.secret()).isEqualTo(Base64.getDecoder().decode(SECRET));
    assertThat(k).isEqualTo(TsigKey.of("update-key.", TsigAlgorithm.HMAC_SHA256, SECRET));
    assertThat(k.hashCode())
        .isEqualTo(TsigKey.of("update-key.", TsigAlgorithm.HMAC_SHA256, SECRET).hashCode());
  }

  @Test
  void toStringNeverShowsTheSecret() {
    TsigKey k = TsigKey.of("update-key", TsigAlgorithm.HMAC_SHA512, SECRET);
    assertThat(k.toString())
        .contains("update-key.", "HMAC_SHA512", "hidden")
        .doesNotContain(SECRET)
        .doesNotContain("secret-secret");
  }

  @Test
  void secretIsCopiedInAndOut() {
    byte[] s = {1, 2, 3};
    TsigKey k = new TsigKey(Name.fromConstantString("k."), TsigAlgorithm.HMAC_SHA256, s);
    s[0] = 9;
    k.secret()[1] = 9;
    assertThat(k.secret()).containsExactly(1, 2, 3);
  }

  @Test
  void badBase64IsRejectedWithoutEchoingIt() {
    assertThatThrownBy(() -> TsigKey.of("k", TsigAlgorithm.HMAC_SHA256, "not*base64!"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not valid base64")
        .hasMessageNotContaining("not*base64")
        .hasNoCause();
  }

  @Test
  void emptySecretIsRejected() {
    assertThatThrownBy(() -> TsigKey.of("k", TsigAlgorithm.HMAC_SHA256, ""))
        .hasMessageContaining("empty secret");
  }

  @Test
  void algorithmFromServerConfigName() {
    assertThat(TsigAlgorithm.fromDnsName("hmac-sha256")).isEqualTo(TsigAlgorithm.HMAC_SHA256);
    assertThat(TsigAlgorithm.fromDnsName("HMAC-SHA512.")).isEqualTo(TsigAlgorithm.HMAC_SHA512);
    assertThat(TsigAlgorithm.HMAC_SHA1.dnsName().toString()).isEqualTo("hmac-sha1.");
    assertThatThrownBy(() -> TsigAlgorithm.fromDnsName("hmac-md5"))
        .hasMessageContaining("unsupported TSIG algorithm 'hmac-md5'")
        .hasMessageContaining("hmac-sha256");
  }
}
