package org.zonetrust.acme;

import java.time.Instant;
import java.util.Objects;

/**
 * The suggested renewal window of ACME Renewal Information (RFC 9773 section 4.2): the CA asks the
 * client to renew at a time of its choosing inside {@code [start, end)}.
 *
 * @param start the start of the window
 * @param end the end of the window, after {@code start}
 */
public record RenewalWindow(Instant start, Instant end) {

  /**
   * Validates.
   *
   * @param start see the record component
   * @param end see the record component
   * @throws IllegalArgumentException if {@code end} is not after {@code start}
   */
  public RenewalWindow {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException(
          "renewal window end " + end + " is not after its start " + start);
    }
  }
}
