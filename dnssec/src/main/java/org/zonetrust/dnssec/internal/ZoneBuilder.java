package org.zonetrust.dnssec.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.DClass;
import org.xbill.DNS.NSEC3PARAMRecord;
import org.xbill.DNS.NSEC3Record;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Type;
import org.zonetrust.dnssec.DnssecException;
import org.zonetrust.dnssec.SigningKey;

/**
 * Builds the indexed form of a zone from its records: RRsets in canonical form, empty
 * non-terminals, occlusion below zone cuts, the SOA serial, the DNSKEY RRset with the signer's
 * keys. Shared by full signing and incremental changes.
 */
final class ZoneBuilder {
  private ZoneBuilder() {}

  /** Groups canonical records of one owner into RRsets, checking that each has one TTL. */
  static Node node(Name origin, Name name, List<Record> records) throws DnssecException {
    records.sort(Comparator.comparingInt(Record::getType));
    Node node = new Node(name);
    int start = 0;
    for (int i = 1; i <= records.size(); i++) {
      if (i == records.size() || records.get(i).getType() != records.get(start).getType()) {
        node.put(rrset(origin, records.subList(start, i)));
        start = i;
      }
    }
    return node;
  }

  /** Makes one RRset; all records must share owner, type and TTL. */
  static RRsetEntry rrset(Name origin, List<Record> records) throws DnssecException {
    Record first = records.get(0);
    for (Record r : records) {
      if (r.getTTL() != first.getTTL()) {
        throw new DnssecException(
            "zone "
                + origin
                + ": "
                + first.getName()
                + " "
                + Type.string(first.getType())
                + " has records with TTL "
                + first.getTTL()
                + " and "
                + r.getTTL()
                + "; an RRset must have one TTL (RFC 2181 section 5.2)");
      }
    }
    return new RRsetEntry(first.getType(), first.getTTL(), Canonical.sortRdata(records));
  }

  /** Checks where DS records are: only at delegation points (RFC 4035 section 2.4). */
  static void checkDs(Name origin, Node n) throws DnssecException {
    if (n.has(Type.DS) && (n.name().equals(origin) || !n.has(Type.NS))) {
      throw new DnssecException(
          "zone "
              + origin
              + ": "
              + n.name()
              + " DS: "
              + (n.name().equals(origin)
                  ? "DS records of the apex belong in the parent zone"
                  : "DS records are only allowed at a delegation (beside NS records)"));
    }
  }

  /** Returns a copy of {@code soa} with another serial. */
  static SOARecord withSerial(SOARecord soa, long serial) {
    return new SOARecord(
        soa.getName(),
        soa.getDClass(),
        soa.getTTL(),
        soa.getHost(),
        soa.getAdmin(),
        serial,
        soa.getRefresh(),
        soa.getRetry(),
        soa.getExpire(),
        soa.getMinimum());
  }

  /** Returns the SOA with the serial the policy gives. */
  static SOARecord nextSoa(SOARecord soa, SignerConfig cfg) {
    long serial = cfg.serialPolicy().next(soa.getSerial(), cfg.clock());
    if (serial == soa.getSerial()) {
      return soa;
    }
    return withSerial(soa, serial);
  }

  /**
   * Returns the DNSKEY RRset: the published DNSKEY records plus those of the signer's keys, all
   * with the TTL of the published ones, or of the first key when none is published.
   */
  static RRsetEntry dnskeys(Name origin, @Nullable RRsetEntry published, List<SigningKey> keys)
      throws DnssecException {
    long ttl = published != null ? published.ttl() : keys.get(0).dnskey().getTTL();
    List<Record> all = new ArrayList<>();
    if (published != null) {
      all.addAll(published.records());
    }
    for (SigningKey k : keys) {
      all.add(Canonical.of(k.dnskey(), ttl));
    }
    return rrset(origin, all);
  }

  /** The TTL of NSEC and NSEC3 records: the smaller of the SOA TTL and MINIMUM (RFC 9077). */
  static long denialTtl(SOARecord soa) {
    return Math.min(soa.getTTL(), soa.getMinimum());
  }

  /** Returns the NSEC3PARAM record for the apex (flags 0, RFC 5155 section 4.1.2). */
  static NSEC3PARAMRecord nsec3param(Name origin, SignerConfig cfg, long ttl) {
    return new NSEC3PARAMRecord(
        origin,
        DClass.IN,
        ttl,
        NSEC3Record.SHA1_DIGEST_ID,
        0,
        cfg.denial().iterations(),
        cfg.denial().salt());
  }

  /** Groups the canonical records of each owner name into a node (empty non-terminals not yet). */
  static Map<Name, Node> nodes(Name origin, Map<Name, List<Record>> byName) throws DnssecException {
    Map<Name, Node> nodes = new HashMap<>(byName.size() * 2);
    for (Map.Entry<Name, List<Record>> e : byName.entrySet()) {
      nodes.put(e.getKey(), node(origin, e.getKey(), e.getValue()));
    }
    return nodes;
  }

  /**
   * Tells whether a name lies strictly below a zone cut, looking its ancestors up (the nodes need
   * not be sorted yet). Agrees with {@link #markOcclusion}.
   */
  static boolean belowCut(Name origin, Name name, Map<Name, Node> nodes) {
    Name p = name;
    while (p.labels() > origin.labels() + 1) {
      p = new Name(p, 1);
      Node n = nodes.get(p);
      if (n != null && n.has(Type.NS)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Adds the empty non-terminals to the nodes and returns them all in a sorted map with occlusion
   * marked.
   */
  static NavigableMap<Name, Node> index(Name origin, Map<Name, Node> nodes) {
    List<Name> owners = new ArrayList<>(nodes.keySet());
    for (Name n : owners) {
      Name p = n;
      while (p.labels() > origin.labels()) {
        p = new Name(p, 1);
        if (nodes.containsKey(p)) {
          break;
        }
        nodes.put(p, new Node(p));
      }
    }
    Node[] sorted = nodes.values().toArray(new Node[0]);
    SortedArrayMap.sortCanonical(sorted, Node::name);
    NavigableMap<Name, Node> map =
        SortedArrayMap.treeOf(java.util.Arrays.asList(sorted), Node::name);
    markOcclusion(origin, map.values());
    return map;
  }

  /** Marks every node strictly below a zone cut; the nodes come in canonical order. */
  static void markOcclusion(Name origin, Collection<Node> inOrder) {
    Name cut = null;
    for (Node n : inOrder) {
      boolean below = cut != null && n.name().subdomain(cut) && !n.name().equals(cut);
      if (!below) {
        cut = null;
      }
      n.occluded(below);
      if (!below && n.isCut(origin)) {
        cut = n.name();
      }
    }
  }
}
