package org.zonetrust.dnssec;

/**
 * How a key of one role is replaced (RFC 6781 section 4.1, RFC 7583). The method for a ZSK is
 * {@link #PRE_PUBLICATION} or {@link #DOUBLE_SIGNATURE}; for a KSK (and the DS half of a CSK) it is
 * {@link #DOUBLE_KSK} or {@link #DOUBLE_DS}. A change of algorithm always rolls every key at once,
 * signatures first (RFC 6781 section 4.1.4).
 */
public enum RolloverMethod {
  /** ZSK: publish the new DNSKEY, wait until every cache holds it, then swap the signatures. */
  PRE_PUBLICATION,
  /** ZSK: publish the new DNSKEY and its signatures together, then withdraw the old ones. */
  DOUBLE_SIGNATURE,
  /** KSK: publish the new DNSKEY (signing the DNSKEY RRset), then swap the DS at the parent. */
  DOUBLE_KSK,
  /** KSK: add the new DS at the parent first, then swap the DNSKEY, then remove the old DS. */
  DOUBLE_DS;

  /**
   * Tells whether this method replaces zone-signing keys.
   *
   * @return true for {@link #PRE_PUBLICATION} and {@link #DOUBLE_SIGNATURE}
   */
  public boolean forZsk() {
    return this == PRE_PUBLICATION || this == DOUBLE_SIGNATURE;
  }
}
