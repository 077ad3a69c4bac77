package org.zonetrust.benchmarks;

import java.util.Locale;
import org.zonetrust.dnssec.Denial;

/** The denial-of-existence names that {@code compare-signers} uses. */
final class Denials {
  private Denials() {}

  static Denial parse(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "nsec" -> Denial.nsec();
      case "nsec3" -> Denial.nsec3();
      case "nsec3-optout" -> Denial.nsec3OptOut();
      default -> throw new IllegalArgumentException("unknown denial (nsec, nsec3): " + name);
    };
  }
}
