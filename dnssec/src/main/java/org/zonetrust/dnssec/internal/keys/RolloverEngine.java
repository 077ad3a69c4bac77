package org.zonetrust.dnssec.internal.keys;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.zonetrust.dnssec.DnssecAlgorithm;
import org.zonetrust.dnssec.DnssecException;
import org.zonetrust.dnssec.KeyRole;
import org.zonetrust.dnssec.KeyRolloverPolicy;
import org.zonetrust.dnssec.RecordState;
import org.zonetrust.dnssec.RolloverMethod;
import org.zonetrust.dnssec.RolloverTimeline.RecordKind;

/**
 * Decides one pass of key management for one zone. It keeps, per record family (the DNSKEY RRset
 * with its signers, the keys signing zone data, the DS RRset at the parent), every version a
 * resolver may still hold in its cache: a version superseded at {@code t} stays possible until
 * {@code t} + the family's TTL + its propagation delay + the publish or retire safety margin. A
 * change is made only when every combination of possible views still validates ({@link Safety}),
 * and only in the order the policy's rollover method prescribes; the per-key states of the
 * key-timing model (hidden, rumoured, omnipresent, unretentive) follow from the versions. The next
 * event time is the earliest instant at which a version expires, a lifetime ends or the parent is
 * due to be asked again.
 *
 * <p>Pure: no I/O, no clock, the same inputs give the same outcome. Not thread-safe; the key
 * manager holds a lease per zone.
 */
public final class RolloverEngine {

  /** Makes a new key (the key manager generates and stores it; a simulation invents one). */
  @FunctionalInterface
  public interface KeyMinter {
    /**
     * Makes a key.
     *
     * @param role the role
     * @param algorithm the algorithm
     * @param now the current instant
     * @return the new key's entry
     * @throws DnssecException if the key cannot be made or stored
     */
    KeyEntry mint(KeyRole role, DnssecAlgorithm algorithm, Instant now) throws DnssecException;
  }

  private final KeyRolloverPolicy policy;
  private final Duration retireEarly;

  /**
   * Creates an engine for a policy.
   *
   * @param policy the policy
   */
  public RolloverEngine(KeyRolloverPolicy policy) {
    this(policy, Duration.ZERO);
  }

  /**
   * Creates an engine that shortens every retirement wait by {@code retireEarly}: a deliberately
   * broken engine, used only to prove that the safety tests catch such a bug.
   *
   * @param policy the policy
   * @param retireEarly how much too early to retire (zero for a correct engine)
   */
  public RolloverEngine(KeyRolloverPolicy policy, Duration retireEarly) {
    this.policy = policy;
    this.retireEarly = retireEarly;
  }

  /**
   * Runs one pass.
   *
   * @param in the zone's state
   * @param now the current instant
   * @param observedDs the DS set (as key identifiers) every parent server was just seen serving, or
   *     null if the parent was not asked or its servers disagree
   * @param minter makes new keys
   * @return the decisions
   * @throws DnssecException if a key cannot be made
   */
  public Outcome advance(
      ZoneKeys in, Instant now, @Nullable Set<String> observedDs, KeyMinter minter)
      throws DnssecException {
    Pass p = new Pass(in, now);
    if (p.dnskey.isEmpty()) {
      p.dnskey.add(new Version(now, Set.of(), Set.of()));
      p.data.add(new Version(now, Set.of(), Set.of()));
      p.ds.add(new Version(now, Set.of(), Set.of()));
    }
    PendingDs pend = p.pending;
    if (pend != null && observedDs != null && observedDs.equals(pend.desired())) {
      p.ds.add(new Version(now, pend.desired(), Set.of()));
      p.everSecure |= !pend.desired().isEmpty();
      p.pending = null;
      p.changes.add("the parent serves the DS set " + p.labels(pend.desired()));
    }
    prune(p.dnskey, Family.DNSKEY, now);
    prune(p.data, Family.DATA, now);
    prune(p.ds, Family.DS, now);
    lifecycle(p, minter);
    boolean dnskeyChanged = stepDnskey(p);
    boolean dataChanged = stepData(p);
    if (dataChanged) {
      dnskeyChanged |= stepDnskey(p);
    }
    Set<String> cdsBefore = cdsSet(in);
    Set<String> request = stepDs(p);
    List<String> deleted = deleteHidden(p);
    ZoneKeys out = p.state();
    boolean republish = dnskeyChanged || dataChanged || !cdsSet(out).equals(cdsBefore);
    return new Outcome(
        out, republish, request, deleted, p.created, p.overdue, nextEvent(out, now), p.changes);
  }

