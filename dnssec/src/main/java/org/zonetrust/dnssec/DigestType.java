package org.zonetrust.dnssec;

/**
 * DS digest algorithms (IANA "Delegation Signer Digest Algorithms").
 *
 * <p>SHA-256 is the default everywhere; SHA-384 is offered for parents that ask for it. SHA-1 is
 * only produced when a caller asks for it by name (RFC 8624 says it must not be used for new DS
 * records).
 */
public enum DigestType {
  /** SHA-1, code 1: only for parents that still demand it. */
  SHA1(1),
  /** SHA-256, code 2: the default. */
  SHA256(2),
  /** SHA-384, code 4. */
  SHA384(4);

  private final int code;

  DigestType(int code) {
    this.code = code;
  }

  /**
   * Returns the IANA code point.
   *
   * @return the digest type number as it appears in DS records
   */
  public int code() {
    return code;
  }
}
