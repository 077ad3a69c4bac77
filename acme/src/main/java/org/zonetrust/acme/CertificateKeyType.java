package org.zonetrust.acme;

import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;

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

  /**
   * The type of a public key.
   *
   * @param publicKey an EC or RSA public key
   * @return its type
   * @throws IllegalArgumentException if it is neither P-256, P-384 nor RSA 2048/3072/4096
   */
  public static CertificateKeyType of(PublicKey publicKey) {
    if (publicKey instanceof ECPublicKey ec) {
      int bits = ec.getParams().getCurve().getField().getFieldSize();
      if (bits == 256) {
        return EC_P256;
      } else if (bits == 384) {
        return EC_P384;
      }
      throw new IllegalArgumentException("EC keys must be P-256 or P-384, got " + bits + " bits");
    }
    if (publicKey instanceof RSAPublicKey rsa) {
      int bits = rsa.getModulus().bitLength();
      for (CertificateKeyType t : values()) {
        if (t.isRsa() && t.bits() == bits) {
          return t;
        }
      }
      throw new IllegalArgumentException("RSA keys must have 2048, 3072 or 4096 bits, got " + bits);
    }
    throw new IllegalArgumentException(
        "certificate keys must be EC or RSA, got " + publicKey.getAlgorithm());
  }
}
