package org.zonetrust.dnssec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.zonetrust.dnssec.DifficultZones.Shape;
import org.zonetrust.dnssec.ZoneVerifiers.Verdicts;

/**
 * The corpus itself is sound: every difficult zone, signed by BIND's {@code dnssec-signzone} (ECDSA
 * P-256) in each denial mode, passes all three verifiers. Without this baseline a rejection of our
 * signer's output could be the corpus's fault.
 *
 * <p>The escaped labels here leave out the printable specials such as {@code = , # ? { }} ({@link
 * DifficultZones.Labels#PEER_SAFE}): BIND writes them unescaped in its signed output, and
 * kzonecheck 3.2 cannot read that file ("invalid domain name character"), so the peer-signed zone
 * would fail for a reason that is BIND's, not the corpus's. {@link ZoneTrustCorpusIT} signs the
 * corpus with them: ZoneTrust writes every such octet as {@code \DDD}.
 */
class PeerCorpusIT {
  static final long SEED = 2026;

  static List<Arguments> zonesAndModes() {
    List<Arguments> cases = new ArrayList<>();
    for (Shape shape : Shape.values()) {
      for (DenialMode mode : DenialMode.values()) {
        cases.add(Arguments.of(shape, mode));
      }
    }
    return cases;
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("zonesAndModes")
  void peerSignedCorpusIsAcceptedByAllThree(Shape shape, DenialMode mode, @TempDir Path dir) {
    TestZone zone =
        DifficultZones.generate(
            shape,
            shape.corpusOrigin(),
            shape.corpusNameServer(),
            1,
            SEED,
            DifficultZones.Labels.PEER_SAFE);
    Path signed = PeerSigner.reference(dir, zone, DnssecAlgorithm.ECDSAP256SHA256, mode);

    Verdicts verdicts =
        ZoneVerifiers.verify("peer-signed " + shape + " " + mode, dir, zone.origin(), signed);

    assertThat(verdicts.rejecting()).as(verdicts::report).isEmpty();
  }
}
