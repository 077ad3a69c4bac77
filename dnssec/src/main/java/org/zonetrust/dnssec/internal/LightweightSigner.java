package org.zonetrust.dnssec.internal;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.PrivateKey;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.Signer;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.signers.Ed448Signer;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.crypto.signers.RSADigestSigner;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.zonetrust.dnssec.DnssecAlgorithm;

/**
 * Signs with Bouncy Castle's lightweight API, so that the Bouncy Castle JCA provider (slow to
 * construct) is not needed to sign. One instance is not thread-safe; {@link SignaturePool} keeps
 * several.
 */
final class LightweightSigner {
  private final DnssecAlgorithm algorithm;
  private final AsymmetricKeyParameter key;
  private final boolean deterministic;
  private final java.security.SecureRandom random;

  private LightweightSigner(
      DnssecAlgorithm algorithm,
      AsymmetricKeyParameter key,
      boolean deterministic,
      java.security.SecureRandom random) {
    this.algorithm = algorithm;
    this.key = key;
    this.deterministic = deterministic;
    this.random = random;
  }

  /**
   * Converts a private key (any provider's, from its PKCS#8 encoding) into lightweight parameters.
   *
   * @param key the private key
   * @return the key parameters
   * @throws InvalidKeyException if the key has no usable encoding
   */
  static AsymmetricKeyParameter parameters(PrivateKey key) throws InvalidKeyException {
    byte[] encoded = key.getEncoded();
    if (encoded == null) {
      throw new InvalidKeyException("the private key has no PKCS#8 encoding");
    }
    try {
      return PrivateKeyFactory.createKey(encoded);
    } catch (IOException | RuntimeException e) {
      throw new InvalidKeyException("the private key cannot be read", e);
    } finally {
      java.util.Arrays.fill(encoded, (byte) 0);
    }
  }

  static LightweightSigner create(
      DnssecAlgorithm algorithm,
      AsymmetricKeyParameter key,
      boolean deterministic,
      java.security.SecureRandom random) {
    return new LightweightSigner(algorithm, key, deterministic, random);
  }

  byte[] sign(byte[] data) throws GeneralSecurityException {
    return switch (algorithm) {
      case RSASHA256 -> {
        RSADigestSigner s = new RSADigestSigner(new SHA256Digest());
        yield withSigner(s, data);
      }
      case ED25519 -> withSigner(new Ed25519Signer(), data);
      case ED448 -> withSigner(new Ed448Signer(new byte[0]), data);
      case ECDSAP256SHA256 -> ecdsa(new SHA256Digest(), 32, data);
      case ECDSAP384SHA384 -> ecdsa(new SHA384Digest(), 48, data);
    };
  }

  private byte[] withSigner(Signer s, byte[] data) throws GeneralSecurityException {
    s.init(true, key);
    s.update(data, 0, data.length);
    try {
      return s.generateSignature();
    } catch (CryptoException | RuntimeException e) {
      throw new GeneralSecurityException(algorithm + " signing failed", e);
    }
  }

  private byte[] ecdsa(Digest digest, int half, byte[] data) throws GeneralSecurityException {
    byte[] hash = new byte[digest.getDigestSize()];
    digest.update(data, 0, data.length);
    digest.doFinal(hash, 0);
    if (!(key instanceof ECPrivateKeyParameters)) {
      throw new InvalidKeyException(algorithm + " needs an EC private key");
    }
    ECDSASigner s;
    if (deterministic) {
      Digest kDigest = half == 32 ? new SHA256Digest() : new SHA384Digest();
      s = new ECDSASigner(new HMacDSAKCalculator(kDigest));
      s.init(true, key);
    } else {
      s = new ECDSASigner();
      s.init(true, new ParametersWithRandom(key, random));
    }
    BigInteger[] rs = s.generateSignature(hash);
    byte[] out = new byte[2 * half];
    put(rs[0], out, 0, half);
    put(rs[1], out, half, half);
    return out;
  }

  private static void put(BigInteger v, byte[] out, int offset, int length) {
    byte[] b = v.toByteArray();
    int skip = b.length > length ? b.length - length : 0;
    int n = b.length - skip;
    System.arraycopy(b, skip, out, offset + length - n, n);
  }
}
