package org.zonetrust.acme;

import java.time.Duration;
import java.util.Objects;

/**
 * The limits a {@link RateLimitLedger} keeps below.
 *
 * @param newOrdersPerAccount new orders per ACME account
 * @param certificatesPerRegisteredDomain certificates per registered domain (all accounts)
 * @param duplicateCertificates certificates per exact set of names (all accounts)
 */
public record RateLimits(
    Limit newOrdersPerAccount, Limit certificatesPerRegisteredDomain, Limit duplicateCertificates) {

  /**
   * Validates.
   *
   * @param newOrdersPerAccount see the record component
   * @param certificatesPerRegisteredDomain see the record component
   * @param duplicateCertificates see the record component
   */
  public RateLimits {
    Objects.requireNonNull(newOrdersPerAccount, "newOrdersPerAccount");
    Objects.requireNonNull(certificatesPerRegisteredDomain, "certificatesPerRegisteredDomain");
    Objects.requireNonNull(duplicateCertificates, "duplicateCertificates");
  }

  /**
   * Let's Encrypt's published limits: 300 new orders per account per 3 hours, 50 certificates per
   * registered domain per 7 days, 5 certificates per exact set of names per 7 days.
   *
   * @return the limits
   */
  public static RateLimits letsEncrypt() {
    return new RateLimits(
        new Limit(300, Duration.ofHours(3)),
        new Limit(50, Duration.ofDays(7)),
        new Limit(5, Duration.ofDays(7)));
  }

  /**
   * At most {@code count} events in any period of length {@code period}.
   *
   * @param count the number of events, at least 1
   * @param period the sliding period, positive
   */
  public record Limit(int count, Duration period) {

    /**
     * Validates.
     *
     * @param count see the record component
     * @param period see the record component
     * @throws IllegalArgumentException if count is below 1 or the period not positive
     */
    public Limit {
      if (count < 1) {
        throw new IllegalArgumentException("a limit's count must be >= 1, got " + count);
      }
      if (period.isNegative() || period.isZero()) {
        throw new IllegalArgumentException("a limit's period must be positive, got " + period);
      }
    }
  }
}
