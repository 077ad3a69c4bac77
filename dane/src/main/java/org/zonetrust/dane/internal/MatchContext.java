package org.zonetrust.dane.internal;

import java.security.cert.TrustAnchor;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * What matching needs besides the records and the chain.
 *
 * @param referenceNames the reference identifiers for name checks (DANE-TA, PKIX usages)
 * @param smtp whether this is SMTP, where usages 0 and 1 are unusable (RFC 7672 section 3.1.3)
 * @param now the time for expiry checks (DANE-TA, PKIX usages)
 * @param pkixAnchors the trust anchors for PKIX usages 0 and 1
 */
public record MatchContext(
    List<String> referenceNames, boolean smtp, Instant now, Set<TrustAnchor> pkixAnchors) {
  /**
   * Copies the collections.
   *
   * @param referenceNames the reference identifiers
   * @param smtp whether this is SMTP
   * @param now the time for expiry checks
   * @param pkixAnchors the PKIX trust anchors
   */
  public MatchContext {
    referenceNames = List.copyOf(referenceNames);
    pkixAnchors = Set.copyOf(pkixAnchors);
  }
}
