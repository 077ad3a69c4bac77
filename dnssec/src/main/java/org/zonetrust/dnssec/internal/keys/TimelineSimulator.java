package org.zonetrust.dnssec.internal.keys;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.zonetrust.dnssec.DnssecException;
import org.zonetrust.dnssec.KeyRole;
import org.zonetrust.dnssec.KeyRolloverPolicy;
import org.zonetrust.dnssec.RecordState;
import org.zonetrust.dnssec.RolloverTimeline;
import org.zonetrust.dnssec.RolloverTimeline.Milestone;
import org.zonetrust.dnssec.RolloverTimeline.RecordKind;
import org.zonetrust.dnssec.RolloverTimeline.Span;
import org.zonetrust.dnssec.RolloverTimeline.Track;

/**
 * Runs the engine alone (no keys, no signing, a parent that serves a requested DS set after a fixed
 * latency) through a zone's first signing, one roll of the zone-signing key and one roll of the
 * key-signing key, and records every state change: the timeline behind {@code zonetrust rollover
 * plan} and the rollover durations it reports.
 */
public final class TimelineSimulator {
  private static final int MAX_STEPS = 10_000;

  private final KeyRolloverPolicy policy;
  private final Duration parentLatency;
  private final RolloverEngine engine;
  private ZoneKeys state = ZoneKeys.empty();
  private Instant now;
  private @Nullable Instant parentServesAt;
  private Set<String> parentServes = Set.of();
  private int serial;
  private final Map<String, KeyEntry> seen = new LinkedHashMap<>();
  private final Map<String, List<Span>> spans = new LinkedHashMap<>();
  private final Map<String, RecordState> last = new LinkedHashMap<>();
  private final List<Milestone> milestones = new ArrayList<>();

  /**
   * Creates a simulator.
   *
   * @param policy the policy
   * @param parentLatency how long the parent takes to serve a requested DS set
   * @param start the simulated start instant
   */
  public TimelineSimulator(KeyRolloverPolicy policy, Duration parentLatency, Instant start) {
    this.policy = policy;
    this.parentLatency = parentLatency;
    this.engine = new RolloverEngine(policy);
    this.now = start;
  }

  /** The durations of the simulated rolls. */
  public record Durations(Duration initial, Duration firstRoll, Duration secondRoll) {}

  /**
   * Runs the first signing, then a roll of the data-signing key (ZSK, or the CSK), then, for a
   * KSK/ZSK policy, a roll of the KSK; each roll starts when the previous one has finished.
   *
   * @return how long each phase took until the zone was steady again
   * @throws DnssecException never in practice (the simulator invents its keys)
   */
  public Durations runPlan() throws DnssecException {
    Instant t0 = now;
    milestones.add(new Milestone(now, "zone signed for the first time"));
    runUntilSteady();
    Duration initial = Duration.between(t0, now);
    KeyRole first = policy.csk() ? KeyRole.CSK : KeyRole.ZSK;
    Duration a = roll(first);
    Duration b = policy.csk() ? Duration.ZERO : roll(KeyRole.KSK);
    return new Durations(initial, a, b);
  }

  private Duration roll(KeyRole role) throws DnssecException {
    Instant t = now;
    milestones.add(new Milestone(now, role + " roll starts"));
    List<KeyEntry> keys = new ArrayList<>(state.keys());
    for (int i = 0; i < keys.size(); i++) {
      if (keys.get(i).role() == role && !keys.get(i).retiring()) {
        keys.set(i, keys.get(i).requestRoll());
      }
    }
    state = state.withKeys(keys);
    runUntilSteady();
    milestones.add(new Milestone(now, role + " roll complete"));
    return Duration.between(t, now);
  }

  /**
   * Ticks until nothing is pending, every family has one version and no key is retiring.
   *
   * @throws DnssecException never in practice
   */
  public void runUntilSteady() throws DnssecException {
    for (int i = 0; i < MAX_STEPS; i++) {
      tick();
      if (steady()) {
        return;
      }
      Instant next = nextEvent;
      Instant parent = parentServesAt;
      if (parent != null && parent.isBefore(next) && parent.isAfter(now)) {
        next = parent;
      }
      now = next;
    }
    throw new IllegalStateException("no steady state after " + MAX_STEPS + " steps at " + now);
  }

  private Instant nextEvent = Instant.EPOCH;

  private void tick() throws DnssecException {
    Instant p = parentServesAt;
    Set<String> observed = p != null && !now.isBefore(p) ? parentServes : null;
    Outcome o =
        engine.advance(
            state,
            now,
            observed,
            (role, alg, at) -> {
              serial++;
              String id = "k" + serial;
              return new KeyEntry(id, role, alg, 10_000 + serial, at, at, false, false);
            });
    state = o.state();
    nextEvent = o.nextEvent();
    Set<String> req = o.requestDs();
    if (req != null && (parentServesAt == null || !req.equals(parentServes))) {
      parentServes = req;
      parentServesAt = now.plus(parentLatency);
    }
    if (observed != null && state.pending() == null) {
      parentServesAt = null;
    }
    for (KeyEntry k : state.keys()) {
      seen.putIfAbsent(k.id(), k);
    }
    for (String id : o.deleted()) {
      KeyEntry k = seen.get(id);
      milestones.add(new Milestone(now, (k == null ? id : k.label()) + " deleted"));
    }
    for (KeyEntry k : seen.values()) {
      for (RecordKind kind : RecordKind.values()) {
        if (!k.signsKeys() && (kind == RecordKind.KRRSIG || kind == RecordKind.DS)) {
          continue;
        }
        if (!k.signsData() && kind == RecordKind.ZRRSIG && !policy.csk()) {
          continue;
        }
        String track = k.id() + "/" + kind;
        RecordState s = state.state(k.id(), kind);
        RecordState before = last.get(track);
        if (before != s) {
          spans.computeIfAbsent(track, x -> new ArrayList<>()).add(new Span(now, now, s));
          last.put(track, s);
        }
      }
    }
  }

  private boolean steady() {
    return state.pending() == null
        && state.dnskey().size() == 1
        && state.data().size() == 1
        && state.ds().size() == 1
        && !state.ds().get(0).members().isEmpty()
        && state.keys().stream().noneMatch(KeyEntry::retiring);
  }

  /**
   * Returns the recorded timeline, spans closed at the current instant.
   *
   * @return the timeline
   */
  public RolloverTimeline timeline() {
    List<Track> tracks = new ArrayList<>();
    Instant start = milestones.isEmpty() ? now : milestones.get(0).at();
    for (KeyEntry k : seen.values()) {
      for (RecordKind kind : RecordKind.values()) {
        List<Span> raw = spans.get(k.id() + "/" + kind);
        if (raw == null) {
          continue;
        }
        List<Span> closed = new ArrayList<>();
        if (raw.get(0).from().isAfter(start)) {
          closed.add(new Span(start, raw.get(0).from(), RecordState.HIDDEN));
        }
        for (int i = 0; i < raw.size(); i++) {
          Instant to = i + 1 < raw.size() ? raw.get(i + 1).from() : now;
          closed.add(new Span(raw.get(i).from(), to, raw.get(i).state()));
        }
        tracks.add(new Track(k.label(), k.role(), k.algorithm(), k.keyTag(), kind, closed));
      }
    }
    return new RolloverTimeline(policy.name(), start, now, tracks, milestones);
  }

  /**
   * Returns the current simulated instant.
   *
   * @return the instant
   */
  public Instant now() {
    return now;
  }
}
