package org.zonetrust.dnssec;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DSRecord;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.TXTRecord;
import org.zonetrust.core.ZoneTrustException;
import org.zonetrust.core.dns.ParentDsChannel;
import org.zonetrust.core.dns.ParentDsView;
import org.zonetrust.core.event.ZoneTrustEvent;
import org.zonetrust.core.state.FileStateStore;

/**
 * Runs the real {@link KeyManager} and {@link ManagedSignedZone} against a simulated clock and a
 * simulated parent that serves a requested DS set after a fixed latency, and feeds every
 * publication of the child zone and every DS change at the parent to the independent {@link
 * ResolverCacheChecker}, which is asked at every event (and just before the next one) whether every
 * resolver cache the TTLs allow still validates.
 */
final class RolloverSimulation {
  static final Name ZONE = Name.fromConstantString("sim.example.");

  final SimClock clock;
  final ResolverCacheChecker checker;
  final List<ZoneTrustEvent> events = new ArrayList<>();
  final Map<String, Integer> deletedByRole = new HashMap<>();
  int ticks;

  /** How many of the next publications fail. */
  int failPublications;

  /** How many of the next DS requests the parent refuses. */
  int refuseRequests;

  /** How many of the next observations of the parent fail. */
  int failObservations;

  /** The records of the last successful publication. */
  List<Record> published = List.of();

  /** How many publications succeeded. */
  int publications;

  /**
   * Whether every tick runs on a new key manager and managed zone over the same store, as a cron
   * job's process does.
   */
  boolean restartEveryTick;

  final List<String> log = new ArrayList<>();
  private final FileStateStore store;
  private final ZonePublisher publisher;
  private ManagedSignedZone zone;
  private final SimParent parent;
  private final Duration retireEarly;
  private KeyManager manager;
  private KeyRolloverPolicy policy;

  RolloverSimulation(
      KeyRolloverPolicy policy,
      Duration parentLatency,
      Duration retireEarly,
      Duration checkerMargin,
      Path dir,
      Instant start)
      throws Exception {
    this.policy = policy;
    this.retireEarly = retireEarly;
    this.clock = new SimClock(start);
    this.checker =
        new ResolverCacheChecker(
            ZONE, policy.zonePropagationDelay(), policy.parentPropagationDelay(), checkerMargin);
    this.store = FileStateStore.open(dir.resolve("state"), clock);
    this.parent = new SimParent(parentLatency, policy.dsTtl(), policy.parentNegativeTtl());
    this.publisher =
        (signed, previous) -> {
          if (failPublications > 0) {
            failPublications--;
            throw new ZonePublishException("simulated: the primary is down");
          }
          published = signed.records();
          publications++;
          checker.childPublished(clock.instant(), signed.records());
        };
    this.zone = zone(policy);
    this.manager = manager(policy);
  }

  private ManagedSignedZone zone(KeyRolloverPolicy p) throws Exception {
    return ManagedSignedZone.builder()
        .origin(ZONE)
        .records(records(p))
        .store(store)
        .publisher(publisher)
        .clock(clock)
        .policy(p)
        .build();
  }

  /** A new process: a new managed zone and key manager over the same store and publisher. */
  void restart() throws Exception {
    this.zone = zone(policy);
    this.manager = manager(policy);
  }

  private KeyManager manager(KeyRolloverPolicy p) {
    KeyManager m =
        KeyManager.builder()
            .store(store)
            .policy(p)
            .parent(parent)
            .events(events::add)
            .seededRetireEarly(retireEarly)
            .build();
    m.register(zone);
    return m;
  }

  /** Switches the policy (e.g. to another algorithm); the next tick acts on it. */
  void switchPolicy(KeyRolloverPolicy next) {
    this.policy = next;
    this.manager = manager(next);
  }

  KeyManager manager() {
    return manager;
  }

  /** Ticks at every event until {@code end}, checking every cached view at each step. */
  void runUntil(Instant end) throws Exception {
    Instant next = clock.instant();
    List<KeyStatus> before = manager.status(ZONE);
    while (!next.isAfter(end)) {
      TickResult r = tickAt(next, before);
      before = r.keys();
      next = r.nextEvent();
      Instant served = parent.servesAt();
      if (served != null && served.isAfter(clock.instant()) && served.isBefore(next)) {
        next = served;
      }
      if (next.minusSeconds(1).isAfter(clock.instant())) {
        checker.check(next.minusSeconds(1));
      }
    }
  }

