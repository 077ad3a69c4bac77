package org.zonetrust.dnssec;

import java.time.Duration;
import java.util.Objects;

/**
 * A policy played out by {@link KeyManager#plan}: the timeline, and how long each phase took from
 * its start until the zone was steady again (the old key deleted).
 *
 * @param timeline every state change of every key
 * @param firstSigning from the first signature to the first DS confirmed and steady
 * @param zskRoll the roll of the ZSK (or of the CSK, for a CSK policy)
 * @param kskRoll the roll of the KSK (zero for a CSK policy)
 */
public record RolloverPlan(
    RolloverTimeline timeline, Duration firstSigning, Duration zskRoll, Duration kskRoll) {

  /**
   * Checks that nothing is null.
   *
   * @param timeline the timeline
   * @param firstSigning the first signing
   * @param zskRoll the ZSK (or CSK) roll
   * @param kskRoll the KSK roll
   */
  public RolloverPlan {
    Objects.requireNonNull(timeline, "timeline");
    Objects.requireNonNull(firstSigning, "firstSigning");
    Objects.requireNonNull(zskRoll, "zskRoll");
    Objects.requireNonNull(kskRoll, "kskRoll");
  }
}
