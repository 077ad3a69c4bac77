package org.zonetrust.dnssec.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Type;
import org.zonetrust.dnssec.DnssecException;

/**
 * Applies a change to a signed zone in place and re-signs only what it affects: the changed RRsets,
 * the SOA, RRsets whose authority changed (a delegation appearing or going away) and the NSEC or
 * NSEC3 records of the names that join or leave the chain and of their predecessors.
 *
 * <p>When the keys or the denial parameters differ from those the zone was signed with, or the
 * change alters the NSEC/NSEC3 TTL (SOA TTL or MINIMUM), the whole zone is re-signed with re-use of
 * the signatures still valid (as refresh does).
 */
public final class Incremental {
  private final ZoneState state;
  private final SignerConfig cfg;
  private final ChangeSet change;

  private Incremental(ZoneState state, SignerConfig cfg, ChangeSet change) {
    this.state = state;
    this.cfg = cfg;
    this.change = change;
  }

  /**
   * Resolves and checks a change without touching the state.
   *
   * @param state the signed zone
   * @param additions the records to add
   * @param deletions the records to delete
   * @param cfg the signer configuration
   * @return the prepared change, to {@link #commit()}
   * @throws DnssecException if the change would make the zone invalid
   */
  public static Incremental prepare(
      ZoneState state, List<Record> additions, List<Record> deletions, SignerConfig cfg)
      throws DnssecException {
    for (org.zonetrust.dnssec.SigningKey k : cfg.plan().keys()) {
      if (!k.zone().equals(state.origin())) {
        throw new DnssecException(
            "zone "
                + state.origin()
                + ": key "
                + k
                + " belongs to zone "
                + k.zone()
                + ", not to "
                + state.origin());
      }
    }
    return new Incremental(state, cfg, ChangeSet.resolve(state, additions, deletions, cfg.plan()));
  }

  /**
   * Changes the state and re-signs.
   *
   * @return the signed state: the same object, or a new one when the whole zone was re-signed
   * @throws DnssecException if signing fails
   */
  public ZoneState commit() throws DnssecException {
    Name origin = state.origin();
    long oldDenialTtl = ZoneBuilder.denialTtl(state.soa());
    Set<Name> touched = new TreeSet<>();
    List<Name> cuts = new ArrayList<>();
    for (Map.Entry<Name, Map<Integer, @Nullable RRsetEntry>> e : change.sets.entrySet()) {
      Name name = e.getKey();
      Node node = state.names.get(name);
      if (node == null) {
        node = create(name, touched);
      }
      for (Map.Entry<Integer, @Nullable RRsetEntry> s : e.getValue().entrySet()) {
        RRsetEntry set = s.getValue();
        if (set == null) {
          node.remove(s.getKey());
        } else {
          node.put(set);
        }
        if (s.getKey() == Type.NS && !name.equals(origin)) {
          cuts.add(name);
        }
      }
      touched.add(name);
    }
    for (Name name : new ArrayList<>(touched)) {
      prune(name, touched);
    }
    for (Name cut : cuts) {
      for (Name below : state.names.tailMap(cut, false).keySet()) {
        if (!below.subdomain(cut)) {
          break;
        }
        touched.add(below);
      }
    }
    SOARecord soa = ZoneBuilder.nextSoa(state.soa(), cfg);
    boolean sameSettings =
        state.denial().equals(cfg.denial())
            && state.keyFingerprint().equals(cfg.plan().fingerprint());
    if (!sameSettings || ZoneBuilder.denialTtl(soa) != oldDenialTtl) {
      return FullSigner.sign(origin, state.dataRecords(), cfg, state);
    }
    Node apex = state.names.get(origin);
    if (apex == null) {
      throw new IllegalStateException("signed zone " + origin + " lost its apex");
    }
    apex.put(Chains.entry(soa));
    touched.add(origin);

    Rrsigs rrsigs = new Rrsigs(origin, cfg.validity(), cfg.clock().instant());
    List<Job> jobs = new ArrayList<>();
    for (Name name : touched) {
      Node node = state.names.get(name);
      if (node == null) {
        continue;
      }
      node.occluded(occluded(name));
      for (RRsetEntry e : node.sets()) {
        if (Types.generated(e.type())) {
          continue;
        }
        if (!Chains.authoritative(node, e.type(), origin)) {
          e.sigs(List.of());
        } else if (e.type() == Type.SOA || !rrsigs.covered(e, cfg.plan().signers(e.type()))) {
          jobs.add(new Job(name, e));
        }
      }
    }
    long ttl = ZoneBuilder.denialTtl(soa);
    if (cfg.denial().isNsec3()) {
      new Nsec3Update(state, cfg, ttl).update(touched, (owner, e) -> jobs.add(new Job(owner, e)));
    } else {
      new NsecUpdate(state, ttl).update(touched, (owner, e) -> jobs.add(new Job(owner, e)));
    }
    try (ParallelSigning signing = new ParallelSigning(rrsigs, cfg.plan(), cfg.threads())) {
      for (Job j : jobs) {
        signing.add(j.owner, j.entry);
      }
      signing.finish();
    }
    return state;
  }

  /** Creates the node and any missing empty non-terminals above it. */
  private Node create(Name name, Set<Name> touched) {
    Node node = new Node(name);
    state.names.put(name, node);
    Name p = name;
    while (p.labels() > state.origin().labels()) {
      p = new Name(p, 1);
      if (state.names.containsKey(p)) {
        break;
      }
      state.names.put(p, new Node(p));
      touched.add(p);
    }
    return node;
  }

  /** Removes the node if it has neither data nor descendants, and empty ancestors likewise. */
  private void prune(Name name, Set<Name> touched) {
    Name n = name;
    while (!n.equals(state.origin())) {
      Node node = state.names.get(n);
      if (node == null || node.hasData() || hasDescendants(n)) {
        return;
      }
      state.names.remove(n);
      touched.add(n);
      n = new Name(n, 1);
    }
  }

  private boolean hasDescendants(Name n) {
    Name next = state.names.higherKey(n);
    return next != null && next.subdomain(n);
  }

  /** Tells whether a name lies strictly below a zone cut. */
  private boolean occluded(Name name) {
    NavigableMap<Name, Node> names = state.names;
    Name p = name;
    while (p.labels() > state.origin().labels() + 1) {
      p = new Name(p, 1);
      Node n = names.get(p);
      if (n != null && n.isCut(state.origin())) {
        return true;
      }
    }
    return false;
  }

  private record Job(Name owner, RRsetEntry entry) {}
}