  /**
   * One tick at {@code at} (not before the clock), checked like every tick of {@link #runUntil}.
   */
  TickResult tickAt(Instant at) throws Exception {
    return tickAt(at, manager.status(ZONE));
  }

  private TickResult tickAt(Instant at, List<KeyStatus> before) throws Exception {
    clock.set(at);
    parent.settle(clock.instant());
    if (restartEveryTick) {
      restart();
    }
    TickResult r = manager.tick(ZONE, clock);
    ticks++;
    r.changes().forEach(c -> log.add(clock.instant() + " " + c));
    countDeleted(before, r.keys());
    checker.check(clock.instant());
    return r;
  }

  private void countDeleted(List<KeyStatus> before, List<KeyStatus> after) {
    for (KeyStatus k : before) {
      if (after.stream().noneMatch(a -> a.id().equals(k.id()))) {
        deletedByRole.merge(k.role().name(), 1, Integer::sum);
      }
    }
  }

  /** Changes the TTL with which the parent serves the next DS sets it publishes. */
  void parentDsTtl(Duration ttl) {
    parent.dsTtl = ttl.toSeconds();
  }

  /** Changes how long the parent takes to serve the next requested DS set. */
  void parentLatency(Duration latency) {
    parent.latency = latency;
  }

  FileStateStore store() {
    return store;
  }

  Set<DSRecord> parentServes() {
    return parent.served;
  }

  private static List<Record> records(KeyRolloverPolicy p) throws Exception {
    long ttl = p.maxZoneTtl().toSeconds();
    long expire = p.soaExpire().toSeconds();
    Name ns = new Name("ns1", ZONE);
    List<Record> r = new ArrayList<>();
    r.add(
        new SOARecord(
            ZONE,
            DClass.IN,
            ttl,
            ns,
            new Name("hostmaster", ZONE),
            1,
            Math.min(3600, expire),
            Math.min(600, expire),
            expire,
            Math.min(ttl, 300)));
    r.add(new NSRecord(ZONE, DClass.IN, ttl, ns));
    r.add(new ARecord(ns, DClass.IN, ttl, java.net.InetAddress.getByName("192.0.2.53")));
    r.add(
        new ARecord(
            new Name("www", ZONE), DClass.IN, ttl, java.net.InetAddress.getByName("192.0.2.80")));
    r.add(new MXRecord(ZONE, DClass.IN, ttl, 10, new Name("mail", ZONE)));
    r.add(
        new ARecord(
            new Name("mail", ZONE), DClass.IN, ttl, java.net.InetAddress.getByName("192.0.2.25")));
    r.add(new TXTRecord(ZONE, DClass.IN, ttl, "v=spf1 mx -all"));
    return r;
  }

  /** A parent that serves a requested DS set on all its servers {@code latency} later. */
  private final class SimParent implements ParentDsChannel {
    private Duration latency;
    private long dsTtl;
    private final long negativeTtl;
    Set<DSRecord> served = Set.of();
    private @Nullable Set<DSRecord> scheduled;
    private @Nullable Instant at;

    SimParent(Duration latency, Duration dsTtl, Duration negativeTtl) {
      this.latency = latency;
      this.dsTtl = dsTtl.toSeconds();
      this.negativeTtl = negativeTtl.toSeconds();
      checker.parentPublished(clock.instant(), Set.of(), this.negativeTtl);
    }

    @Nullable Instant servesAt() {
      return scheduled == null ? null : at;
    }

    void settle(Instant now) {
      Set<DSRecord> s = scheduled;
      Instant when = at;
      if (s != null && when != null && !now.isBefore(when)) {
        served = s;
        scheduled = null;
        checker.parentPublished(when, s, s.isEmpty() ? negativeTtl : dsTtl);
      }
    }

    @Override
    public void request(Name z, Set<DSRecord> desired) throws ZoneTrustException {
      if (refuseRequests > 0) {
        refuseRequests--;
        throw new ZoneTrustException("simulated: the registry is down");
      }
      Set<DSRecord> copy = Set.copyOf(desired);
      if (copy.equals(served) || copy.equals(scheduled)) {
        return;
      }
      scheduled = copy;
      at = clock.instant().plus(latency);
    }

    @Override
    public ParentDsView observe(Name z) throws ZoneTrustException {
      if (failObservations > 0) {
        failObservations--;
        throw new ZoneTrustException("simulated: the parent's servers cannot be found");
      }
      settle(clock.instant());
      return new ParentDsView(
          z,
          Optional.of(served),
          "simulated parent",
          served.isEmpty() ? OptionalLong.empty() : OptionalLong.of(dsTtl));
    }
  }
}
