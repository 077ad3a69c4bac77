package org.zonetrust.acme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.zonetrust.acme.internal.RecordCodec;

class CertificateRecordTest {
  private static final Instant NB = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant NA = NB.plus(Duration.ofDays(90));

  @Test
  void roundTripsThroughTheStoreFormat() throws Exception {
    CertificateRecord bare = CertificateRecord.of("shop", List.of("shop.test"), NB, NA, null);
    CertificateRecord full =
        CertificateRecord.of("shop", List.of("shop.test", "*.shop.test"), NB, NA, "aGk.AQID")
            .withProfile("tlsserver")
            .withWindow(new RenewalWindow(NB.plusSeconds(5), NB.plusSeconds(9)), NB.plusSeconds(60))
            .withPlannedRenewal(NB.plusSeconds(7))
            .withFailure("urn:x: broke\nacross lines", NB.plusSeconds(99), true);
    for (CertificateRecord r : List.of(bare, full)) {
      byte[] bytes = RecordCodec.encode(r);
      assertThat(RecordCodec.decode("acme/certificates/shop", bytes)).isEqualTo(r);
    }
    assertThat(full.lastFailure()).isEqualTo("urn:x: broke across lines");
    assertThat(full.replacesRejected()).isTrue();
    assertThat(new String(RecordCodec.encode(full), StandardCharsets.UTF_8))
        .startsWith("format=certificate-record/1\n");
  }

  @Test
  void corruptValuesAreReportedWithTheirKeyOnly() {
    assertThatThrownBy(
            () ->
                RecordCodec.decode(
                    "acme/certificates/x", "format=other/1\n".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(AcmeException.class)
        .hasMessageContaining("acme/certificates/x");
    assertThatThrownBy(
            () ->
                RecordCodec.decode(
                    "acme/certificates/x",
                    "format=certificate-record/1\nid=x\nno equals sign\n"
                        .getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("line 3");
    assertThatThrownBy(
            () ->
                RecordCodec.decode(
                    "acme/certificates/x",
                    "format=certificate-record/1\nid=x\nnames=a.test\n"
                        .getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("lacks field notBefore");
  }

  @Test
  void validation() {
    assertThatThrownBy(() -> CertificateRecord.of("a/b", List.of("a.test"), NB, NA, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CertificateRecord.of("a", List.of(), NB, NA, null))
        .hasMessageContaining("no names");
    assertThatThrownBy(() -> CertificateRecord.of("a", List.of("a.test"), NA, NB, null))
        .hasMessageContaining("not after notBefore");
    assertThatThrownBy(() -> CertificateRecord.of("a", List.of("a b.test"), NB, NA, null))
        .hasMessageContaining("not a DNS name");
    assertThatThrownBy(() -> CertificateRecord.of("a", List.of("a.test"), NB, NA, "x\ny"))
        .hasMessageContaining("ARI certID");
    assertThatThrownBy(
            () -> CertificateRecord.of("a", List.of("a.test"), NB, NA, null).withProfile("a,b"))
        .hasMessageContaining("profile");
    assertThatThrownBy(() -> new RenewalWindow(NB, NB)).hasMessageContaining("not after");
  }
}
