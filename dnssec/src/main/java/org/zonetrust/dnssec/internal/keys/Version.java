package org.zonetrust.dnssec.internal.keys;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * One published version of a family of records: since when it is served, which keys are in it
 * ({@code members}: the DNSKEY RRset, the DS RRset, or the keys signing zone data) and which keys
 * sign it ({@code signers}: only for the DNSKEY family, the keys whose RRSIGs cover the DNSKEY
 * RRset).
 *
 * @param since when it was published (for the DS: when every parent server was seen serving it)
 * @param members the key identifiers in it
 * @param signers the key identifiers signing it (DNSKEY family only; empty otherwise)
 */
public record Version(Instant since, Set<String> members, Set<String> signers) {

  /**
   * Copies the sets.
   *
   * @param since publication time
   * @param members members
   * @param signers signers
   */
  public Version {
    Objects.requireNonNull(since, "since");
    members = Set.copyOf(members);
    signers = Set.copyOf(signers);
  }

  boolean sameContent(Version o) {
    return members.equals(o.members) && signers.equals(o.signers);
  }
}
