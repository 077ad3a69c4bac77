package org.zonetrust.acme;

/** The type of the certificate's key pair (not the ACME account key, which is always EC P-256). */
public enum CertificateKeyType {
  /** ECDSA on NIST P-256 (secp256r1): the default; small and fast, accepted everywhere. */
  EC_P256,
  /** ECDSA on NIST P-384 (secp384r1). */
  EC_P384,
  /** RSA with a 2048-bit modulus. */
  RSA_2048,
  /** RSA with a 3072-bit modulus. */
  RSA_3072,
  /** RSA with a 4096-bit modulus. */
  RSA_4096;

  /**
   * Whether this is an RSA type.
   *
   * @return true for the RSA types
   */
  public boolean isRsa() {
    return this == RSA_2048 || this == RSA_3072 || this == RSA_4096;
  }

  /**
   * The key size: the curve's field size for EC, the modulus length for RSA.
   *
   * @return bits
   */
  public int bits() {
    return switch (this) {
      case EC_P256 -> 256;
      case EC_P384 -> 384;
      case RSA_2048 -> 2048;
      case RSA_3072 -> 3072;
      case RSA_4096 -> 4096;
    };
  }
}
