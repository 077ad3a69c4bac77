package org.zonetrust.dnssec.internal;

import java.math.BigInteger;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import org.zonetrust.dnssec.DnssecAlgorithm;

/** Public keys in the DNSKEY wire format of RFC 3110 (RSA), RFC 6605 (ECDSA) and RFC 8080. */
public final class KeyEncoding {
  private KeyEncoding() {}

  /**
   * Encodes a public key as the DNSKEY public key field.
   *
   * @param algorithm the algorithm the key is for
   * @param key the public key
   * @return the DNSKEY public key field
   */
  public static byte[] toDnskey(DnssecAlgorithm algorithm, PublicKey key) {
    return switch (algorithm) {
      case RSASHA256 -> rsa((RSAPublicKey) key);
      case ECDSAP256SHA256, ECDSAP384SHA384 -> {
        ECPublicKey ec = (ECPublicKey) key;
        int size = ecdsaHalfLength(algorithm);
        byte[] point = new byte[2 * size];
        pad(ec.getW().getAffineX(), point, 0, size);
        pad(ec.getW().getAffineY(), point, size, size);
        yield point;
      }
      case ED25519, ED448 -> {
        // X.509 SubjectPublicKeyInfo for EdDSA ends with the raw public key (RFC 8410).
        byte[] spki = key.getEncoded();
        int length = algorithm == DnssecAlgorithm.ED25519 ? 32 : 57;
        yield Arrays.copyOfRange(spki, spki.length - length, spki.length);
      }
    };
  }

  private static byte[] rsa(RSAPublicKey rsa) {
    byte[] exponent = unsigned(rsa.getPublicExponent());
    byte[] modulus = unsigned(rsa.getModulus());
    int prefix = exponent.length < 256 ? 1 : 3;
    byte[] out = new byte[prefix + exponent.length + modulus.length];
    if (prefix == 1) {
      out[0] = (byte) exponent.length;
    } else {
      out[1] = (byte) (exponent.length >> 8);
      out[2] = (byte) exponent.length;
    }
    System.arraycopy(exponent, 0, out, prefix, exponent.length);
    System.arraycopy(modulus, 0, out, prefix + exponent.length, modulus.length);
    return out;
  }

  /**
   * Returns the size in bytes of one of the two ECDSA signature halves, or 0 for other algorithms.
   *
   * @param algorithm the algorithm
   * @return 32 for P-256, 48 for P-384, otherwise 0
   */
  public static int ecdsaHalfLength(DnssecAlgorithm algorithm) {
    return switch (algorithm) {
      case ECDSAP256SHA256 -> 32;
      case ECDSAP384SHA384 -> 48;
      default -> 0;
    };
  }

  /**
   * Converts a DER-encoded ECDSA signature ({@code SEQUENCE { r INTEGER, s INTEGER }}) to the
   * {@code r || s} form of RFC 6605, each half left-padded to the curve size.
   *
   * @param der the JCA signature
   * @param half the size of r and s in bytes
   * @return the DNSSEC signature
   */
  public static byte[] ecdsaDerToRaw(byte[] der, int half) {
    int pos = 0;
    if (der[pos++] != 0x30) {
      throw new IllegalArgumentException("ECDSA signature is not a DER SEQUENCE");
    }
    pos += lengthOfLength(der, pos);
    byte[] out = new byte[2 * half];
    for (int i = 0; i < 2; i++) {
      if (der[pos++] != 0x02) {
        throw new IllegalArgumentException("ECDSA signature component is not an INTEGER");
      }
      int len = der[pos++] & 0xff;
      int start = pos;
      int n = len;
      while (n > half && der[start] == 0) {
        start++;
        n--;
      }
      if (n > half) {
        throw new IllegalArgumentException("ECDSA signature component longer than the curve");
      }
      System.arraycopy(der, start, out, i * half + half - n, n);
      pos += len;
    }
    return out;
  }

  private static int lengthOfLength(byte[] der, int pos) {
    int b = der[pos] & 0xff;
    return b < 0x80 ? 1 : 1 + (b & 0x7f);
  }

  private static byte[] unsigned(BigInteger value) {
    byte[] b = value.toByteArray();
    if (b.length > 1 && b[0] == 0) {
      return Arrays.copyOfRange(b, 1, b.length);
    }
    return b;
  }

  private static void pad(BigInteger value, byte[] out, int offset, int size) {
    byte[] b = unsigned(value);
    System.arraycopy(b, 0, out, offset + size - b.length, b.length);
  }
}
