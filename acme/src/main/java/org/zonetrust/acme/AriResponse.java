package org.zonetrust.acme;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One answer of a CA's {@code renewalInfo} resource (RFC 9773): the suggested window and the {@code
 * Retry-After} that says when to ask again.
 *
 * @param window the suggested window
 * @param retryAfter the response's Retry-After, or null if it had none
 */
public record AriResponse(RenewalWindow window, @Nullable Duration retryAfter) {

  /**
   * Validates.
   *
   * @param window see the record component
   * @param retryAfter see the record component
   */
  public AriResponse {
    Objects.requireNonNull(window, "window");
  }
}
