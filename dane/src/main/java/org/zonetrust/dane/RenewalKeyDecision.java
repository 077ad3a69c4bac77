package org.zonetrust.dane;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The planner's answer to "which key does this renewal use?", with the reason and the instant from
 * which the answer is (or becomes) {@link RenewalKey#NEXT}.
 *
 * @param key the key to renew with
 * @param reason a human-readable explanation, for logs and the control panel
 * @param nextFrom the instant from which {@code NEXT} is safe, or {@code null} while it is unknown
 *     (no next key, or its TLSA not yet confirmed on every authoritative server)
 */
public record RenewalKeyDecision(RenewalKey key, String reason, @Nullable Instant nextFrom) {
  /**
   * Validates.
   *
   * @param key the key to renew with
   * @param reason the explanation
   * @param nextFrom when {@code NEXT} is safe, or {@code null}
   * @throws IllegalArgumentException if {@code NEXT} comes without the instant it became safe
   */
  public RenewalKeyDecision {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(reason, "reason");
    if (key == RenewalKey.NEXT && nextFrom == null) {
      throw new IllegalArgumentException("NEXT needs the instant it became safe");
    }
  }

  /**
   * The instant from which the next key may be used, if known.
   *
   * @return the instant
   */
  public Optional<Instant> switchAt() {
    return Optional.ofNullable(nextFrom);
  }
}
