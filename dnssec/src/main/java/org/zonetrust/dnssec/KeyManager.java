package org.zonetrust.dnssec;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.CDNSKEYRecord;
import org.xbill.DNS.CDSRecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.DSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.zonetrust.core.ZoneTrustException;
import org.zonetrust.core.dns.ParentDsChannel;
import org.zonetrust.core.dns.ParentDsView;
import org.zonetrust.core.event.EventListener;
import org.zonetrust.core.event.ZoneTrustEvent;
import org.zonetrust.core.state.Lease;
import org.zonetrust.core.state.StateStore;
import org.zonetrust.core.state.StateStoreException;
import org.zonetrust.core.state.Versioned;
import org.zonetrust.dnssec.RolloverTimeline.RecordKind;
import org.zonetrust.dnssec.internal.keys.KeyEntry;
import org.zonetrust.dnssec.internal.keys.Outcome;
import org.zonetrust.dnssec.internal.keys.PendingDs;
import org.zonetrust.dnssec.internal.keys.RolloverEngine;
import org.zonetrust.dnssec.internal.keys.TimelineSimulator;
import org.zonetrust.dnssec.internal.keys.Version;
import org.zonetrust.dnssec.internal.keys.ZoneKeys;
import org.zonetrust.dnssec.internal.keys.ZoneKeysCodec;

/**
 * Runs DNSSEC for zones by itself: generates keys, publishes and withdraws DNSKEYs, starts and
 * stops signing, publishes CDS/CDNSKEY, asks the parent for DS changes through a {@link
 * ParentDsChannel} and confirms them on every parent server, retires and deletes keys, all
 * following a {@link KeyRolloverPolicy}.
 *
 * <pre>{@code
 * KeyManager keys = KeyManager.builder().store(store).policy(KeyRolloverPolicy.defaults())
 *     .parent(parentChannel).build();
 * keys.register(managedZone);   // a ManagedSignedZone built with .policy(the same policy)
 * TickResult r = keys.tick(managedZone.origin(), Clock.systemUTC());
 * // run tick again at r.nextEvent(), from a cron job or a platform thread
 * }</pre>
 *
 * <p>Each key's DNSKEY, its signatures over the DNSKEY RRset, its signatures over zone data and its
 * DS move through hidden, rumoured, omnipresent and unretentive, and a change is made only when
 * every view a validating resolver may have cached still validates; see {@code
 * docs/dnssec-key-manager.md}. A DS change counts only once every authoritative server of the
 * parent serves it; when that takes longer than {@link KeyRolloverPolicy#parentAlertAfter()} a
 * {@code dnssec.ds.overdue} event is raised, and the zone stays safe meanwhile (the old keys stay).
 *
 * <p>State lives in the {@link StateStore}: one value per zone with the keys and the versions a
 * resolver may still hold, and one per private key. A tick holds the zone's lease, stores its
 * decisions before it acts on them and acts idempotently, so a crash at any instant is resumed by
 * the next tick. Thread-safe.
 */
public final class KeyManager {
  private static final Logger LOG = LoggerFactory.getLogger(KeyManager.class);

  private final StateStore store;
  private final KeyRolloverPolicy policy;
  private final ParentDsChannel parent;
  private final EventListener events;
  private final String holder;
  private final Duration leaseTtl;
  private final RolloverEngine engine;
  private final KeyVault vault;
  private final Map<Name, ManagedSignedZone> zones = new ConcurrentHashMap<>();

  private KeyManager(Builder b, ParentDsChannel parent, StateStore store) {
    this.store = store;
    this.policy = b.policy;
    this.parent = parent;
    this.events = b.events;
    this.holder = b.holder;
    this.leaseTtl = b.leaseTtl;
    this.engine = new RolloverEngine(b.policy, b.retireEarly);
    this.vault = new KeyVault(store);
  }

  /**
   * Starts a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the policy.
   *
   * @return the policy
   */
  public KeyRolloverPolicy policy() {
    return policy;
  }