  /**
   * Returns the key identifiers whose CDS/CDNSKEY the zone should publish: the DS set awaited at
   * the parent, or else the one it serves.
   *
   * @param s the state
   * @return the key identifiers (empty: none, or the delete form when going insecure)
   */
  public static Set<String> cdsSet(ZoneKeys s) {
    PendingDs p = s.pending();
    if (p != null) {
      return p.desired();
    }
    return s.ds().isEmpty() ? Set.of() : s.ds().get(s.ds().size() - 1).members();
  }

  private enum Family {
    DNSKEY,
    DATA,
    DS
  }

  private static final class Pass {
    final Instant now;
    final boolean goInsecure;
    final List<KeyEntry> keys;
    final List<Version> dnskey;
    final List<Version> data;
    final List<Version> ds;
    @Nullable PendingDs pending;
    boolean everSecure;
    boolean overdue;
    boolean dnskeyAppended;
    final List<String> created = new ArrayList<>();
    final List<String> changes = new ArrayList<>();

    Pass(ZoneKeys in, Instant now) {
      this.now = now;
      this.goInsecure = in.goInsecure();
      this.keys = new ArrayList<>(in.keys());
      this.dnskey = new ArrayList<>(in.dnskey());
      this.data = new ArrayList<>(in.data());
      this.ds = new ArrayList<>(in.ds());
      this.pending = in.pending();
      this.everSecure = in.everSecure();
    }

    ZoneKeys state() {
      return new ZoneKeys(keys, dnskey, data, ds, pending, everSecure, goInsecure, null);
    }

    @Nullable KeyEntry key(String id) {
      for (KeyEntry k : keys) {
        if (k.id().equals(id)) {
          return k;
        }
      }
      return null;
    }

    boolean retiring(String id) {
      KeyEntry k = key(id);
      return k == null || k.retiring();
    }

    Map<String, DnssecAlgorithm> algorithms() {
      Map<String, DnssecAlgorithm> m = new HashMap<>();
      keys.forEach(k -> m.put(k.id(), k.algorithm()));
      return m;
    }

    String labels(Set<String> ids) {
      return ids.stream()
          .sorted()
          .map(
              id -> {
                KeyEntry k = key(id);
                return k == null ? id : k.label();
              })
          .collect(Collectors.joining(", ", "{", "}"));
    }

    List<Version> dsViews() {
      return state().dsWithPending();
    }

    RecordState state(String id, RecordKind kind) {
      return state().state(id, kind);
    }

    boolean safe(List<Version> dsViews, List<Version> dnskeyViews, List<Version> dataViews) {
      return Safety.allViewsValid(dsViews, dnskeyViews, dataViews, algorithms());
    }
  }

