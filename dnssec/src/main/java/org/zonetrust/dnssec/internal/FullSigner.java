package org.zonetrust.dnssec.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Type;
import org.zonetrust.dnssec.DnssecException;
import org.zonetrust.dnssec.SigningKey;

/**
 * Signs a whole zone: index, chain, signatures. With a previous state, signatures of unchanged
 * RRsets that are still fresh are re-used (refresh).
 */
public final class FullSigner {
  private FullSigner() {}

  /**
   * Signs a zone.
   *
   * @param origin the zone apex
   * @param input the zone's records (RRSIG, NSEC, NSEC3, NSEC3PARAM are dropped)
   * @param cfg the signer configuration
   * @param previous a previous signed state whose fresh signatures of unchanged RRsets are kept, or
   *     {@code null}
   * @return the signed state
   * @throws DnssecException if the zone is invalid, a key belongs to another zone or signing fails
   */
  public static ZoneState sign(
      Name origin,
      Collection<? extends Record> input,
      SignerConfig cfg,
      @Nullable ZoneState previous)
      throws DnssecException {
    Name apex = Canonical.name(origin);
    for (SigningKey k : cfg.plan().keys()) {
      if (!k.zone().equals(apex)) {
        throw new DnssecException(
            "zone " + apex + ": key " + k + " belongs to zone " + k.zone() + ", not to " + apex);
      }
    }
    Map<Name, List<Record>> byName = new HashMap<>();
    for (Record r : input) {
      if (Types.generated(r.getType())) {
        continue;
      }
      Record c = Canonical.of(r);
      byName.computeIfAbsent(c.getName(), n -> new ArrayList<>(2)).add(c);
    }
    Map<Name, Node> nodes = ZoneBuilder.nodes(apex, byName);
    byName.clear();
    Rrsigs rrsigs = new Rrsigs(apex, cfg.validity(), cfg.clock().instant());
    try (ParallelSigning signing = new ParallelSigning(rrsigs, cfg.plan(), cfg.threads())) {
      // the data RRsets below the apex depend neither on the order of names nor on the chain: the
      // pool signs them while this thread sorts the names and builds the chain
      for (Node n : nodes.values()) {
        if (!n.name().equals(apex)) {
          n.occluded(ZoneBuilder.belowCut(apex, n.name(), nodes));
          signData(apex, n, previous, signing);
        }
      }
      signing.flush();
      NavigableMap<Name, Node> names = ZoneBuilder.index(apex, nodes);
      Node top = names.get(apex);
      RRsetEntry soaSet = top == null ? null : top.get(Type.SOA);
      if (top == null || soaSet == null || soaSet.records().size() != 1) {
        throw new DnssecException("zone " + apex + " needs exactly one SOA record at the apex");
      }
      if (!top.has(Type.NS)) {
        throw new DnssecException("zone " + apex + " has no NS records at the apex");
      }
      SOARecord soa = ZoneBuilder.nextSoa((SOARecord) soaSet.records().get(0), cfg);
      top.put(Chains.entry(soa));
      top.put(ZoneBuilder.dnskeys(apex, top.get(Type.DNSKEY), cfg.plan().keys()));
      for (Node n : names.values()) {
        ZoneBuilder.checkDs(apex, n);
      }
      signData(apex, top, previous, signing);
      ZoneState state = new ZoneState(apex, cfg.denial(), cfg.plan().fingerprint(), names);
      long ttl = ZoneBuilder.denialTtl(soa);
      if (cfg.denial().isNsec3()) {
        buildNsec3(state, cfg, ttl);
      } else {
        buildNsec(state, ttl);
      }
      if (previous != null) {
        reuseChain(state, previous);
      }
      signChain(state, signing);
      signing.finish();
      return state;
    }
  }

  private static void buildNsec(ZoneState state, long ttl) {
    Node first = null;
    Node prev = null;
    for (Node n : state.names.values()) {
      if (!Chains.nsecMember(n)) {
        continue;
      }
      if (prev != null) {
        prev.put(Chains.entry(Chains.nsec(prev, n.name(), state.origin(), ttl)));
      } else {
        first = n;
      }
      prev = n;
    }
    if (prev != null && first != null) {
      prev.put(Chains.entry(Chains.nsec(prev, first.name(), state.origin(), ttl)));
    }
  }