  /**
   * Puts a zone under management. Its first {@link #tick} generates its keys and signs it, unless
   * it was {@linkplain #adopt adopted}.
   *
   * @param zone the managed signed zone, built with {@link ManagedSignedZoneBuilder#policy} (or a
   *     {@link ManagedSignedZoneBuilder#maxTtl} of at most the policy's largest zone TTL)
   * @throws IllegalArgumentException if the zone's largest TTL is unset or above the policy's
   *     {@link KeyRolloverPolicy#maxZoneTtl()}: a record cached longer than the policy assumes
   *     could outlive the key that signed it
   */
  public void register(ManagedSignedZone zone) {
    checkMaxTtl(zone);
    zones.put(zone.origin(), zone);
  }

  private void checkMaxTtl(ManagedSignedZone zone) {
    Duration limit = policy.maxZoneTtl();
    Optional<Duration> ttl = zone.maxTtl();
    if (ttl.isEmpty() || ttl.get().compareTo(limit) > 0) {
      throw new IllegalArgumentException(
          "zone "
              + zone.origin()
              + (ttl.isEmpty()
                  ? " has no largest TTL"
                  : " allows TTLs up to " + ttl.get().toSeconds() + " s")
              + ", but policy "
              + policy
              + " retires keys as if no TTL were above "
              + limit.toSeconds()
              + " s: build the zone with ManagedSignedZone.builder().policy(policy)");
    }
  }

  /**
   * Takes over a zone that is signed and secure today (for example by BIND, whose key files {@link
   * BindKeyFiles#readDirectory} reads): its keys count as published everywhere, the DS the parent
   * serves now is kept as it is, and every key's lifetime starts now, so adoption starts no
   * rollover. The keys must fit the policy (algorithm, KSK + ZSK or CSK).
   *
   * @param zone the managed signed zone (registered by this call)
   * @param keys the zone's current keys
   * @param clock the clock
   * @throws DnssecException if the zone already has state, the keys do not fit the policy, or the
   *     parent cannot be asked or serves a DS that matches none of the keys
   * @throws IllegalArgumentException if the zone's largest TTL does not fit the policy (see {@link
   *     #register})
   */
  public void adopt(ManagedSignedZone zone, List<SigningKey> keys, Clock clock)
      throws DnssecException {
    checkMaxTtl(zone);
    Name origin = zone.origin();
    if (readState(origin).isPresent()) {
      throw new DnssecException(origin + " is already managed; adopt works only once");
    }
    if (keys.isEmpty()) {
      throw new DnssecException("no keys to adopt for " + origin);
    }
    for (SigningKey k : keys) {
      boolean roleFits = policy.csk() ? k.role() == KeyRole.CSK : k.role() != KeyRole.CSK;
      if (k.algorithm() != policy.algorithm() || !roleFits || !k.zone().equals(origin)) {
        throw new DnssecException(
            "key "
                + k.role()
                + " "
                + k.algorithm().code()
                + "/"
                + k.keyTag()
                + " does not fit policy "
                + policy
                + " for "
                + origin
                + ": adopt with a policy that matches the keys, then change the policy");
      }
    }
    Instant now = clock.instant();
    List<KeyEntry> entries = new ArrayList<>();
    Map<String, SigningKey> byId = new HashMap<>();
    for (SigningKey k : keys) {
      String id = newId(k, k.timing().created().orElse(now));
      entries.add(new KeyEntry(id, k.role(), k.algorithm(), k.keyTag(), now, now, false, false));
      byId.put(id, k);
    }
    ParentDsView view = observe(origin);
    if (dsTtlTooLong(view)) {
      throw new DnssecException(
          "the parent serves the DS of "
              + origin
              + " with TTL "
              + view.dsTtl().getAsLong()
              + " s, above the policy's dsTtl of "
              + policy.dsTtl().toSeconds()
              + " s: adopt with a policy whose dsTtl is at least that, or every KSK roll could"
              + " remove a key whose DS is still cached");
    }
    Set<DSRecord> served =
        view.agreed()
            .orElseThrow(
                () ->
                    new DnssecException(
                        "the parent's servers disagree about the DS of "
                            + origin
                            + "; adopt once they agree: "
                            + view.detail()));
    Set<String> dsIds = matchDs(served, byId);
    if (dsIds == null) {
      throw new DnssecException(
          "the parent serves a DS for "
              + origin
              + " that matches none of the adopted keys: "
              + view.detail());
    }
    // only now that the adoption is accepted do the private keys go to the store
    for (Map.Entry<String, SigningKey> e : byId.entrySet()) {
      vault.put(e.getValue(), e.getKey());
    }
    Set<String> all = byId.keySet();
    Set<String> ksks = new HashSet<>();
    Set<String> zsks = new HashSet<>();
    for (KeyEntry e : entries) {
      if (e.signsKeys()) {
        ksks.add(e.id());
      }
      if (e.signsData()) {
        zsks.add(e.id());
      }
    }
    ZoneKeys state =
        new ZoneKeys(
            entries,
            List.of(new Version(now, all, ksks)),
            List.of(new Version(now, zsks, Set.of())),
            List.of(new Version(now, dsIds, Set.of())),
            null,
            !dsIds.isEmpty(),
            false,
            null);
    register(zone);
    writeState(origin, state, null);
    emit(now, "dnssec.zone.adopted", origin, Map.of("keys", String.valueOf(entries.size())));
  }

