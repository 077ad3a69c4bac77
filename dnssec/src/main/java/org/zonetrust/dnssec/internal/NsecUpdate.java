package org.zonetrust.dnssec.internal;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/**
 * Brings the NSEC chain up to date after the names in a set changed: the NSEC records of the
 * changed names that are members, and of the member before each changed name.
 */
final class NsecUpdate {
  private final ZoneState state;
  private final long ttl;

  NsecUpdate(ZoneState state, long ttl) {
    this.state = state;
    this.ttl = ttl;
  }

  /** Updates the chain; every NSEC RRset that changed goes to {@code resign}. */
  void update(Set<Name> touched, BiConsumer<Name, RRsetEntry> resign) {
    Set<Name> positions = new TreeSet<>();
    for (Name t : touched) {
      Node n = state.names.get(t);
      if (n != null && Chains.nsecMember(n)) {
        positions.add(t);
      } else if (n != null) {
        n.remove(Type.NSEC);
      }
      Name pred = predecessor(t);
      if (pred != null) {
        positions.add(pred);
      }
    }
    for (Name p : positions) {
      Node n = state.names.get(p);
      if (n == null) {
        continue;
      }
      RRsetEntry e = Chains.entry(Chains.nsec(n, successor(p), state.origin(), ttl));
      RRsetEntry old = n.get(Type.NSEC);
      if (old == null || !old.sameData(e)) {
        n.put(e);
        resign.accept(p, e);
      }
    }
  }

  private @Nullable Name predecessor(Name t) {
    Map.Entry<Name, Node> e = state.names.lowerEntry(t);
    while (e != null && !Chains.nsecMember(e.getValue())) {
      e = state.names.lowerEntry(e.getKey());
    }
    if (e != null) {
      return e.getKey();
    }
    e = state.names.lastEntry();
    while (e != null && !Chains.nsecMember(e.getValue())) {
      e = state.names.lowerEntry(e.getKey());
    }
    return e == null ? null : e.getKey();
  }

  private Name successor(Name p) {
    Map.Entry<Name, Node> e = state.names.higherEntry(p);
    while (e != null && !Chains.nsecMember(e.getValue())) {
      e = state.names.higherEntry(e.getKey());
    }
    return e == null ? state.origin() : e.getKey();
  }
}
