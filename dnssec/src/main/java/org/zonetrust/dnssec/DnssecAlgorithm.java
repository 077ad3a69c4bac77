package org.zonetrust.dnssec;

import java.util.Optional;

/**
 * The DNSSEC signing algorithms ZoneTrust can generate keys for and sign with (IANA "DNS Security
 * Algorithm Numbers"), each with its code point.
 *
 * <p>Only algorithms recommended for signing by RFC 8624 are offered: RSA/SHA-256 for zones that
 * must stay on RSA, ECDSA P-256 (the default of every modern signer), ECDSA P-384, Ed25519 and
 * Ed448.
 */
public enum DnssecAlgorithm {
  /** RSA/SHA-256 (RFC 5702), code 8. */
  RSASHA256(8, "RSASHA256"),
  /** ECDSA on curve P-256 with SHA-256 (RFC 6605), code 13. */
  ECDSAP256SHA256(13, "ECDSAP256SHA256"),
  /** ECDSA on curve P-384 with SHA-384 (RFC 6605), code 14. */
  ECDSAP384SHA384(14, "ECDSAP384SHA384"),
  /** Ed25519 (RFC 8080), code 15. */
  ED25519(15, "ED25519"),
  /** Ed448 (RFC 8080), code 16. */
  ED448(16, "ED448");

  private final int code;
  private final String mnemonic;

  DnssecAlgorithm(int code, String mnemonic) {
    this.code = code;
    this.mnemonic = mnemonic;
  }

  /**
   * Returns the IANA code point, as it appears in DNSKEY, RRSIG and DS records.
   *
   * @return the algorithm number
   */
  public int code() {
    return code;
  }

  /**
   * Returns the IANA mnemonic, as BIND prints it in key files ({@code ECDSAP256SHA256}).
   *
   * @return the mnemonic
   */
  public String mnemonic() {
    return mnemonic;
  }

  /**
   * Finds the algorithm for a code point.
   *
   * @param code an IANA DNSSEC algorithm number
   * @return the algorithm, or empty if ZoneTrust does not sign with it
   */
  public static Optional<DnssecAlgorithm> fromCode(int code) {
    for (DnssecAlgorithm a : values()) {
      if (a.code == code) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }
}
