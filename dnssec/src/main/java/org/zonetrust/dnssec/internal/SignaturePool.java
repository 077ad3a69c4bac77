package org.zonetrust.dnssec.internal;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Signature;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.jspecify.annotations.Nullable;
import org.zonetrust.dnssec.DnssecAlgorithm;

/**
 * Thread-safe signing with one private key, producing signatures in DNSSEC wire format: either a
 * pool of initialised JCA {@link Signature} objects (they are not thread-safe themselves), or
 * Bouncy Castle's lightweight API, which needs no JCA provider.
 */
public final class SignaturePool {
  /** The provider name {@link #providerName()} reports for the lightweight Bouncy Castle path. */
  public static final String LIGHTWEIGHT_NAME = "BC";

  private final DnssecAlgorithm algorithm;
  private final @Nullable PrivateKey key;
  private final @Nullable Provider provider;
  private final String jcaName;
  private final @Nullable AsymmetricKeyParameter lightweightKey;
  private final boolean deterministic;
  private final ConcurrentLinkedQueue<Signature> idle = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<LightweightSigner> idleLightweight =
      new ConcurrentLinkedQueue<>();

  /**
   * Creates a pool that signs with a JCA provider.
   *
   * @param algorithm the DNSSEC algorithm
   * @param key the private key
   * @param provider the JCA provider to sign with
   * @param jcaName the JCA signature algorithm name
   */
  public SignaturePool(
      DnssecAlgorithm algorithm, PrivateKey key, Provider provider, String jcaName) {
    this.algorithm = algorithm;
    this.key = key;
    this.provider = provider;
    this.jcaName = jcaName;
    this.lightweightKey = null;
    this.deterministic = false;
  }

  private SignaturePool(
      DnssecAlgorithm algorithm, AsymmetricKeyParameter lightweightKey, boolean deterministic) {
    this.algorithm = algorithm;
    this.key = null;
    this.provider = null;
    this.jcaName = "";
    this.lightweightKey = lightweightKey;
    this.deterministic = deterministic;
  }

  /**
   * Creates a pool that signs with Bouncy Castle's lightweight API.
   *
   * @param algorithm the DNSSEC algorithm
   * @param key the private key (any provider's key with a PKCS#8 encoding)
   * @param deterministicEcdsa whether ECDSA signatures follow RFC 6979
   * @return the pool
   * @throws InvalidKeyException if the key cannot be converted
   */
  public static SignaturePool lightweight(
      DnssecAlgorithm algorithm, PrivateKey key, boolean deterministicEcdsa)
      throws InvalidKeyException {
    return new SignaturePool(algorithm, LightweightSigner.parameters(key), deterministicEcdsa);
  }

  /**
   * Returns the name of the provider in use.
   *
   * @return the JCA provider's name, or {@value #LIGHTWEIGHT_NAME} for the lightweight path
   */
  public String providerName() {
    Provider p = provider;
    return p == null ? LIGHTWEIGHT_NAME : p.getName();
  }

  /**
   * Signs data and returns the signature in DNSSEC wire format.
   *
   * @param data the data to sign (RRSIG RDATA without signature, then the canonical RRset)
   * @return the signature field of the RRSIG
   * @throws GeneralSecurityException if the provider fails
   */
  public byte[] sign(byte[] data) throws GeneralSecurityException {
    AsymmetricKeyParameter lw = lightweightKey;
    if (lw != null) {
      LightweightSigner s = idleLightweight.poll();
      if (s == null) {
        s = LightweightSigner.create(algorithm, lw, deterministic, new SecureRandom());
      }
      byte[] out = s.sign(data);
      idleLightweight.offer(s);
      return out;
    }
    Signature s = idle.poll();
    if (s == null) {
      s = Signature.getInstance(jcaName, requireNonNull(provider));
      s.initSign(requireNonNull(key));
    }
    s.update(data);
    byte[] out = s.sign();
    idle.offer(s);
    int half = KeyEncoding.ecdsaHalfLength(algorithm);
    return half == 0 ? out : KeyEncoding.ecdsaDerToRaw(out, half);
  }

  private static <T> T requireNonNull(@Nullable T value) {
    if (value == null) {
      throw new IllegalStateException("JCA pool without provider or key");
    }
    return value;
  }
}