  /**
   * Asks for an early roll of the zone's current key(s) of a role; the next tick starts it.
   *
   * @param zone the zone
   * @param role the role to roll
   * @throws DnssecException if the zone has no state or the state cannot be written
   */
  public void requestRoll(Name zone, KeyRole role) throws DnssecException {
    Versioned v = readState(zone).orElseThrow(() -> notManaged(zone));
    ZoneKeys s = ZoneKeysCodec.decode(v.value());
    List<KeyEntry> keys = new ArrayList<>();
    for (KeyEntry k : s.keys()) {
      keys.add(k.role() == role && !k.retiring() ? k.requestRoll() : k);
    }
    writeState(zone, s.withKeys(keys), v);
  }

  /**
   * Makes a secure zone insecure (RFC 8078): publishes the CDS/CDNSKEY delete form and asks the
   * parent for an empty DS set; the zone stays signed (harmless once no DS points at it).
   *
   * @param zone the zone
   * @throws DnssecException if the zone has no state or the state cannot be written
   */
  public void goInsecure(Name zone) throws DnssecException {
    Versioned v = readState(zone).orElseThrow(() -> notManaged(zone));
    writeState(zone, ZoneKeysCodec.decode(v.value()).goingInsecure(), v);
  }

  /**
   * Lists the zones that have key state in the store.
   *
   * @return the zones
   * @throws DnssecException if the store cannot be read
   */
  public List<Name> managedZones() throws DnssecException {
    List<Name> out = new ArrayList<>();
    try {
      for (String key : store.list("dnssec/keys/")) {
        if (key.endsWith("/state")) {
          String z = key.substring("dnssec/keys/".length(), key.length() - "/state".length());
          out.add(Name.fromString(z.equals("root") ? "." : z + "."));
        }
      }
    } catch (StateStoreException | org.xbill.DNS.TextParseException e) {
      throw new DnssecException("cannot list the managed zones", e);
    }
    return out;
  }

  /**
   * Reports the zone's keys and the state of each of their records.
   *
   * @param zone the zone
   * @return one entry per key, or empty if the zone has no state
   * @throws DnssecException if the state cannot be read
   */
  public List<KeyStatus> status(Name zone) throws DnssecException {
    Optional<Versioned> v = readState(zone);
    return v.isEmpty() ? List.of() : statuses(ZoneKeysCodec.decode(v.get().value()));
  }

