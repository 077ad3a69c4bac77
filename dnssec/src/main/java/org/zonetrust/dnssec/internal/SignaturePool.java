package org.zonetrust.dnssec.internal;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Signature;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.zonetrust.dnssec.DnssecAlgorithm;

/**
 * Thread-safe signing with one private key: a pool of initialised {@link Signature} objects (they
 * are not thread-safe themselves), producing signatures in DNSSEC wire format.
 */
public final class SignaturePool {
  private final DnssecAlgorithm algorithm;
  private final PrivateKey key;
  private final Provider provider;
  private final String jcaName;
  private final ConcurrentLinkedQueue<Signature> idle = new ConcurrentLinkedQueue<>();

  /**
   * Creates a pool.
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
  }

  /**
   * Returns the provider in use.
   *
   * @return the JCA provider
   */
  public Provider provider() {
    return provider;
  }

  /**
   * Signs data and returns the signature in DNSSEC wire format.
   *
   * @param data the data to sign (RRSIG RDATA without signature, then the canonical RRset)
   * @return the signature field of the RRSIG
   * @throws GeneralSecurityException if the provider fails
   */
  public byte[] sign(byte[] data) throws GeneralSecurityException {
    Signature s = idle.poll();
    if (s == null) {
      s = Signature.getInstance(jcaName, provider);
      s.initSign(key);
    }
    s.update(data);
    byte[] out = s.sign();
    idle.offer(s);
    int half = KeyEncoding.ecdsaHalfLength(algorithm);
    return half == 0 ? out : KeyEncoding.ecdsaDerToRaw(out, half);
  }
}
