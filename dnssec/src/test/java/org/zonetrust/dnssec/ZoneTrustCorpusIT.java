package org.zonetrust.dnssec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;
import org.zonetrust.dnssec.DifficultZones.Shape;
import org.zonetrust.dnssec.ZoneVerifiers.Verdicts;

/**
 * The world accepts what ZoneTrust signs: the difficult-zone corpus, signed by {@link ZoneSigner},
 * must pass {@code dnssec-verify}, {@code ldns-verify-zone} and {@code kzonecheck}.
 *
 * <p>The matrix, and why: the corners of the corpus (names, order, cuts, chains) do not depend on
 * the algorithm, while the signature encodings (RSA, ECDSA r||s, EdDSA) do not depend on the zone.
 * So every zone is signed with ECDSA P-256 in all three denial modes, and the kitchen-sink zone (a
 * little of every corner) and the large-RRset zone (long signed data) with every algorithm in all
 * three modes: 11 x 3 + 2 x 4 x 3 = 57 signed zones, 171 verifier runs, well under a minute on two
 * busy cores. {@link PeerCorpusIT} proves the same corpus signed by a peer passes.
 */
class ZoneTrustCorpusIT {
  private static final Set<Shape> EVERY_ALGORITHM =
      EnumSet.of(Shape.KITCHEN_SINK, Shape.LARGE_RRSETS);

  static List<Arguments> matrix() {
    List<Arguments> cases = new ArrayList<>();
    for (Shape shape : Shape.values()) {
      for (DnssecAlgorithm algorithm : DnssecAlgorithm.values()) {
        if (algorithm != DnssecAlgorithm.ECDSAP256SHA256 && !EVERY_ALGORITHM.contains(shape)) {
          continue;
        }
        for (DenialMode mode : DenialMode.values()) {
          cases.add(Arguments.of(shape, algorithm, mode));
        }
      }
    }
    return cases;
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("matrix")
  void signedCorpusIsAcceptedByAllThree(
      Shape shape, DnssecAlgorithm algorithm, DenialMode mode, @TempDir Path dir) {
    TestZone zone =
        DifficultZones.generate(
            shape, shape.corpusOrigin(), shape.corpusNameServer(), 1, PeerCorpusIT.SEED);
    Path signed = ZoneTrustSigning.signToFile(dir, zone, algorithm, mode);

    Verdicts verdicts =
        ZoneVerifiers.verify(
            "ZoneTrust-signed " + shape + " " + algorithm + " " + mode, dir, zone.origin(), signed);

    assertThat(verdicts.rejecting()).as(verdicts::report).isEmpty();
    // Verifiers do not notice data that went missing: the file must hold every input record.
    assertThat(
            SignedZoneFiles.read(signed, zone.origin()).stream()
                .filter(r -> !DNSSEC_TYPES.contains(r.getType()))
                .toList())
        .as("records of %s in %s", zone, signed)
        .containsExactlyInAnyOrderElementsOf(withoutDuplicates(zone.records()));
  }

  private static final Set<Integer> DNSSEC_TYPES =
      Set.of(Type.RRSIG, Type.NSEC, Type.NSEC3, Type.NSEC3PARAM, Type.DNSKEY);

  /** dnsjava's equality ignores case and TTL, as an RRset does: MiXeD A and mixed A are two. */
  private static List<Record> withoutDuplicates(List<Record> records) {
    return List.copyOf(new java.util.LinkedHashSet<>(records));
  }
}