  /**
   * Runs one pass for a zone: refreshes what the parent serves (while a DS change is awaited),
   * decides what the policy and the caches allow now, stores that decision, then publishes the zone
   * and asks the parent, and deletes keys no resolver can hold any more.
   *
   * @param zone a {@linkplain #register registered} zone
   * @param clock the clock (a simulated clock runs years of rollovers in seconds)
   * @return what was done and when the next pass is due
   * @throws DnssecException if the zone is not registered, signing or publishing failed, or the
   *     state cannot be read or written; the state stays consistent and the next tick resumes
   */
  public TickResult tick(Name zone, Clock clock) throws DnssecException {
    ManagedSignedZone managed = zones.get(zone);
    if (managed == null) {
      throw new DnssecException(zone + " is not registered with this key manager");
    }
    Optional<Lease> lease;
    try {
      lease = store.tryAcquire(KeyVault.leaseName(zone), holder, leaseTtl);
    } catch (StateStoreException e) {
      throw new DnssecException("cannot take the key lease of " + zone, e);
    }
    if (lease.isEmpty()) {
      return new TickResult(
          zone, true, List.of(), false, false, false, clock.instant().plus(leaseTtl), List.of());
    }
    try (Lease held = lease.get()) {
      LOG.debug("{}: key lease held, fencing token {}", zone, held.fencingToken());
      return tickHeld(zone, managed, clock);
    } catch (StateStoreException e) {
      throw new DnssecException("cannot release the key lease of " + zone, e);
    }
  }

  private TickResult tickHeld(Name zone, ManagedSignedZone managed, Clock clock)
      throws DnssecException {
    Optional<Versioned> read = readState(zone);
    ZoneKeys before = read.map(v -> ZoneKeysCodec.decode(v.value())).orElse(ZoneKeys.empty());
    Versioned written = read.orElse(null);
    if (before.unpublished() != null) {
      // a decision was stored but its publication failed or was cut short: publish it first
      managed.setKeys(setup(zone, before));
      before = before.published(clock.instant());
      written = writeState(zone, before, written);
    }
    Instant now = clock.instant();
    Set<String> observed = null;
    if (before.pending() != null) {
      observed = observedIds(zone, before, now);
    }
    Outcome o =
        engine.advance(
            before,
            now,
            observed,
            (role, alg, at) -> {
              SigningKey k = SigningKey.generate(zone, alg, role, policy.rsaBits());
              String id = newId(k, at);
              vault.put(k, id);
              return new KeyEntry(id, role, alg, k.keyTag(), at, at, false, false);
            });
    Set<String> request = o.requestDs();
    ZoneKeys after = o.state();
    PendingDs pend = after.pending();
    if (request != null && pend != null) {
      after = after.withPending(withLastRequest(pend, Instant.EPOCH));
    }
    boolean republish = o.republish() || !managed.hasKeys();
    if (republish) {
      after = after.awaitingPublication(now);
    }
    written = writeState(zone, after, written);
    for (String id : o.created()) {
      emit(now, "dnssec.key.created", zone, Map.of("key", id));
    }
    boolean published;
    if (republish) {
      published = managed.setKeys(setup(zone, after));
      after = after.published(clock.instant());
      written = writeState(zone, after, written);
      if (o.republish()) {
        emit(now, "dnssec.zone.rekeyed", zone, Map.of("changes", String.join("; ", o.changes())));
      }
    } else {
      published = managed.refresh();
    }
    boolean requested = false;
    if (request != null && pend != null) {
      try {
        requestDs(zone, request, now);
      } finally {
        // sent or refused: the next request waits for the retry interval either way
        writeState(zone, after.withPending(withLastRequest(pend, now)), written);
      }
      requested = true;
    }
    if (o.overdue() && pend != null) {
      emit(
          now,
          "dnssec.ds.overdue",
          zone,
          Map.of(
              "requestedAt", pend.requestedAt().toString(),
              "desired", String.join(",", pend.desired())));
      LOG.warn(
          "{}: the parent has not served the DS set requested at {}", zone, pend.requestedAt());
    }
    for (String id : o.deleted()) {
      vault.delete(zone, id);
      emit(now, "dnssec.key.deleted", zone, Map.of("key", id));
    }
    Instant next = o.nextEvent();
    Optional<Instant> refresh = managed.nextRefresh();
    if (refresh.isPresent() && refresh.get().isBefore(next)) {
      next = refresh.get().isAfter(now) ? refresh.get() : now.plusSeconds(1);
    }
    for (String change : o.changes()) {
      LOG.info("{}: {}", zone, change);
    }
    return new TickResult(
        zone, false, o.changes(), published, requested, o.overdue(), next, statuses(after));
  }

