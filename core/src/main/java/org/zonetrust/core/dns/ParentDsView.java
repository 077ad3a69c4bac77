package org.zonetrust.core.dns;

import java.util.Objects;
import java.util.Optional;
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
 */
public record ParentDsView(Name zone, Optional<Set<DSRecord>> agreed, String detail) {

  /**
   * Copies the set and checks that nothing is null.
   *
   * @param zone the child zone's apex
   * @param agreed the set every server agrees on, or empty
   * @param detail what each server answered
   */
  public ParentDsView {
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(agreed, "agreed");
    Objects.requireNonNull(detail, "detail");
    agreed = agreed.map(Set::copyOf);
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
