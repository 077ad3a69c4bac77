package org.zonetrust.acme;

/**
 * What an order is, for the {@link RateLimitLedger}: Let's Encrypt exempts renewals from some
 * limits.
 */
public enum OrderKind {
  /** A new certificate: counts towards all three limits. */
  NEW,
  /**
   * A renewal without ARI (the exact set of names of an earlier certificate): exempt from the
   * certificates-per-registered-domain limit, counts towards new orders and duplicates.
   */
  RENEWAL,
  /** A renewal with {@code replaces}, inside the ARI window: exempt from all limits. */
  ARI_RENEWAL
}
