package org.zonetrust.acme;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link CertificateSink} receives: a newly issued certificate with its private key.
 *
 * <p>{@link #toString()} never shows the private key.
 *
 * @param id the certificate id of the request (a stable, file-name-safe identifier)
 * @param names the certificate's DNS names, as requested
 * @param chain the leaf first, then the intermediates; unmodifiable
 * @param privateKey the leaf's private key (a secret: never log it)
 * @param keyType the type of the private key
 */
public record CertificateDelivery(
    String id,
    List<String> names,
    List<X509Certificate> chain,
    PrivateKey privateKey,
    CertificateKeyType keyType) {

  /**
   * Validates and copies.
   *
   * @param id see the record component
   * @param names see the record component
   * @param chain see the record component
   * @param privateKey see the record component
   * @param keyType see the record component
   */
  public CertificateDelivery {
    Objects.requireNonNull(id, "id");
    names = List.copyOf(names);
    chain = List.copyOf(chain);
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("chain must contain at least the leaf certificate");
    }
    Objects.requireNonNull(privateKey, "privateKey");
    Objects.requireNonNull(keyType, "keyType");
  }

  /**
   * The leaf certificate.
   *
   * @return the first certificate of the chain
   */
  public X509Certificate leaf() {
    return chain.get(0);
  }

  /**
   * Shows id, names, key type and the leaf's serial; never the private key.
   *
   * @return a description without secrets
   */
  @Override
  public String toString() {
    return "CertificateDelivery[id="
        + id
        + ", names="
        + names
        + ", keyType="
        + keyType
        + ", serial="
        + leaf().getSerialNumber().toString(16)
        + ", privateKey=<hidden>]";
  }
}
