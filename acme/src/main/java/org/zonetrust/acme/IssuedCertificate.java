package org.zonetrust.acme;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A certificate that {@link AcmeDns01Client#issue} obtained and delivered.
 *
 * @param id the request's certificate id
 * @param names the names of the order, as requested
 * @param chain the leaf first, then the intermediates (as the CA served them); unmodifiable
 * @param notBefore the leaf's start of validity
 * @param notAfter the leaf's end of validity
 * @param serial the leaf's serial number
 * @param ariCertId the leaf's ACME Renewal Information identifier (RFC 9773 section 4.1), or empty
 *     if the leaf has no Authority Key Identifier
 * @param orderUrl the ACME order's URL (for logs and support requests)
 */
public record IssuedCertificate(
    String id,
    List<String> names,
    List<X509Certificate> chain,
    Instant notBefore,
    Instant notAfter,
    BigInteger serial,
    String ariCertId,
    String orderUrl) {

  /**
   * Validates and copies.
   *
   * @param id see the record component
   * @param names see the record component
   * @param chain see the record component
   * @param notBefore see the record component
   * @param notAfter see the record component
   * @param serial see the record component
   * @param ariCertId see the record component
   * @param orderUrl see the record component
   */
  public IssuedCertificate {
    Objects.requireNonNull(id, "id");
    names = List.copyOf(names);
    chain = List.copyOf(chain);
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("chain must contain at least the leaf certificate");
    }
    Objects.requireNonNull(notBefore, "notBefore");
    Objects.requireNonNull(notAfter, "notAfter");
    Objects.requireNonNull(serial, "serial");
    Objects.requireNonNull(ariCertId, "ariCertId");
    Objects.requireNonNull(orderUrl, "orderUrl");
  }

  /**
   * The leaf certificate.
   *
   * @return the first certificate of the chain
   */
  public X509Certificate leaf() {
    return chain.get(0);
  }
}
