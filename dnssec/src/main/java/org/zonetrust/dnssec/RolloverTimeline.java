package org.zonetrust.dnssec;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The life of a zone's keys over a stretch of time, record by record, in the style of the figures
 * of RFC 7583: which key, which record, which {@link RecordState}, from when to when. Made by
 * {@code KeyManager.timeline} (a simulated run of the key manager) and drawn by {@code zonetrust
 * rollover plan}.
 *
 * @param policyName the name of the policy that was simulated
 * @param start the first instant shown
 * @param end the last instant shown
 * @param tracks one track per key and record kind, in the order they should be drawn
 * @param milestones named instants worth marking (a roll started, the DS was confirmed, ...)
 */
public record RolloverTimeline(
    String policyName, Instant start, Instant end, List<Track> tracks, List<Milestone> milestones) {

  /**
   * Copies the lists and checks the bounds.
   *
   * @param policyName the policy's name
   * @param start the first instant
   * @param end the last instant (not before {@code start})
   * @param tracks the tracks
   * @param milestones the milestones
   */
  public RolloverTimeline {
    Objects.requireNonNull(policyName, "policyName");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (end.isBefore(start)) {
      throw new IllegalArgumentException("end " + end + " is before start " + start);
    }
    tracks = List.copyOf(tracks);
    milestones = List.copyOf(milestones);
  }

  /** The kinds of record a key has, one track each. */
  public enum RecordKind {
    /** The key's DNSKEY record in the zone's DNSKEY RRset. */
    DNSKEY,
    /** The key's RRSIGs over the DNSKEY (and CDS/CDNSKEY) RRsets. */
    KRRSIG,
    /** The key's RRSIGs over the zone's other data. */
    ZRRSIG,
    /** The DS for the key at the parent. */
    DS
  }

  /**
   * One record kind of one key over time.
   *
   * @param key a short label for the key, e.g. {@code "KSK 13/12345"}
   * @param role the key's role
   * @param algorithm the key's algorithm
   * @param keyTag the key tag
   * @param kind which of the key's records this track shows
   * @param spans consecutive spans, in time order
   */
  public record Track(
      String key,
      KeyRole role,
      DnssecAlgorithm algorithm,
      int keyTag,
      RecordKind kind,
      List<Span> spans) {

    /**
     * Copies the spans.
     *
     * @param key the key's label
     * @param role the role
     * @param algorithm the algorithm
     * @param keyTag the key tag
     * @param kind the record kind
     * @param spans the spans
     */
    public Track {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(role, "role");
      Objects.requireNonNull(algorithm, "algorithm");
      Objects.requireNonNull(kind, "kind");
      spans = List.copyOf(spans);
    }
  }

  /**
   * A stretch of time during which a record stays in one state.
   *
   * @param from the first instant
   * @param to the instant the next state begins (or the end of the timeline)
   * @param state the state
   */
  public record Span(Instant from, Instant to, RecordState state) {

    /**
     * Checks the bounds.
     *
     * @param from the first instant
     * @param to the end (not before {@code from})
     * @param state the state
     */
    public Span {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
      Objects.requireNonNull(state, "state");
      if (to.isBefore(from)) {
        throw new IllegalArgumentException("span ends " + to + " before it starts " + from);
      }
    }

    /**
     * Returns how long the span lasts.
     *
     * @return {@code to - from}
     */
    public Duration length() {
      return Duration.between(from, to);
    }
  }

  /**
   * A named instant.
   *
   * @param at when
   * @param label what happened, e.g. {@code "ZSK roll starts"}
   */
  public record Milestone(Instant at, String label) {

    /**
     * Checks that nothing is null.
     *
     * @param at when
     * @param label what happened
     */
    public Milestone {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(label, "label");
    }
  }
}
