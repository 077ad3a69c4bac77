package org.zonetrust.dnssec.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;
import org.zonetrust.dnssec.DnssecException;

/**
 * A change to a signed zone, resolved against its current RRsets and checked, before anything is
 * changed: for every touched owner and type, the new RRset or {@code null} when it goes away.
 */
final class ChangeSet {
  /** The new RRsets by owner and type; {@code null} values remove the RRset. */
  final Map<Name, Map<Integer, @Nullable RRsetEntry>> sets;

  private ChangeSet(Map<Name, Map<Integer, @Nullable RRsetEntry>> sets) {
    this.sets = sets;
  }

  /**
   * Resolves additions and deletions against the state (deletions first; matching by owner, type
   * and data; an addition gives its RRset its TTL) and checks the result.
   */
  static ChangeSet resolve(
      ZoneState state, List<Record> additions, List<Record> deletions, KeyPlan plan)
      throws DnssecException {
    Name origin = state.origin();
    Map<Key, List<Record>> del = group(origin, deletions, "deletion");
    Map<Key, List<Record>> add = group(origin, additions, "addition");
    Map<Key, Boolean> keys = new LinkedHashMap<>();
    del.keySet().forEach(k -> keys.put(k, Boolean.TRUE));
    add.keySet().forEach(k -> keys.put(k, Boolean.TRUE));
    Map<Name, Map<Integer, @Nullable RRsetEntry>> sets = new HashMap<>();
    for (Key k : keys.keySet()) {
      Node node = state.names.get(k.name);
      RRsetEntry current = node == null ? null : node.get(k.type);
      List<Record> records = new ArrayList<>();
      long ttl = current == null ? -1 : current.ttl();
      if (current != null) {
        records.addAll(current.records());
      }
      List<Record> gone = del.getOrDefault(k, List.of());
      records.removeIf(gone::contains);
      List<Record> added = add.getOrDefault(k, List.of());
      for (Record r : added) {
        if (r.getTTL() != added.get(0).getTTL()) {
          throw new DnssecException(
              "zone "
                  + origin
                  + ": the change adds "
                  + k.name
                  + " "
                  + Type.string(k.type)
                  + " records with TTLs "
                  + added.get(0).getTTL()
                  + " and "
                  + r.getTTL()
                  + "; an RRset must have one TTL");
        }
        ttl = r.getTTL();
        if (!records.contains(r)) {
          records.add(r);
        }
      }
      if (k.type == Type.DNSKEY && k.name.equals(origin)) {
        RRsetEntry published =
            records.isEmpty() ? null : ZoneBuilder.rrset(origin, withTtl(records, ttl));
        putIfChanged(sets, k, current, ZoneBuilder.dnskeys(origin, published, plan.keys()));
        continue;
      }
      RRsetEntry next = records.isEmpty() ? null : ZoneBuilder.rrset(origin, withTtl(records, ttl));
      putIfChanged(sets, k, current, next);
    }
    ChangeSet cs = new ChangeSet(sets);
    cs.check(state);
    return cs;
  }

  private static void putIfChanged(
      Map<Name, Map<Integer, @Nullable RRsetEntry>> sets,
      Key k,
      @Nullable RRsetEntry current,
      @Nullable RRsetEntry next) {
    if (current == null && next == null) {
      return;
    }
    if (current != null && next != null && current.sameData(next)) {
      return;
    }
    sets.computeIfAbsent(k.name, n -> new HashMap<>()).put(k.type, next);
  }

  private static List<Record> withTtl(List<Record> records, long ttl) {
    List<Record> out = new ArrayList<>(records.size());
    for (Record r : records) {
      out.add(r.getTTL() == ttl ? r : Canonical.of(r, ttl));
    }
    return out;
  }

  /** Checks the touched names as they will be: SOA and NS at the apex, DS only at delegations. */
  private void check(ZoneState state) throws DnssecException {
    Name origin = state.origin();
    for (Map.Entry<Name, Map<Integer, @Nullable RRsetEntry>> e : sets.entrySet()) {
      Name name = e.getKey();
      Map<Integer, @Nullable RRsetEntry> changed = e.getValue();
      boolean apex = name.equals(origin);
      if (changed.containsKey(Type.SOA)) {
        RRsetEntry soa = changed.get(Type.SOA);
        if (!apex) {
          throw new DnssecException(
              "zone " + origin + ": the change adds an SOA record at " + name + ", not the apex");
        }
        if (soa == null || soa.records().size() != 1) {
          throw new DnssecException(
              "zone "
                  + origin
                  + ": after the change the apex would have "
                  + (soa == null ? 0 : soa.records().size())
                  + " SOA records; replace the SOA by deleting the old one and adding one");
        }
      }
      if (apex && changed.containsKey(Type.NS) && changed.get(Type.NS) == null) {
        throw new DnssecException(
            "zone " + origin + ": the change would remove every NS record of the apex");
      }
      Node node = state.names.get(name);
      boolean hasNs = has(node, changed, Type.NS);
      boolean hasDs = has(node, changed, Type.DS);
      if (hasDs && (apex || !hasNs)) {
        throw new DnssecException(
            "zone "
                + origin
                + ": "
                + name
                + " DS: "
                + (apex
                    ? "DS records of the apex belong in the parent zone"
                    : "DS records are only allowed at a delegation (beside NS records)"));
      }
    }
  }

  private static boolean has(
      @Nullable Node node, Map<Integer, @Nullable RRsetEntry> changed, int type) {
    if (changed.containsKey(type)) {
      return changed.get(type) != null;
    }
    return node != null && node.has(type);
  }

  private static Map<Key, List<Record>> group(Name origin, List<Record> records, String what)
      throws DnssecException {
    Map<Key, List<Record>> out = new LinkedHashMap<>();
    for (Record r : records) {
      if (Types.generated(r.getType())) {
        continue;
      }
      String at = r.getName() + " " + Type.string(r.getType());
      if (r.getDClass() != DClass.IN) {
        throw new DnssecException(
            "zone "
                + origin
                + ": "
                + what
                + " "
                + at
                + " has class "
                + DClass.string(r.getDClass())
                + ", not IN");
      }
      if (!r.getName().subdomain(origin)) {
        throw new DnssecException(
            "zone " + origin + ": " + what + " " + at + " is outside the zone");
      }
      Record c = Canonical.of(r);
      out.computeIfAbsent(new Key(c.getName(), c.getType()), k -> new ArrayList<>()).add(c);
    }
    return out;
  }

  private record Key(Name name, int type) {}
}
