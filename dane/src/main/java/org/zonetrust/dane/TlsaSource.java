package org.zonetrust.dane;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;
import org.zonetrust.dane.internal.KeyMaterial;

/**
 * What a TLSA record is made from: a certificate (both selectors) or only a public key (selector 1:
 * a public key, a private key whose public key is derived, or a PKCS#10 CSR). Holds no private
 * material.
 */
public final class TlsaSource {
  private final byte @Nullable [] certificate;
  private final byte[] spki;
  private final String description;

  private TlsaSource(byte @Nullable [] certificate, byte[] spki, String description) {
    this.certificate = certificate;
    this.spki = spki;
    this.description = description;
  }

  /**
   * A certificate: usable with both selectors.
   *
   * @param cert the certificate
   * @return the source
   * @throws DaneException if the certificate cannot be encoded
   */
  public static TlsaSource of(X509Certificate cert) throws DaneException {
    try {
      return new TlsaSource(
          cert.getEncoded(),
          cert.getPublicKey().getEncoded(),
          "certificate " + cert.getSubjectX500Principal().getName());
    } catch (CertificateEncodingException e) {
      throw new DaneException(
          "cannot encode certificate " + cert.getSubjectX500Principal().getName(), e);
    }
  }

  /**
   * A public key: usable with selector 1 only.
   *
   * @param key the public key
   * @return the source
   * @throws DaneException if the key has no X.509 encoding
   */
  public static TlsaSource of(PublicKey key) throws DaneException {
    byte[] der = key.getEncoded();
    if (der == null || !"X.509".equals(key.getFormat())) {
      throw new DaneException(
          key.getAlgorithm() + " public key has no X.509 SubjectPublicKeyInfo encoding");
    }
    return new TlsaSource(null, der, key.getAlgorithm() + " public key");
  }

  /**
   * A private key (RSA, EC, Ed25519) whose public key is derived: usable with selector 1 only. The
   * private key is not kept.
   *
   * @param key the private key
   * @return the source
   * @throws DaneException if its public key cannot be derived
   */
  public static TlsaSource of(PrivateKey key) throws DaneException {
    try {
      return new TlsaSource(
          null, KeyMaterial.spkiOf(key), "public key of a " + key.getAlgorithm() + " private key");
    } catch (GeneralSecurityException e) {
      throw new DaneException(e.getMessage() == null ? "unusable private key" : e.getMessage(), e);
    }
  }

  /**
   * A PKCS#10 certificate signing request (DER): its public key, usable with selector 1 only. This
   * is how the TLSA for the next key is published before the certificate exists.
   *
   * @param der the CSR in DER form
   * @return the source
   * @throws DaneException if it is not a well-formed CSR
   */
  public static TlsaSource ofCsr(byte[] der) throws DaneException {
    try {
      return new TlsaSource(null, KeyMaterial.spkiOfCsr(der), "certificate signing request");
    } catch (GeneralSecurityException e) {
      throw new DaneException("cannot read the PKCS#10 certificate signing request", e);
    }
  }

  /**
   * Whether a full certificate is available (selector 0 possible).
   *
   * @return {@code true} for a certificate source
   */
  public boolean hasCertificate() {
    return certificate != null;
  }

  /**
   * The data a selector picks.
   *
   * @param selector the selector
   * @return a copy of the DER certificate or DER SubjectPublicKeyInfo
   * @throws DaneException if selector 0 is asked of a source without a certificate
   */
  public byte[] select(Selector selector) throws DaneException {
    return switch (selector) {
      case SUBJECT_PUBLIC_KEY_INFO -> spki.clone();
      case FULL_CERTIFICATE -> {
        if (certificate == null) {
          throw new DaneException(
              "selector 0 (full certificate) needs a certificate, but "
                  + description
                  + " has none: use selector 1 (SPKI)");
        }
        yield certificate.clone();
      }
    };
  }

  /**
   * Whether two sources carry the same public key.
   *
   * @param other another source
   * @return {@code true} if their SubjectPublicKeyInfo is identical
   */
  public boolean sameKey(TlsaSource other) {
    return Arrays.equals(spki, other.spki);
  }

  @Override
  public String toString() {
    return description;
  }
}
