package org.zonetrust.registrar;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.xbill.DNS.Name;

/**
 * The DS RRset of a domain as each authoritative server of its parent zone serves it, from one
 * round of queries by {@link ParentObserver}.
 *
 * @param domain the child zone's apex
 * @param parentZone the zone holding the delegation (and the DS RRset)
 * @param servers one answer per address of every name server of the parent zone
 */
public record ParentObservation(Name domain, Name parentZone, List<ServerAnswer> servers) {

  /**
   * Checks and copies.
   *
   * @param domain the child zone's apex
   * @param parentZone the parent zone
   * @param servers the answers (copied)
   */
  public ParentObservation {
    Objects.requireNonNull(domain, "domain");
    Objects.requireNonNull(parentZone, "parentZone");
    servers = List.copyOf(servers);
  }

  /**
   * Tells whether every server serves exactly the expected DS set (see {@link
   * ServerAnswer#serves}).
   *
   * @param expected the expected delegation
   * @return true when all servers serve it (false when there is no server)
   */
  public boolean allServe(SecureDelegation expected) {
    return !servers.isEmpty() && servers.stream().allMatch(s -> s.serves(expected));
  }

  /**
   * The DS set all servers agree on, if they do: every server answered (no {@link
   * ServerAnswer.Kind#ERROR}) and served the same DS set (NODATA and NXDOMAIN count as insecure).
   *
   * @return the agreed set, or empty when a server failed or they disagree
   */
  public Optional<SecureDelegation> agreed() {
    SecureDelegation first = null;
    for (ServerAnswer s : servers) {
      if (s.kind() == ServerAnswer.Kind.ERROR) {
        return Optional.empty();
      }
      if (first == null) {
        first = s.delegation();
      } else if (!first.equals(s.delegation())) {
        return Optional.empty();
      }
    }
    return Optional.ofNullable(first);
  }

  /**
   * The largest TTL with which a server serves the DS RRset.
   *
   * @return the TTL in seconds, or empty when no server serves a DS RRset
   */
  public OptionalLong largestDsTtl() {
    return servers.stream()
        .filter(s -> s.kind() == ServerAnswer.Kind.DS)
        .mapToLong(ServerAnswer::dsTtl)
        .max();
  }

  /** Several lines: the domain, its parent zone, then one line per server. */
  @Override
  public String toString() {
    StringBuilder b =
        new StringBuilder("DS of ").append(domain).append(" in ").append(parentZone).append(':');
    for (ServerAnswer s : servers) {
      b.append("\n  ").append(s);
    }
    return b.toString();
  }
}
