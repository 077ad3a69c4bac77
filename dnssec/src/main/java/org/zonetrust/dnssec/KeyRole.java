package org.zonetrust.dnssec;

/**
 * What a key signs, which decides its DNSKEY flags.
 *
 * <p>A key-signing key signs the DNSKEY RRset (and CDS/CDNSKEY) and is what the DS at the parent
 * points to; a zone-signing key signs everything else; a combined signing key does both.
 */
public enum KeyRole {
  /** Key-signing key: signs the DNSKEY RRset; flags 257 (zone key, secure entry point). */
  KSK(257),
  /** Zone-signing key: signs all other RRsets; flags 256 (zone key). */
  ZSK(256),
  /** Combined signing key: signs everything; flags 257. */
  CSK(257);

  private final int flags;

  KeyRole(int flags) {
    this.flags = flags;
  }

  /**
   * Returns the DNSKEY flags field for a key in this role (RFC 4034 section 2.1.1).
   *
   * @return 257 for KSK and CSK, 256 for ZSK
   */
  public int flags() {
    return flags;
  }

  /**
   * Tells whether keys in this role sign the DNSKEY RRset.
   *
   * @return true for KSK and CSK
   */
  public boolean signsKeys() {
    return this != ZSK;
  }

  /**
   * Tells whether keys in this role sign the zone's data (everything but the DNSKEY RRset).
   *
   * @return true for ZSK and CSK
   */
  public boolean signsData() {
    return this != KSK;
  }
}