  private void lifecycle(Pass p, KeyMinter minter) throws DnssecException {
    if (p.goInsecure) {
      return;
    }
    List<KeyRole> roles = policy.csk() ? List.of(KeyRole.CSK) : List.of(KeyRole.KSK, KeyRole.ZSK);
    for (KeyRole role : roles) {
      List<KeyEntry> current =
          p.keys.stream()
              .filter(k -> k.role() == role && k.algorithm() == policy.algorithm() && !k.retiring())
              .collect(Collectors.toList());
      if (current.isEmpty()) {
        mint(p, minter, role, "first " + role + " of " + policy.algorithm());
        continue;
      }
      KeyEntry newest = current.stream().max(Comparator.comparing(KeyEntry::lifetimeFrom)).get();
      Duration lifetime = policy.lifetime(role);
      boolean due =
          newest.rollRequested()
              || (!lifetime.isZero() && !p.now.isBefore(newest.lifetimeFrom().plus(lifetime)));
      if (due) {
        for (KeyEntry k : current) {
          p.keys.set(p.keys.indexOf(k), k.retire());
          p.changes.add(k.label() + " retires");
        }
        mint(p, minter, role, "successor of " + newest.label());
      }
    }
    for (int i = 0; i < p.keys.size(); i++) {
      KeyEntry k = p.keys.get(i);
      if (!k.retiring() && (!roles.contains(k.role()) || k.algorithm() != policy.algorithm())) {
        p.keys.set(i, k.retire());
        p.changes.add(k.label() + " retires (the policy wants " + policy.algorithm() + ")");
      }
    }
  }

  private void mint(Pass p, KeyMinter minter, KeyRole role, String why) throws DnssecException {
    KeyEntry k = minter.mint(role, policy.algorithm(), p.now);
    p.keys.add(k);
    p.created.add(k.id());
    p.changes.add(k.label() + " created (" + why + ")");
  }

  private boolean stepDnskey(Pass p) {
    List<Version> history = new ArrayList<>(p.dnskey);
    if (p.dnskeyAppended) {
      history.remove(history.size() - 1);
    }
    Version cur = last(p.dnskey);
    Set<String> signing = last(p.data).members();
    Set<String> add = new LinkedHashSet<>();
    for (KeyEntry k : p.keys) {
      if (!k.retiring() && !cur.members().contains(k.id()) && dnskeyMayAppear(p, k)) {
        add.add(k.id());
      }
    }
    Set<String> remove = new LinkedHashSet<>();
    boolean newKskSettling =
        add.stream().map(p::key).anyMatch(k -> k != null && k.signsKeys())
            || cur.members().stream()
                .map(p::key)
                .anyMatch(
                    k ->
                        k != null
                            && k.signsKeys()
                            && !k.retiring()
                            && p.state(k.id(), RecordKind.DNSKEY) != RecordState.OMNIPRESENT);
    for (String id : cur.members()) {
      KeyEntry k = p.key(id);
      boolean signsKeys = k != null && k.signsKeys();
      if (p.retiring(id) && !signing.contains(id) && !(signsKeys && newKskSettling)) {
        remove.add(id);
      }
    }
    for (Set<String> members : candidates(cur.members(), add, remove, true)) {
      Version next = new Version(p.now, members, signersOf(p, members));
      if (next.sameContent(cur)) {
        continue;
      }
      if (p.safe(p.dsViews(), append(history, next), p.data)) {
        p.dnskey.clear();
        p.dnskey.addAll(history);
        p.dnskey.add(next);
        p.dnskeyAppended = true;
        p.changes.add("DNSKEY RRset becomes " + p.labels(members));
        return true;
      }
    }
    return false;
  }

  private boolean dnskeyMayAppear(Pass p, KeyEntry k) {
    if (k.signsKeys()
        && policy.kskMethod() == RolloverMethod.DOUBLE_DS
        && p.everSecure
        && p.keys.stream().anyMatch(o -> o.retiring() && o.signsKeys())) {
      return p.state(k.id(), RecordKind.DS) == RecordState.OMNIPRESENT;
    }
    return true;
  }

  private static Set<String> signersOf(Pass p, Set<String> members) {
    Set<String> signers = new HashSet<>();
    for (String id : members) {
      KeyEntry k = p.key(id);
      if (k != null && k.signsKeys()) {
        signers.add(id);
      }
    }
    return signers;
  }

