package org.zonetrust.dnssec.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * A signed zone's records by owner name and type, with its delegations: the structure the verifier
 * walks.
 */
final class ZoneIndex {

  /** The RRsets and signatures at one owner name. */
  static final class Node {
    final Name name;
    final Map<Integer, List<Record>> rrsets = new TreeMap<>();
    final Map<Integer, List<RRSIGRecord>> sigs = new TreeMap<>();

    Node(Name name) {
      this.name = name;
    }

    boolean has(int type) {
      return rrsets.containsKey(type);
    }

    List<Record> rrset(int type) {
      return rrsets.getOrDefault(type, List.of());
    }

    /** True when the name only holds NSEC3 (and its RRSIG): a hashed owner, not a zone name. */
    boolean isNsec3Owner() {
      return rrsets.containsKey(Type.NSEC3) && rrsets.size() == 1;
    }
  }

  final Name origin;
  private final Map<Name, Node> nodes = new HashMap<>();
  private final Set<Name> cuts = new HashSet<>();
  private final List<Node> sorted;

  ZoneIndex(Name origin, Collection<? extends Record> records) {
    this.origin = origin;
    for (Record r : records) {
      if (!r.getName().subdomain(origin)) {
        continue;
      }
      Node node = nodes.computeIfAbsent(r.getName(), Node::new);
      if (r instanceof RRSIGRecord sig) {
        node.sigs.computeIfAbsent(sig.getTypeCovered(), t -> new ArrayList<>()).add(sig);
      } else {
        node.rrsets.computeIfAbsent(r.getType(), t -> new ArrayList<>()).add(r);
        if (r.getType() == Type.NS && !r.getName().equals(origin)) {
          cuts.add(r.getName());
        }
      }
    }
    List<Node> all = new ArrayList<>(nodes.values());
    all.sort((a, b) -> a.name.compareTo(b.name));
    this.sorted = List.copyOf(all);
  }

  /** Every owner name's node, in canonical order. */
  List<Node> nodes() {
    return sorted;
  }

  @Nullable Node node(Name name) {
    return nodes.get(name);
  }

  Node apex() {
    Node apex = nodes.get(origin);
    return apex != null ? apex : new Node(origin);
  }

  boolean isCut(Name name) {
    return cuts.contains(name);
  }

  /** The delegation above {@code name} that makes it occluded (glue), or null if it is not. */
  @Nullable Name occludingCut(Name name) {
    for (Name p = parent(name); p != null && p.subdomain(origin) && !p.equals(origin); ) {
      if (cuts.contains(p)) {
        return p;
      }
      p = parent(p);
    }
    return null;
  }

  /**
   * The types for which the zone is authoritative at a name that is not occluded: everything at an
   * ordinary name, only NS and DS (and NSEC) at a delegation. RRSIG is not included.
   */
  Set<Integer> authoritativeTypes(Node node) {
    Set<Integer> types = new TreeSet<>();
    boolean cut = isCut(node.name);
    for (int type : node.rrsets.keySet()) {
      if (!cut || type == Type.NS || type == Type.DS || type == Type.NSEC) {
        types.add(type);
      }
    }
    return types;
  }

  /** Whether RRsets at this (not occluded) name are signed: any data, or a DS at a delegation. */
  boolean hasSignedData(Node node) {
    return isCut(node.name) ? node.has(Type.DS) : !node.rrsets.isEmpty();
  }

  /**
   * The names of the zone that a denial chain must cover: not occluded, not hashed NSEC3 owners.
   */
  List<Node> chainNodes() {
    List<Node> chain = new ArrayList<>();
    for (Node node : sorted) {
      if (!node.rrsets.isEmpty() && !node.isNsec3Owner() && occludingCut(node.name) == null) {
        chain.add(node);
      }
    }
    return chain;
  }

  static @Nullable Name parent(Name name) {
    return name.labels() > 1 ? new Name(name, 1) : null;
  }
}
