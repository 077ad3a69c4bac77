package org.zonetrust.dnssec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * Signs a {@link TestZone} with ZoneTrust's {@link ZoneSigner} and writes the master file for the
 * verifiers. The clock is the system clock: {@code dnssec-verify} and Unbound judge signature
 * validity against the current time and cannot be told another one.
 */
final class ZoneTrustSigning {
  private ZoneTrustSigning() {}

  /** A KSK and a ZSK of {@code algorithm} for the zone. */
  static List<SigningKey> keys(TestZone zone, DnssecAlgorithm algorithm) {
    return List.of(
        SigningKey.generate(zone.origin(), algorithm, KeyRole.KSK),
        SigningKey.generate(zone.origin(), algorithm, KeyRole.ZSK));
  }

  static Denial denial(DenialMode mode) {
    return switch (mode) {
      case NSEC -> Denial.nsec();
      case NSEC3 -> Denial.nsec3();
      case NSEC3_OPT_OUT -> Denial.nsec3OptOut();
    };
  }

  static SignedZone sign(TestZone zone, List<SigningKey> keys, DenialMode mode) {
    try {
      return ZoneSigner.builder()
          .keys(keys)
          .clock(Clock.systemUTC())
          .denial(denial(mode))
          .threads(2)
          .build()
          .sign(zone.origin(), zone.records());
    } catch (DnssecException e) {
      throw new AssertionError("ZoneSigner refused " + zone + " (" + mode + "): " + e, e);
    }
  }

  /** Signs with fresh keys and writes {@code <dir>/<id>-<alg>-<mode>.signed}. */
  static Path signToFile(Path dir, TestZone zone, DnssecAlgorithm algorithm, DenialMode mode) {
    return write(dir, zone, algorithm, mode, sign(zone, keys(zone, algorithm), mode));
  }

  static Path write(
      Path dir, TestZone zone, DnssecAlgorithm algorithm, DenialMode mode, SignedZone signed) {
    Path file = dir.resolve(zone.id() + "-" + algorithm.code() + "-" + mode + ".signed");
    try {
      signed.writeMasterFile(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }
}