  private boolean stepData(Pass p) {
    Version cur = last(p.data);
    Set<String> published = last(p.dnskey).members();
    Set<String> add = new LinkedHashSet<>();
    for (KeyEntry k : p.keys) {
      if (k.signsData()
          && !k.retiring()
          && !cur.members().contains(k.id())
          && published.contains(k.id())
          && dataMayBeSigned(p, k, cur)) {
        add.add(k.id());
      }
    }
    Set<String> remove = new LinkedHashSet<>();
    for (String id : cur.members()) {
      if (p.retiring(id)) {
        remove.add(id);
      }
    }
    for (Set<String> signers : candidates(cur.members(), add, remove, true)) {
      Version next = new Version(p.now, signers, Set.of());
      if (next.sameContent(cur)) {
        continue;
      }
      if (p.safe(p.dsViews(), p.dnskey, append(p.data, next))) {
        p.data.add(next);
        p.changes.add("zone data signed by " + p.labels(signers));
        return true;
      }
    }
    return false;
  }

  private boolean dataMayBeSigned(Pass p, KeyEntry k, Version cur) {
    if (policy.zskMethod() == RolloverMethod.DOUBLE_SIGNATURE) {
      return true;
    }
    boolean sameAlgorithmSigns =
        cur.members().stream()
            .map(p::key)
            .anyMatch(o -> o != null && o.algorithm() == k.algorithm());
    return !sameAlgorithmSigns || p.state(k.id(), RecordKind.DNSKEY) == RecordState.OMNIPRESENT;
  }

  private @Nullable Set<String> stepDs(Pass p) {
    PendingDs pend = p.pending;
    if (pend != null) {
      Set<String> again = null;
      PendingDs next = pend;
      if (!p.now.isBefore(pend.lastRequest().plus(policy.parentRetryInterval()))) {
        again = pend.desired();
        next = new PendingDs(pend.desired(), pend.requestedAt(), p.now, pend.nextAlert());
      }
      if (!p.now.isBefore(pend.nextAlert())) {
        p.overdue = true;
        next =
            new PendingDs(
                next.desired(),
                next.requestedAt(),
                next.lastRequest(),
                p.now.plus(policy.parentAlertAfter()));
      }
      p.pending = next;
      return again;
    }
    Set<String> cur = last(p.ds).members();
    Set<String> add = new LinkedHashSet<>();
    Set<String> remove = new LinkedHashSet<>();
    if (!p.goInsecure) {
      for (KeyEntry k : p.keys) {
        if (k.signsKeys() && !k.retiring() && !cur.contains(k.id()) && dsMayAppear(p, k)) {
          add.add(k.id());
        }
      }
    }
    for (String id : cur) {
      if (p.goInsecure || p.retiring(id)) {
        remove.add(id);
      }
    }
    boolean addFirst = policy.kskMethod() == RolloverMethod.DOUBLE_DS || !p.everSecure;
    for (Set<String> want : candidates(cur, add, remove, addFirst)) {
      if (want.equals(cur) || (want.isEmpty() && p.everSecure && !p.goInsecure)) {
        continue;
      }
      Version next = new Version(p.now, want, Set.of());
      if (p.safe(append(p.dsViews(), next), p.dnskey, p.data)) {
        p.pending = new PendingDs(want, p.now, p.now, p.now.plus(policy.parentAlertAfter()));
        p.changes.add("DS set " + p.labels(want) + " requested from the parent");
        return want;
      }
    }
    return null;
  }

  private boolean dsMayAppear(Pass p, KeyEntry k) {
    if (policy.kskMethod() == RolloverMethod.DOUBLE_DS
        && p.everSecure
        && p.keys.stream().anyMatch(o -> o.retiring() && o.signsKeys())) {
      return true;
    }
    return p.state(k.id(), RecordKind.DNSKEY) == RecordState.OMNIPRESENT
        && p.state(k.id(), RecordKind.KRRSIG) == RecordState.OMNIPRESENT;
  }

  private static List<String> deleteHidden(Pass p) {
    List<String> deleted = new ArrayList<>();
    ZoneKeys s = p.state();
    for (KeyEntry k : List.copyOf(p.keys)) {
      if (!k.retiring()) {
        continue;
      }
      boolean hidden = true;
      for (RecordKind kind : RecordKind.values()) {
        hidden &= s.state(k.id(), kind) == RecordState.HIDDEN;
      }
      if (hidden) {
        p.keys.remove(k);
        deleted.add(k.id());
        p.changes.add(k.label() + " deleted: no resolver can hold any of its records");
      }
    }
    return deleted;
  }

