package org.zonetrust.dnssec.internal;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/**
 * One owner name of a signed zone with its RRsets (ordered by type), including the NSEC and
 * NSEC3PARAM RRsets the signer made. A node without data RRsets is an empty non-terminal.
 */
final class Node {
  private final Name name;
  private final List<RRsetEntry> sets = new ArrayList<>(2);
  private boolean occluded;

  Node(Name name) {
    this.name = name;
  }

  Name name() {
    return name;
  }

  List<RRsetEntry> sets() {
    return sets;
  }

  /**
   * Tells whether the node lies strictly below a zone cut (glue and other non-authoritative data).
   */
  boolean occluded() {
    return occluded;
  }

  void occluded(boolean occluded) {
    this.occluded = occluded;
  }

  @Nullable RRsetEntry get(int type) {
    for (RRsetEntry e : sets) {
      if (e.type() == type) {
        return e;
      }
    }
    return null;
  }

  boolean has(int type) {
    return get(type) != null;
  }

  /** Adds or replaces the RRset of the entry's type, keeping the sets ordered by type. */
  void put(RRsetEntry entry) {
    for (int i = 0; i < sets.size(); i++) {
      int t = sets.get(i).type();
      if (t == entry.type()) {
        sets.set(i, entry);
        return;
      }
      if (t > entry.type()) {
        sets.add(i, entry);
        return;
      }
    }
    sets.add(entry);
  }

  void remove(int type) {
    sets.removeIf(e -> e.type() == type);
  }

  /** Tells whether the node has data of its own (RRsets other than those the signer makes). */
  boolean hasData() {
    for (RRsetEntry e : sets) {
      if (!Types.generated(e.type())) {
        return true;
      }
    }
    return false;
  }

  /** Tells whether the node is a delegation point (NS below the apex). */
  boolean isCut(Name origin) {
    return has(Type.NS) && !name.equals(origin);
  }
}
