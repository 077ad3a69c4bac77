package org.zonetrust.dnssec.internal.keys;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * A DS set asked of the parent and not yet seen on every parent server.
 *
 * @param desired the key identifiers whose DS should be the whole set
 * @param requestedAt when it was first requested
 * @param lastRequest when it was last requested
 * @param nextAlert when the next overdue alert is due
 */
public record PendingDs(
    Set<String> desired, Instant requestedAt, Instant lastRequest, Instant nextAlert) {

  /**
   * Copies the set.
   *
   * @param desired the desired key identifiers
   * @param requestedAt first request
   * @param lastRequest last request
   * @param nextAlert next alert
   */
  public PendingDs {
    desired = Set.copyOf(desired);
    Objects.requireNonNull(requestedAt, "requestedAt");
    Objects.requireNonNull(lastRequest, "lastRequest");
    Objects.requireNonNull(nextAlert, "nextAlert");
  }
}