  private static PendingDs withLastRequest(PendingDs p, Instant last) {
    return new PendingDs(p.desired(), p.requestedAt(), last, p.nextAlert());
  }

  /**
   * The keys whose DS the parent serves, or null while that cannot be relied on: the parent cannot
   * be asked (the tick goes on, so signatures are still refreshed) or serves the DS with a longer
   * TTL than the policy plans with. Either raises an event; the DS change waits.
   */
  private @Nullable Set<String> observedIds(Name zone, ZoneKeys s, Instant now)
      throws DnssecException {
    ParentDsView view;
    try {
      view = observe(zone);
    } catch (DnssecException e) {
      String why = e.getCause() == null ? e.getMessage() : e.getCause().getMessage();
      LOG.warn("{}: cannot see the parent's DS now, the DS change waits: {}", zone, why);
      emit(now, "dnssec.ds.observe-failed", zone, Map.of("error", String.valueOf(why)));
      return null;
    }
    if (dsTtlTooLong(view)) {
      LOG.warn(
          "{}: the parent serves the DS with TTL {} s, above the policy's {} s; the DS change"
              + " waits until the policy's dsTtl is raised",
          zone,
          view.dsTtl().getAsLong(),
          policy.dsTtl().toSeconds());
      emit(
          now,
          "dnssec.ds.ttl-too-long",
          zone,
          Map.of(
              "served", Long.toString(view.dsTtl().getAsLong()),
              "policy", Long.toString(policy.dsTtl().toSeconds())));
      return null;
    }
    Optional<Set<DSRecord>> agreed = view.agreed();
    if (agreed.isEmpty()) {
      return null;
    }
    Map<String, SigningKey> byId = new HashMap<>();
    for (KeyEntry k : s.keys()) {
      if (k.signsKeys()) {
        byId.put(k.id(), vault.get(zone, k.id(), policy.dnskeyTtl().toSeconds()));
      }
    }
    return matchDs(agreed.get(), byId);
  }

  private static @Nullable Set<String> matchDs(Set<DSRecord> served, Map<String, SigningKey> keys) {
    Set<String> ids = new HashSet<>();
    for (DSRecord ds : served) {
      String match = null;
      for (Map.Entry<String, SigningKey> e : keys.entrySet()) {
        DigestType type = digestType(ds.getDigestID());
        if (type != null && e.getValue().ds(type, ds.getTTL()).equals(ds)) {
          match = e.getKey();
        }
      }
      if (match == null) {
        return null;
      }
      ids.add(match);
    }
    return ids;
  }

  private static @Nullable DigestType digestType(int code) {
    for (DigestType t : DigestType.values()) {
      if (t.code() == code) {
        return t;
      }
    }
    return null;
  }

  private boolean dsTtlTooLong(ParentDsView view) {
    return view.dsTtl().isPresent() && view.dsTtl().getAsLong() > policy.dsTtl().toSeconds();
  }

  private ParentDsView observe(Name zone) throws DnssecException {
    try {
      return parent.observe(zone);
    } catch (ZoneTrustException e) {
      throw new DnssecException("cannot ask the parent of " + zone + " for its DS", e);
    }
  }

  private void requestDs(Name zone, Set<String> ids, Instant now) throws DnssecException {
    Set<DSRecord> ds = new HashSet<>();
    for (String id : ids) {
      ds.add(vault.get(zone, id, 0).ds(policy.dsDigest(), policy.dsTtl().toSeconds()));
    }
    try {
      parent.request(zone, ds);
      emit(now, "dnssec.ds.requested", zone, Map.of("keys", String.join(",", ids)));
    } catch (ZoneTrustException e) {
      emit(now, "dnssec.ds.request-failed", zone, Map.of("keys", String.join(",", ids)));
      throw new DnssecException(
          "the parent refused the DS change for "
              + zone
              + "; it is asked again after "
              + policy.parentRetryInterval(),
          e);
    }
  }

