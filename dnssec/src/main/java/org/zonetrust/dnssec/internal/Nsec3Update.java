package org.zonetrust.dnssec.internal;

import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Name;

/**
 * Brings the NSEC3 chain up to date after the names in a set changed: names that join or leave the
 * chain, the NSEC3 records of changed members, and of the hash predecessor of every hash that
 * joined or left.
 */
final class Nsec3Update {
  private final ZoneState state;
  private final SignerConfig cfg;
  private final long ttl;
  private final Nsec3Hash hasher;

  Nsec3Update(ZoneState state, SignerConfig cfg, long ttl) {
    this.state = state;
    this.cfg = cfg;
    this.ttl = ttl;
    this.hasher = new Nsec3Hash(state.origin(), cfg.denial().iterations(), cfg.denial().salt());
  }

  /** Updates the chain; every NSEC3 RRset that changed goes to {@code resign}. */
  void update(Set<Name> touched, BiConsumer<Name, RRsetEntry> resign) {
    Set<Name> positions = new TreeSet<>();
    Set<Name> moved = new TreeSet<>();
    for (Name t : touched) {
      Name h = hasher.owner(t);
      Node n = state.names.get(t);
      boolean member = n != null && Chains.nsec3Member(n, state.origin(), cfg.denial());
      ZoneState.Nsec3Slot slot = state.nsec3.get(h);
      if (member) {
        if (slot == null) {
          state.nsec3.put(h, new ZoneState.Nsec3Slot(h, t));
          moved.add(h);
        }
        positions.add(h);
      } else if (slot != null && slot.source().equals(t)) {
        state.nsec3.remove(h);
        moved.add(h);
      }
    }
    for (Name h : moved) {
      Name pred = predecessor(h);
      if (pred != null) {
        positions.add(pred);
      }
    }
    for (Name p : positions) {
      ZoneState.Nsec3Slot slot = state.nsec3.get(p);
      Node n = slot == null ? null : state.names.get(slot.source());
      if (slot == null || n == null) {
        continue;
      }
      Name next = state.nsec3.higherKey(p);
      if (next == null) {
        next = state.nsec3.firstKey();
      }
      RRsetEntry e =
          Chains.entry(
              Chains.nsec3(n, p, Nsec3Hash.hashOf(next), state.origin(), cfg.denial(), ttl));
      RRsetEntry old = slot.set();
      if (old == null || !old.sameData(e)) {
        slot.set(e);
        resign.accept(p, e);
      }
    }
  }

  private @Nullable Name predecessor(Name h) {
    if (state.nsec3.isEmpty()) {
      return null;
    }
    Name p = state.nsec3.lowerKey(h);
    return p != null ? p : state.nsec3.lastKey();
  }
}
