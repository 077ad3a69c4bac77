package org.zonetrust.dnssec;

import java.util.List;
import java.util.Objects;
import org.xbill.DNS.Name;

/**
 * What {@link ZoneVerifier} found in a signed zone: every problem (not just the first) and how much
 * was checked.
 *
 * @param origin the zone apex
 * @param denial the authenticated denial of existence found: {@code "NSEC"}, {@code "NSEC3"},
 *     {@code "NSEC3 opt-out"} or {@code "none"}
 * @param problems every problem found, in canonical name order; empty when the zone is good
 * @param rrsetsChecked how many authoritative RRsets were checked for signatures
 * @param signaturesChecked how many RRSIG records were checked cryptographically
 */
public record VerificationReport(
    Name origin,
    String denial,
    List<VerificationProblem> problems,
    int rrsetsChecked,
    int signaturesChecked) {

  /**
   * Copies the problem list.
   *
   * @param origin the zone apex
   * @param denial the authenticated denial of existence found
   * @param problems every problem found
   * @param rrsetsChecked how many authoritative RRsets were checked for signatures
   * @param signaturesChecked how many RRSIG records were checked cryptographically
   */
  public VerificationReport {
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(denial, "denial");
    problems = List.copyOf(problems);
  }

  /**
   * Tells whether the zone passed every check.
   *
   * @return true when there are no problems
   */
  public boolean ok() {
    return problems.isEmpty();
  }

  /**
   * A one-line summary, e.g. {@code "example.com.: OK (NSEC3), 42 RRsets, 50 signatures verified"}
   * or {@code "example.com.: 3 problems (NSEC), 42 RRsets, 50 signatures checked"}.
   *
   * @return the summary
   */
  public String summary() {
    String counts = rrsetsChecked + " RRsets, " + signaturesChecked + " signatures";
    if (ok()) {
      return origin + ": OK (" + denial + "), " + counts + " verified";
    }
    int n = problems.size();
    return origin
        + ": "
        + n
        + (n == 1 ? " problem (" : " problems (")
        + denial
        + "), "
        + counts
        + " checked";
  }
}
