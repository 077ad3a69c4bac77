package org.zonetrust.acme;

import java.security.KeyPair;
import java.util.Objects;

/**
 * The key a certificate order is to use, as chosen by {@link CertificateKeyPolicy#keyFor}. {@link
 * #toString()} names the key id and slot only, never the private key.
 *
 * @param keyPair the key pair (the private key is secret)
 * @param slot whether it is the current key or the pre-generated next key
 * @param keyId lower-case hex SHA-256 of the DER SubjectPublicKeyInfo (equal to the data of a DANE
 *     {@code 3 1 1} TLSA record of this key)
 */
public record CertificateKey(KeyPair keyPair, Slot slot, String keyId) {

  /** Which stored key was chosen. */
  public enum Slot {
    /** The key in use: a renewal keeps the key. */
    CURRENT,
    /** The pre-generated next key: this renewal rolls the key. */
    NEXT
  }

  /**
   * Validates.
   *
   * @param keyPair see the record component
   * @param slot see the record component
   * @param keyId see the record component
   */
  public CertificateKey {
    Objects.requireNonNull(keyPair, "keyPair");
    Objects.requireNonNull(slot, "slot");
    Objects.requireNonNull(keyId, "keyId");
  }

  @Override
  public String toString() {
    return "CertificateKey[" + slot + ", " + keyId + "]";
  }
}
