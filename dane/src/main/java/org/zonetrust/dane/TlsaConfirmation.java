package org.zonetrust.dane;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.zonetrust.core.dns.PropagationResult;

/**
 * A publish set confirmed served by every authoritative server of its zones, the start of the
 * rollover hold-down.
 *
 * @param set the publish set that every server serves
 * @param servedEverywhereAt when the last server was seen serving it (from the planner's clock)
 * @param previousTtl the TTL of the TLSA RRsets served before this set, or {@code null} if the
 *     owner names had no TLSA records (then only the zone's negative TTL bounds what resolvers
 *     hold)
 * @param results the propagation result of each owner name (empty when the time was given)
 */
public record TlsaConfirmation(
    TlsaPublishSet set,
    Instant servedEverywhereAt,
    @Nullable Duration previousTtl,
    List<PropagationResult> results) {
  /**
   * Validates and copies.
   *
   * @param set the publish set
   * @param servedEverywhereAt when every server served it
   * @param previousTtl the TTL of the TLSA RRsets before, or {@code null}
   * @param results the propagation results
   * @throws IllegalArgumentException if the previous TTL is negative
   */
  public TlsaConfirmation {
    Objects.requireNonNull(set, "set");
    Objects.requireNonNull(servedEverywhereAt, "servedEverywhereAt");
    if (previousTtl != null && previousTtl.isNegative()) {
      throw new IllegalArgumentException("previous TLSA TTL " + previousTtl + " is negative");
    }
    results = List.copyOf(results);
  }

  /**
   * A confirmation observed by other means (e.g. a platform that checks its own servers).
   *
   * @param set the publish set
   * @param servedEverywhereAt when every authoritative server served it
   * @param previousTtl the TTL of the TLSA RRsets before, or {@code null} if there were none
   * @return the confirmation
   */
  public static TlsaConfirmation of(
      TlsaPublishSet set, Instant servedEverywhereAt, @Nullable Duration previousTtl) {
    return new TlsaConfirmation(set, servedEverywhereAt, previousTtl, List.of());
  }

  /**
   * The TTL of the TLSA RRsets served before this set, if there were any.
   *
   * @return the previous TTL
   */
  public Optional<Duration> previous() {
    return Optional.ofNullable(previousTtl);
  }
}
