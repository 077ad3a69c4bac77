package org.zonetrust.dnssec.internal.keys;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What one pass of the engine decided.
 *
 * @param state the zone's new state (to be stored before anything is performed)
 * @param republish true when the DNSKEY RRset, its signers, the data signers or the CDS set changed
 * @param requestDs the DS set (key identifiers) to ask the parent for now, or null
 * @param deleted keys to delete (their private keys may go)
 * @param created keys created in this pass
 * @param overdue true when a DS change has waited longer than the policy allows (raise an alert)
 * @param nextEvent when the next pass has something to do
 * @param changes human-readable lines describing each change, for events and logs
 */
public record Outcome(
    ZoneKeys state,
    boolean republish,
    @Nullable Set<String> requestDs,
    List<String> deleted,
    List<String> created,
    boolean overdue,
    Instant nextEvent,
    List<String> changes) {

  /**
   * Copies the lists.
   *
   * @param state new state
   * @param republish whether to publish
   * @param requestDs DS to request, or null
   * @param deleted deleted keys
   * @param created created keys
   * @param overdue whether to alert
   * @param nextEvent next event time
   * @param changes change descriptions
   */
  public Outcome {
    Objects.requireNonNull(state, "state");
    requestDs = requestDs == null ? null : Set.copyOf(requestDs);
    deleted = List.copyOf(deleted);
    created = List.copyOf(created);
    Objects.requireNonNull(nextEvent, "nextEvent");
    changes = List.copyOf(changes);
  }
}
