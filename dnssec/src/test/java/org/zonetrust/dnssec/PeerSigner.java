package org.zonetrust.dnssec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.zonetrust.testbed.Tools;

/**
 * Signs a {@link TestZone} with a peer's command-line signer, one KSK and one ZSK: the reference
 * output that proves the verifier harness and the corpus.
 */
final class PeerSigner {
  private static final Duration TIMEOUT = Duration.ofMinutes(2);

  private PeerSigner() {}

  /**
   * Signs with {@code dnssec-signzone}, or with {@code ldns-signzone} where BIND cannot: BIND 9.18
   * proves the absence of a wildcard by hashing {@code *.NAME} and stops with "name too long" on an
   * NSEC3 zone holding a name of more than 253 octets.
   */
  static Path reference(Path workDir, TestZone zone, DnssecAlgorithm algorithm, DenialMode mode) {
    boolean tooLongForBind =
        mode != DenialMode.NSEC
            && zone.records().stream().anyMatch(r -> r.getName().length() > 253);
    return tooLongForBind
        ? ldnsSignzone(workDir, zone, algorithm, mode)
        : dnssecSignzone(workDir, zone, algorithm, mode);
  }

  /**
   * Keys from {@code dnssec-keygen}, signed by {@code dnssec-signzone -S}; returns the file. The
   * keys are made once per zone id, algorithm and mode under {@code workDir}: signing a new version
   * of the same zone there re-uses them (so its DS stays valid).
   */
  static Path dnssecSignzone(
      Path workDir, TestZone zone, DnssecAlgorithm algorithm, DenialMode mode) {
    Path dir = directory(workDir, "bind", zone, algorithm, mode);
    String origin = zone.origin().toString();
    for (boolean ksk : hasKeys(dir) ? new boolean[0] : new boolean[] {true, false}) {
      List<String> args = new ArrayList<>(List.of("-q", "-K", dir.toString()));
      args.addAll(List.of("-a", algorithm.mnemonic()));
      if (algorithm == DnssecAlgorithm.RSASHA256) {
        args.addAll(List.of("-b", "2048"));
      }
      if (ksk) {
        args.addAll(List.of("-f", "KSK"));
      }
      args.addAll(List.of("-n", "ZONE", origin));
      Tools.run(dir, TIMEOUT, "dnssec-keygen", args).requireOk();
    }
    Path unsigned = zone.write(dir);
    Path signed = dir.resolve(zone.id() + ".signed");
    List<String> args =
        new ArrayList<>(List.of("-S", "-K", dir.toString(), "-o", origin, "-f", signed.toString()));
    args.addAll(List.of("-n", "1", "-P")); // -P: no post-sign self-check, the verifiers do that
    args.addAll(mode.signzoneArgs());
    args.add(unsigned.toString());
    Tools.run(dir, TIMEOUT, "dnssec-signzone", args).requireOk();
    return signed;
  }

  /** Keys from {@code ldns-keygen}, signed by {@code ldns-signzone} (NSEC3: no salt, 0 extra). */
  static Path ldnsSignzone(
      Path workDir, TestZone zone, DnssecAlgorithm algorithm, DenialMode mode) {
    Path dir = directory(workDir, "ldns", zone, algorithm, mode);
    String origin = zone.origin().toString();
    List<String> args = new ArrayList<>(List.of("-o", origin));
    Path signed = dir.resolve(zone.id() + ".signed");
    args.addAll(List.of("-f", signed.toString()));
    args.addAll(
        switch (mode) {
          case NSEC -> List.<String>of();
          case NSEC3 -> List.of("-n", "-t", "0", "-s", "");
          case NSEC3_OPT_OUT -> List.of("-n", "-t", "0", "-s", "", "-p");
        });
    args.add(zone.write(dir).toString());
    for (boolean ksk : new boolean[] {true, false}) {
      List<String> keygen = new ArrayList<>(List.of("-a", algorithm.mnemonic()));
      if (algorithm == DnssecAlgorithm.RSASHA256) {
        keygen.addAll(List.of("-b", "2048"));
      }
      if (ksk) {
        keygen.add("-k");
      }
      keygen.add(origin);
      args.add(Tools.run(dir, TIMEOUT, "ldns-keygen", keygen).requireOk().output().strip());
    }
    Tools.run(dir, TIMEOUT, "ldns-signzone", args).requireOk();
    return signed;
  }

  private static boolean hasKeys(Path dir) {
    try (var files = Files.list(dir)) {
      return files.anyMatch(f -> f.getFileName().toString().endsWith(".private"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path directory(
      Path workDir, String tool, TestZone zone, DnssecAlgorithm algorithm, DenialMode mode) {
    try {
      return Files.createDirectories(
          workDir.resolve(tool + "-" + zone.id() + "-" + algorithm.code() + "-" + mode));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
