package org.zonetrust.dnssec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.Name;
import org.zonetrust.testbed.Tools;

/**
 * Runs the three independent zone verifiers on a signed zone file and collects every verdict.
 *
 * <ul>
 *   <li>{@code dnssec-verify -o ORIGIN FILE} (BIND 9.18): every RRset signed by every algorithm of
 *       the DNSKEY RRset, DNSKEY signed by a KSK, NSEC/NSEC3 chain complete. It has no time option:
 *       signatures must be valid at the wall clock time.
 *   <li>{@code ldns-verify-zone FILE} (ldns 1.8): signatures and chain; signatures must be valid
 *       now (no {@code -t}: like the other two, the check is against the wall clock; {@code
 *       -e}/{@code -i} are not used because they judge validity policy, not correctness).
 *   <li>{@code kzonecheck -o ORIGIN -d on FILE} (Knot 3.2): zone semantics (glue, CNAME, DNAME)
 *       and, with {@code -d on}, DNSSEC (signatures, NSEC/NSEC3 chain), also at the current time.
 * </ul>
 *
 * A verifier accepts when it exits with 0.
 */
final class ZoneVerifiers {
  private ZoneVerifiers() {}

  /** One of the three verifiers. */
  enum Verifier {
    DNSSEC_VERIFY,
    LDNS_VERIFY_ZONE,
    KZONECHECK;

    Tools.Result run(Path workDir, Name origin, Path file) {
      String zone = origin.toString();
      String path = file.toAbsolutePath().toString();
      return switch (this) {
        case DNSSEC_VERIFY -> Tools.run(workDir, "dnssec-verify", "-o", zone, path);
        case LDNS_VERIFY_ZONE -> Tools.run(workDir, "ldns-verify-zone", path);
        case KZONECHECK -> Tools.run(workDir, "kzonecheck", "-o", zone, "-d", "on", path);
      };
    }
  }

  /**
   * What one verifier said.
   *
   * @param verifier which one
   * @param result its exit code and output
   */
  record Verdict(Verifier verifier, Tools.Result result) {
    boolean accepted() {
      return result.ok();
    }
  }

  /**
   * The verdicts of all three verifiers on one signed zone.
   *
   * @param subject what was verified, e.g. {@code wildcards ECDSAP256SHA256 NSEC3}
   * @param verdicts one per verifier
   */
  record Verdicts(String subject, List<Verdict> verdicts) {
    Verdicts {
      verdicts = List.copyOf(verdicts);
    }

    List<Verifier> rejecting() {
      return verdicts.stream().filter(v -> !v.accepted()).map(Verdict::verifier).toList();
    }

    List<Verifier> accepting() {
      return verdicts.stream().filter(Verdict::accepted).map(Verdict::verifier).toList();
    }

    /** Every verifier's command, exit code and output: the assertion message. */
    String report() {
      StringBuilder out = new StringBuilder(subject).append(":\n");
      for (Verdict v : verdicts) {
        out.append("--- ")
            .append(v.verifier())
            .append(v.accepted() ? " accepted" : " REJECTED")
            .append(" (exit ")
            .append(v.result().exitCode())
            .append("): ")
            .append(String.join(" ", v.result().command()))
            .append('\n')
            .append(v.result().output().strip())
            .append('\n');
      }
      return out.toString();
    }
  }

  /** Runs all three verifiers on {@code signedZone} (absolute or relative to {@code workDir}). */
  static Verdicts verify(String subject, Path workDir, Name origin, Path signedZone) {
    List<Verdict> verdicts = new ArrayList<>();
    for (Verifier verifier : Verifier.values()) {
      verdicts.add(new Verdict(verifier, verifier.run(workDir, origin, signedZone)));
    }
    return new Verdicts(subject, verdicts);
  }
}