  private KeySetup setup(Name zone, ZoneKeys s) throws DnssecException {
    long ttl = policy.dnskeyTtl().toSeconds();
    Version dk = s.dnskey().get(s.dnskey().size() - 1);
    Version da = s.data().get(s.data().size() - 1);
    List<SigningKey> signers = new ArrayList<>();
    List<DNSKEYRecord> publishedOnly = new ArrayList<>();
    for (String id : dk.members()) {
      boolean keys = dk.signers().contains(id);
      boolean data = da.members().contains(id);
      SigningKey k = vault.get(zone, id, ttl);
      if (!keys && !data) {
        publishedOnly.add(k.dnskey());
      } else if (k.role() == KeyRole.CSK && keys != data) {
        signers.add(vault.get(zone, id, ttl, keys ? KeyRole.KSK : KeyRole.ZSK));
      } else {
        signers.add(k);
      }
    }
    List<Record> cds = new ArrayList<>();
    if (policy.publishCds()) {
      Set<String> cdsIds = RolloverEngine.cdsSet(s);
      if (s.goInsecure() && cdsIds.isEmpty()) {
        cds.add(new CDSRecord(zone, DClass.IN, ttl, 0, 0, 0, new byte[] {0}));
        cds.add(new CDNSKEYRecord(zone, DClass.IN, ttl, 0, 3, 0, new byte[] {0}));
      }
      for (String id : cdsIds) {
        SigningKey k = vault.get(zone, id, ttl);
        DSRecord ds = k.ds(policy.dsDigest(), ttl);
        cds.add(
            new CDSRecord(
                zone,
                DClass.IN,
                ttl,
                ds.getFootprint(),
                ds.getAlgorithm(),
                ds.getDigestID(),
                ds.getDigest()));
        DNSKEYRecord dnskey = k.dnskey();
        cds.add(
            new CDNSKEYRecord(
                zone,
                DClass.IN,
                ttl,
                dnskey.getFlags(),
                dnskey.getProtocol(),
                dnskey.getAlgorithm(),
                dnskey.getKey()));
      }
    }
    return new KeySetup(signers, publishedOnly, cds, policy.dnskeyTtl());
  }

  private List<KeyStatus> statuses(ZoneKeys s) {
    List<KeyStatus> out = new ArrayList<>();
    for (KeyEntry k : s.keys()) {
      out.add(
          new KeyStatus(
              k.id(),
              k.role(),
              k.algorithm(),
              k.keyTag(),
              k.created(),
              k.retiring(),
              s.state(k.id(), RecordKind.DNSKEY),
              s.state(k.id(), RecordKind.KRRSIG),
              s.state(k.id(), RecordKind.ZRRSIG),
              s.state(k.id(), RecordKind.DS)));
    }
    return out;
  }

  private static String newId(SigningKey k, Instant at) {
    return k.role().name().toLowerCase(java.util.Locale.ROOT)
        + "-"
        + k.algorithm().code()
        + "-"
        + k.keyTag()
        + "-"
        + at.getEpochSecond();
  }

  private Optional<Versioned> readState(Name zone) throws DnssecException {
    try {
      return store.get(KeyVault.stateKey(zone));
    } catch (StateStoreException e) {
      throw new DnssecException("cannot read the key state of " + zone, e);
    }
  }

  private Versioned writeState(Name zone, ZoneKeys s, @Nullable Versioned previous)
      throws DnssecException {
    try {
      Optional<Versioned> w =
          store.compareAndSet(
              KeyVault.stateKey(zone),
              previous == null ? Versioned.ABSENT : previous.version(),
              ZoneKeysCodec.encode(s));
      return w.orElseThrow(
          () ->
              new DnssecException(
                  "the key state of " + zone + " was changed by someone else; tick again"));
    } catch (StateStoreException e) {
      throw new DnssecException("cannot write the key state of " + zone, e);
    }
  }

