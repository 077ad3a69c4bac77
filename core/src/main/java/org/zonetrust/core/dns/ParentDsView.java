package org.zonetrust.core.dns;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.xbill.DNS.DSRecord;
import org.xbill.DNS.Name;

/**
 * What the authoritative servers of a parent zone serve as the DS RRset of a child, as seen by
 * {@link ParentDsChannel#observe}.
 *
 * @param zone the child zone's apex
 * @param agreed the DS set every server answered, if they all answered and agree (an empty set
 *     means no DS: an insecure delegation); empty if a server failed or two servers differ
 * @param detail one line per server for logs and events: its address and what it answered
 * @param dsTtl the largest TTL, in seconds, with which a server serves the DS RRset; empty when no
 *     server serves one or the channel cannot tell. A key manager whose policy assumes a shorter DS
 *     TTL must not count on the view: caches may hold the DS longer than it plans for.
 */
public record ParentDsView(
    Name zone, Optional<Set<DSRecord>> agreed, String detail, OptionalLong dsTtl) {

  /**
   * Copies the set and checks that nothing is null or negative.
   *
   * @param zone the child zone's apex
   * @param agreed the set every server agrees on, or empty
   * @param detail what each server answered
   * @param dsTtl the largest DS TTL served, or empty
   */
  public ParentDsView {
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(agreed, "agreed");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(dsTtl, "dsTtl");
    if (dsTtl.isPresent() && dsTtl.getAsLong() < 0) {
      throw new IllegalArgumentException("negative DS TTL: " + dsTtl.getAsLong());
    }
    agreed = agreed.map(Set::copyOf);
  }

  /**
   * A view whose channel cannot tell the DS TTL.
   *
   * @param zone the child zone's apex
   * @param agreed the set every server agrees on, or empty
   * @param detail what each server answered
   */
  public ParentDsView(Name zone, Optional<Set<DSRecord>> agreed, String detail) {
    this(zone, agreed, detail, OptionalLong.empty());
  }

  /**
   * Tells whether every server serves exactly {@code expected} (compared without TTLs).
   *
   * @param expected the DS set to look for
   * @return true if all servers agree on that set
   */
  public boolean allServe(Set<DSRecord> expected) {
    return agreed.map(s -> s.equals(Set.copyOf(expected))).orElse(false);
  }
}