  private static void buildNsec3(ZoneState state, SignerConfig cfg, long ttl) {
    Name origin = state.origin();
    Node apex = state.names.get(origin);
    if (apex != null) {
      apex.put(Chains.entry(ZoneBuilder.nsec3param(origin, cfg, ttl)));
    }
    Nsec3Hash hasher = new Nsec3Hash(origin, cfg.denial().iterations(), cfg.denial().salt());
    List<Hashed> members = new ArrayList<>();
    for (Node n : state.names.values()) {
      if (Chains.nsec3Member(n, origin, cfg.denial())) {
        members.add(new Hashed(hasher.hash(n.name()), n));
      }
    }
    members.sort((a, b) -> Arrays.compareUnsigned(a.hash, b.hash));
    List<ZoneState.Nsec3Slot> slots = new ArrayList<>(members.size());
    for (int i = 0; i < members.size(); i++) {
      Hashed h = members.get(i);
      byte[] next = members.get((i + 1) % members.size()).hash;
      Name owner = hasher.ownerOf(h.hash);
      ZoneState.Nsec3Slot slot = new ZoneState.Nsec3Slot(owner, h.node.name());
      slot.set(Chains.entry(Chains.nsec3(h.node, owner, next, origin, cfg.denial(), ttl)));
      slots.add(slot);
    }
    // hash order is the canonical order of the base32hex owner names
    state.nsec3.putAll(SortedArrayMap.view(slots, ZoneState.Nsec3Slot::owner));
  }

  /**
   * Schedules the signing of a node's authoritative data RRsets, after copying the signatures of
   * those unchanged since the previous state (still-fresh ones are then kept).
   */
  private static void signData(
      Name apex, Node n, @Nullable ZoneState previous, ParallelSigning signing) {
    Node old = previous == null ? null : previous.names.get(n.name());
    for (RRsetEntry e : n.sets()) {
      if (!Chains.authoritative(n, e.type(), apex)) {
        e.sigs(List.of());
        continue;
      }
      RRsetEntry o = old == null ? null : old.get(e.type());
      if (o != null && o.sameData(e)) {
        e.sigs(o.sigs());
      }
      signing.add(n.name(), e);
    }
  }

  /**
   * Copies the signatures of NSEC, NSEC3PARAM and NSEC3 RRsets unchanged since the previous state.
   */
  private static void reuseChain(ZoneState state, ZoneState previous) {
    for (Node n : state.names.values()) {
      for (RRsetEntry e : n.sets()) {
        if (!Types.generated(e.type())) {
          continue;
        }
        Node old = previous.names.get(n.name());
        RRsetEntry o = old == null ? null : old.get(e.type());
        if (o != null && o.sameData(e)) {
          e.sigs(o.sigs());
        }
      }
    }
    for (Map.Entry<Name, ZoneState.Nsec3Slot> s : state.nsec3.entrySet()) {
      ZoneState.Nsec3Slot old = previous.nsec3.get(s.getKey());
      RRsetEntry o = old == null ? null : old.set();
      RRsetEntry e = s.getValue().set();
      if (o != null && e != null && o.sameData(e)) {
        e.sigs(o.sigs());
      }
    }
  }

  /** Signs what the chain builder added: NSEC records, or NSEC3PARAM and the NSEC3 chain. */
  private static void signChain(ZoneState state, ParallelSigning signing) {
    for (Node n : state.names.values()) {
      for (RRsetEntry e : n.sets()) {
        if (Types.generated(e.type()) && Chains.authoritative(n, e.type(), state.origin())) {
          signing.add(n.name(), e);
        }
      }
    }
    for (Map.Entry<Name, ZoneState.Nsec3Slot> s : state.nsec3.entrySet()) {
      RRsetEntry e = s.getValue().set();
      if (e != null) {
        signing.add(s.getKey(), e);
      }
    }
  }

  private static final class Hashed {
    final byte[] hash;
    final Node node;

    Hashed(byte[] hash, Node node) {
      this.hash = hash;
      this.node = node;
    }
  }
}