  /** Full change first; then additions only (where the method allows); then single removals. */
  private static List<Set<String>> candidates(
      Set<String> cur, Set<String> add, Set<String> remove, boolean addOnlyAllowed) {
    List<Set<String>> out = new ArrayList<>();
    Set<String> full = new HashSet<>(cur);
    full.addAll(add);
    full.removeAll(remove);
    out.add(full);
    if (!add.isEmpty() && !remove.isEmpty() && addOnlyAllowed) {
      Set<String> addOnly = new HashSet<>(cur);
      addOnly.addAll(add);
      out.add(addOnly);
    }
    if (remove.size() > 1 || (!add.isEmpty() && !remove.isEmpty())) {
      for (String r : remove) {
        Set<String> one = new HashSet<>(cur);
        if (addOnlyAllowed) {
          one.addAll(add);
        }
        one.remove(r);
        out.add(one);
      }
    }
    return out;
  }

  private void prune(List<Version> versions, Family f, Instant now) {
    while (versions.size() > 1 && !expiry(f, versions.get(0), versions.get(1)).isAfter(now)) {
      versions.remove(0);
    }
  }

  /** When a version superseded by {@code newer} can no longer be held by any resolver. */
  private Instant expiry(Family f, Version older, Version newer) {
    boolean adds =
        !older.members().containsAll(newer.members())
            || !older.signers().containsAll(newer.signers());
    boolean removes =
        !newer.members().containsAll(older.members())
            || !newer.signers().containsAll(older.signers());
    Duration margin = Duration.ZERO;
    if (adds) {
      margin = policy.publishSafety();
    }
    if (removes && policy.retireSafety().compareTo(margin) > 0) {
      margin = policy.retireSafety();
    }
    Duration wait =
        switch (f) {
          case DNSKEY -> PolicyDurations.dnskeyWait(policy, margin);
          case DATA -> PolicyDurations.dataWait(policy, margin);
          case DS ->
              older.members().isEmpty()
                  ? policy.parentNegativeTtl().plus(policy.parentPropagationDelay()).plus(margin)
                  : PolicyDurations.dsWait(policy, margin);
        };
    if (removes) {
      wait = wait.minus(retireEarly);
    }
    return newer.since().plus(wait);
  }

  private Instant nextEvent(ZoneKeys s, Instant now) {
    Instant next = now.plus(Duration.ofDays(1));
    List<List<Version>> families = List.of(s.dnskey(), s.data(), s.ds());
    Family[] kinds = {Family.DNSKEY, Family.DATA, Family.DS};
    for (int f = 0; f < 3; f++) {
      List<Version> v = families.get(f);
      for (int i = 0; i + 1 < v.size(); i++) {
        next = earliestAfter(next, expiry(kinds[f], v.get(i), v.get(i + 1)), now);
      }
    }
    for (KeyEntry k : s.keys()) {
      Duration lifetime = policy.lifetime(k.role());
      if (!k.retiring() && !lifetime.isZero()) {
        next = earliestAfter(next, k.lifetimeFrom().plus(lifetime), now);
      }
    }
    PendingDs p = s.pending();
    if (p != null) {
      next = earliestAfter(next, now.plus(policy.parentCheckInterval()), now);
      next = earliestAfter(next, p.lastRequest().plus(policy.parentRetryInterval()), now);
      next = earliestAfter(next, p.nextAlert(), now);
    }
    return next;
  }

  private static Instant earliestAfter(Instant current, Instant candidate, Instant now) {
    Instant c = candidate.isAfter(now) ? candidate : now.plusSeconds(1);
    return c.isBefore(current) ? c : current;
  }

  private static Version last(List<Version> v) {
    return v.get(v.size() - 1);
  }

  private static List<Version> append(List<Version> v, Version next) {
    List<Version> out = new ArrayList<>(v);
    out.add(next);
    return out;
  }
}