  private static DnssecException notManaged(Name zone) {
    return new DnssecException(zone + " has no key state; register and tick it first");
  }

  private void emit(Instant at, String type, Name zone, Map<String, String> attributes) {
    try {
      events.onEvent(new ZoneTrustEvent(at, type, zone.toString(), attributes));
    } catch (RuntimeException e) {
      LOG.warn("event listener failed on {}", type, e);
    }
  }

  /**
   * Simulates the policy from a zone's first signing through one ZSK roll and one KSK roll (or one
   * CSK roll), with a parent that serves a requested DS after {@code parentLatency}, and returns
   * the timeline and how long each phase took.
   *
   * @param policy the policy
   * @param parentLatency how long the parent takes to serve a DS change
   * @param start the simulated start
   * @return the plan
   */
  public static RolloverPlan plan(KeyRolloverPolicy policy, Duration parentLatency, Instant start) {
    TimelineSimulator sim = new TimelineSimulator(policy, parentLatency, start);
    try {
      TimelineSimulator.Durations d = sim.runPlan();
      return new RolloverPlan(sim.timeline(), d.initial(), d.firstRoll(), d.secondRoll());
    } catch (DnssecException e) {
      throw new IllegalStateException("the simulation makes no real keys", e);
    }
  }

  /** Configures a {@link KeyManager}. */
  public static final class Builder {
    private @Nullable StateStore store;
    private KeyRolloverPolicy policy = KeyRolloverPolicy.defaults();
    private @Nullable ParentDsChannel parent;
    private EventListener events = e -> {};
    private String holder = "zonetrust-" + ProcessHandle.current().pid();
    private Duration leaseTtl = Duration.ofMinutes(5);
    private Duration retireEarly = Duration.ZERO;

    private Builder() {}

    /**
     * Sets the state store (required).
     *
     * @param store the store
     * @return this builder
     */
    public Builder store(StateStore store) {
      this.store = java.util.Objects.requireNonNull(store, "store");
      return this;
    }

    /**
     * Sets the policy (default {@link KeyRolloverPolicy#defaults()}).
     *
     * @param policy the policy
     * @return this builder
     */
    public Builder policy(KeyRolloverPolicy policy) {
      this.policy = java.util.Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * Sets the way to the parent (required).
     *
     * @param parent the parent channel
     * @return this builder
     */
    public Builder parent(ParentDsChannel parent) {
      this.parent = java.util.Objects.requireNonNull(parent, "parent");
      return this;
    }

    /**
     * Sets the event listener.
     *
     * @param events the listener
     * @return this builder
     */
    public Builder events(EventListener events) {
      this.events = java.util.Objects.requireNonNull(events, "events");
      return this;
    }

    /**
     * Sets who holds the zone leases (default: "zonetrust-" and the process id).
     *
     * @param holder the holder name
     * @return this builder
     */
    public Builder holder(String holder) {
      this.holder = java.util.Objects.requireNonNull(holder, "holder");
      return this;
    }

    /**
     * Sets how long a zone lease lasts (default 5 minutes).
     *
     * @param ttl positive
     * @return this builder
     */
    public Builder leaseTtl(Duration ttl) {
      if (ttl.isNegative() || ttl.isZero()) {
        throw new IllegalArgumentException("lease TTL must be positive, not " + ttl);
      }
      this.leaseTtl = ttl;
      return this;
    }

    Builder seededRetireEarly(Duration early) {
      this.retireEarly = early;
      return this;
    }

    /**
     * Builds the key manager.
     *
     * @return the key manager
     * @throws IllegalStateException if the store or the parent is missing
     */
    public KeyManager build() {
      StateStore s = store;
      ParentDsChannel p = parent;
      if (s == null) {
        throw new IllegalStateException("a KeyManager needs a state store: call store(...)");
      }
      if (p == null) {
        throw new IllegalStateException("a KeyManager needs a parent channel: call parent(...)");
      }
      return new KeyManager(this, p, s);
    }
  }
}
