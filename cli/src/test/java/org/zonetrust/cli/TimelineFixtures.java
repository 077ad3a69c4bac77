package org.zonetrust.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.zonetrust.dnssec.DnssecAlgorithm;
import org.zonetrust.dnssec.KeyRole;
import org.zonetrust.dnssec.RecordState;
import org.zonetrust.dnssec.RolloverTimeline;
import org.zonetrust.dnssec.RolloverTimeline.Milestone;
import org.zonetrust.dnssec.RolloverTimeline.RecordKind;
import org.zonetrust.dnssec.RolloverTimeline.Span;
import org.zonetrust.dnssec.RolloverTimeline.Track;

/** Timelines built by hand, shaped like the key manager's: a pre-publication ZSK roll. */
final class TimelineFixtures {
  static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
  static final String OLD = "ZSK 13/11111";
  static final String NEW = "ZSK 13/22222";
  static final String KSK = "KSK 13/33333";

  private TimelineFixtures() {}

  static Instant at(Duration d) {
    return T0.plus(d);
  }

  static Instant hours(long h) {
    return T0.plus(Duration.ofHours(h));
  }

  static Span span(long fromHours, long toHours, RecordState state) {
    return new Span(hours(fromHours), hours(toHours), state);
  }

  static Track track(String key, KeyRole role, int tag, RecordKind kind, Span... spans) {
    return new Track(key, role, DnssecAlgorithm.ECDSAP256SHA256, tag, kind, List.of(spans));
  }

  /**
   * Ten days: the new ZSK's DNSKEY is published at +1d, becomes omnipresent at +1d 2h, signs from
   * +2d (old signatures unretentive until +3d), the old DNSKEY is withdrawn at +4d.
   */
  static RolloverTimeline zskRoll(String policyName, String firstMilestone) {
    List<Track> tracks =
        List.of(
            track(
                KSK, KeyRole.KSK, 33333, RecordKind.DNSKEY, span(0, 240, RecordState.OMNIPRESENT)),
            track(
                KSK, KeyRole.KSK, 33333, RecordKind.KRRSIG, span(0, 240, RecordState.OMNIPRESENT)),
            track(KSK, KeyRole.KSK, 33333, RecordKind.DS, span(0, 240, RecordState.OMNIPRESENT)),
            track(
                OLD,
                KeyRole.ZSK,
                11111,
                RecordKind.DNSKEY,
                span(0, 96, RecordState.OMNIPRESENT),
                span(96, 98, RecordState.UNRETENTIVE),
                span(98, 240, RecordState.HIDDEN)),
            track(
                OLD,
                KeyRole.ZSK,
                11111,
                RecordKind.ZRRSIG,
                span(0, 48, RecordState.OMNIPRESENT),
                span(48, 72, RecordState.UNRETENTIVE),
                span(72, 240, RecordState.HIDDEN)),
            track(
                NEW,
                KeyRole.ZSK,
                22222,
                RecordKind.DNSKEY,
                span(0, 24, RecordState.HIDDEN),
                span(24, 26, RecordState.RUMOURED),
                span(26, 240, RecordState.OMNIPRESENT)),
            track(
                NEW,
                KeyRole.ZSK,
                22222,
                RecordKind.ZRRSIG,
                span(0, 48, RecordState.HIDDEN),
                span(48, 72, RecordState.RUMOURED),
                span(72, 240, RecordState.OMNIPRESENT)));
    List<Milestone> milestones =
        List.of(
            new Milestone(hours(24), firstMilestone),
            new Milestone(hours(48), "new ZSK signs"),
            new Milestone(hours(96), "old ZSK withdrawn"));
    return new RolloverTimeline(policyName, T0, hours(240), tracks, milestones);
  }

  static RolloverTimeline zskRoll() {
    return zskRoll("defaults", "ZSK roll starts");
  }
}
