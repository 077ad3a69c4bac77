package org.zonetrust.dnssec;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.xbill.DNS.Name;

/**
 * What one {@link KeyManager#tick} did for a zone.
 *
 * @param zone the zone
 * @param skipped true if another process holds the zone's lease (nothing was done)
 * @param changes one line per decision (a key created, a DNSKEY RRset changed, a DS requested or
 *     confirmed, a key deleted), in order
 * @param published true if the zone was re-signed and published
 * @param dsRequested true if a DS change was sent to the parent
 * @param overdue true if a DS change has waited longer than the policy's alert threshold
 * @param nextEvent when the next tick has something to do (a cron job or a platform thread may
 *     sleep until then)
 * @param keys the keys after the tick
 */
public record TickResult(
    Name zone,
    boolean skipped,
    List<String> changes,
    boolean published,
    boolean dsRequested,
    boolean overdue,
    Instant nextEvent,
    List<KeyStatus> keys) {

  /**
   * Copies the lists.
   *
   * @param zone the zone
   * @param skipped whether the tick was skipped
   * @param changes the decisions
   * @param published whether the zone was published
   * @param dsRequested whether a DS change was sent
   * @param overdue whether a DS change is overdue
   * @param nextEvent the next event time
   * @param keys the keys
   */
  public TickResult {
    Objects.requireNonNull(zone, "zone");
    changes = List.copyOf(changes);
    Objects.requireNonNull(nextEvent, "nextEvent");
    keys = List.copyOf(keys);
  }
}
