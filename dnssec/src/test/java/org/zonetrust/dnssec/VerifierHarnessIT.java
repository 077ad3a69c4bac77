package org.zonetrust.dnssec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;
import org.zonetrust.dnssec.DifficultZones.Shape;
import org.zonetrust.dnssec.ZoneVerifiers.Verdicts;
import org.zonetrust.dnssec.ZoneVerifiers.Verifier;

/**
 * Proves the verifier harness before it judges our signer: zones signed by BIND's {@code
 * dnssec-signzone} (keys from {@code dnssec-keygen}) pass all three verifiers, for every algorithm
 * and denial mode, and one flipped bit in one signature makes all three reject.
 */
class VerifierHarnessIT {
  private static final long SEED = 6;

  @ParameterizedTest
  @EnumSource(DenialMode.class)
  void zonesSignedByDnssecSignzoneAreAcceptedByAllThree(DenialMode mode, @TempDir Path dir) {
    TestZone zone = kitchenSink();
    Path signed = PeerSigner.dnssecSignzone(dir, zone, DnssecAlgorithm.ECDSAP256SHA256, mode);

    Verdicts verdicts =
        ZoneVerifiers.verify("BIND-signed sink P-256 " + mode, dir, zone.origin(), signed);

    assertThat(verdicts.rejecting()).as(verdicts::report).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(DnssecAlgorithm.class)
  void everyAlgorithmIsUnderstoodByAllThree(DnssecAlgorithm algorithm, @TempDir Path dir) {
    TestZone zone = kitchenSink();
    Path signed = PeerSigner.dnssecSignzone(dir, zone, algorithm, DenialMode.NSEC3);

    Verdicts verdicts =
        ZoneVerifiers.verify(
            "BIND-signed sink " + algorithm + " NSEC3", dir, zone.origin(), signed);

    assertThat(verdicts.rejecting()).as(verdicts::report).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(DenialMode.class)
  void oneFlippedBitInOneSignatureIsRejectedByAllThree(DenialMode mode, @TempDir Path dir) {
    TestZone zone = kitchenSink();
    Path signed = PeerSigner.dnssecSignzone(dir, zone, DnssecAlgorithm.ECDSAP256SHA256, mode);
    Name www = Name.fromConstantString("www." + zone.origin());
    List<Record> corrupted =
        SignedZoneFiles.corruptSignature(SignedZoneFiles.read(signed, zone.origin()), www, Type.A);
    Path bad = SignedZoneFiles.write(dir.resolve("corrupted.zone"), corrupted);
    // The rewritten file without the damage passes: the rejection is due to the one bit.
    Path rewritten =
        SignedZoneFiles.write(
            dir.resolve("rewritten.zone"), SignedZoneFiles.read(signed, zone.origin()));
    Verdicts intact = ZoneVerifiers.verify("rewritten " + mode, dir, zone.origin(), rewritten);
    assertThat(intact.rejecting()).as(intact::report).isEmpty();

    Verdicts verdicts = ZoneVerifiers.verify("corrupted www A " + mode, dir, zone.origin(), bad);

    assertThat(verdicts.accepting()).as(verdicts::report).isEmpty();
    assertThat(verdicts.verdicts())
        .as(verdicts::report)
        .allSatisfy(
            v ->
                assertThat(v.result().output())
                    .containsIgnoringCase(
                        v.verifier() == Verifier.KZONECHECK ? "signature" : "www"));
  }

  private static TestZone kitchenSink() {
    return DifficultZones.generate(
        Shape.KITCHEN_SINK,
        Shape.KITCHEN_SINK.corpusOrigin(),
        Shape.KITCHEN_SINK.corpusNameServer(),
        1,
        SEED,
        DifficultZones.Labels.PEER_SAFE);
  }
}
