package org.zonetrust.dnssec;

import java.time.Duration;
import java.util.Objects;

/**
 * The validity window of the signatures the signer makes.
 *
 * <p>A signature made at time {@code now} has inception {@code now - inceptionOffset} (back-dated
 * against clock skew) and expiration {@code now + validity - j}, where {@code j} in {@code [0,
 * jitter]} is derived from a hash of the RRset's owner and type and the inception time: it spreads
 * expirations (so a zone is not re-signed all at once) and is deterministic, so the same keys,
 * clock and zone give the same RRSIG headers. {@link ZoneSigner#refresh refresh} keeps a signature
 * while it remains valid for more than {@code refresh}.
 *
 * <p>Defaults ({@link #defaults()}): validity 14 days, inception offset 1 hour, jitter validity/8
 * (42 hours), refresh validity/4 (3.5 days).
 *
 * @param validity how long a fresh signature is valid, counted from now (1 hour to 5 years)
 * @param inceptionOffset how far the inception is back-dated (0 to 7 days)
 * @param jitter the largest amount taken off the expiration (0 or more, less than {@code validity -
 *     refresh})
 * @param refresh signatures with at most this much validity left are re-made (positive, less than
 *     {@code validity - jitter})
 */
public record SignatureValidity(
    Duration validity, Duration inceptionOffset, Duration jitter, Duration refresh) {

  /**
   * Checks the durations.
   *
   * @param validity how long a fresh signature is valid, counted from now (1 hour to 5 years)
   * @param inceptionOffset how far the inception is back-dated (0 to 7 days)
   * @param jitter the largest amount taken off the expiration
   * @param refresh signatures with at most this much validity left are re-made
   * @throws IllegalArgumentException if a duration is out of range or a fresh signature would
   *     already be due for refresh
   */
  public SignatureValidity {
    Objects.requireNonNull(validity, "validity");
    Objects.requireNonNull(inceptionOffset, "inceptionOffset");
    Objects.requireNonNull(jitter, "jitter");
    Objects.requireNonNull(refresh, "refresh");
    if (validity.compareTo(Duration.ofHours(1)) < 0
        || validity.compareTo(Duration.ofDays(5 * 366)) > 0) {
      throw new IllegalArgumentException(
          "signature validity must be 1 hour to 5 years, not " + validity);
    }
    if (inceptionOffset.isNegative() || inceptionOffset.compareTo(Duration.ofDays(7)) > 0) {
      throw new IllegalArgumentException(
          "inception offset must be 0 to 7 days, not " + inceptionOffset);
    }
    if (jitter.isNegative()) {
      throw new IllegalArgumentException("jitter must not be negative: " + jitter);
    }
    if (refresh.isNegative() || refresh.isZero()) {
      throw new IllegalArgumentException("refresh must be positive: " + refresh);
    }
    if (jitter.plus(refresh).compareTo(validity) >= 0) {
      throw new IllegalArgumentException(
          "jitter ("
              + jitter
              + ") plus refresh ("
              + refresh
              + ") must be less than the validity ("
              + validity
              + "), or fresh signatures would already be due for refresh");
    }
  }

  /**
   * Creates a validity window.
   *
   * @param validity how long a fresh signature is valid, counted from now
   * @param inceptionOffset how far the inception is back-dated
   * @param jitter the largest amount taken off the expiration
   * @param refresh signatures with at most this much validity left are re-made
   * @return the validity window
   * @throws IllegalArgumentException if the durations do not fit together (see the record)
   */
  public static SignatureValidity of(
      Duration validity, Duration inceptionOffset, Duration jitter, Duration refresh) {
    return new SignatureValidity(validity, inceptionOffset, jitter, refresh);
  }

  /**
   * Returns the defaults: validity 14 days, inception offset 1 hour, jitter 42 hours (validity/8),
   * refresh 3.5 days (validity/4).
   *
   * @return the default validity window
   */
  public static SignatureValidity defaults() {
    Duration validity = Duration.ofDays(14);
    return new SignatureValidity(
        validity, Duration.ofHours(1), validity.dividedBy(8), validity.dividedBy(4));
  }
}
