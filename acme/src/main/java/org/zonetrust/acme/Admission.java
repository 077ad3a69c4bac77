package org.zonetrust.acme;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The answer of {@link RateLimitLedger#admit}: may the order be started?
 *
 * @param admitted true if the order was counted and may be started
 * @param retryAt if refused: the earliest instant at which the limit that refused has room again
 * @param reason which limit refused, or {@code "admitted"}
 * @param token identifies the counted entries (for {@link RateLimitLedger#cancel}); empty if
 *     refused
 * @param buckets the state keys of the buckets the order was counted in
 */
public record Admission(
    boolean admitted,
    @Nullable Instant retryAt,
    String reason,
    String token,
    List<String> buckets) {

  /**
   * Validates and copies.
   *
   * @param admitted see the record component
   * @param retryAt see the record component
   * @param reason see the record component
   * @param token see the record component
   * @param buckets see the record component
   */
  public Admission {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(token, "token");
    buckets = List.copyOf(buckets);
    if (!admitted && retryAt == null) {
      throw new IllegalArgumentException("a refusal needs retryAt");
    }
  }
}
