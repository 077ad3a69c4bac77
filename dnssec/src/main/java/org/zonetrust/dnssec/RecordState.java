package org.zonetrust.dnssec;

/**
 * How far one record of a key (its DNSKEY, its signatures over the DNSKEY RRset, its signatures
 * over zone data, or its DS at the parent) has spread through the caches of validating resolvers:
 * the four states of the key-timing model behind BIND's {@code dnssec-policy} ("Flexible and Robust
 * Key Rollover in DNSSEC", with the timing terms of RFC 7583).
 */
public enum RecordState {
  /** Published nowhere and cached nowhere. */
  HIDDEN,
  /** Published, but some resolvers may still hold a cached view without it. */
  RUMOURED,
  /** Published, and every resolver that holds the RRset holds it with this record. */
  OMNIPRESENT,
  /** Withdrawn, but some resolvers may still hold a cached view with it. */
  UNRETENTIVE;

  /**
   * Tells whether some resolver may see the record now.
   *
   * @return true for {@link #RUMOURED}, {@link #OMNIPRESENT} and {@link #UNRETENTIVE}
   */
  public boolean visible() {
    return this != HIDDEN;
  }
}
