package org.zonetrust.dane;

/**
 * One TLSA record to make: its three parameters and what it is made from.
 *
 * @param usage the certificate usage
 * @param selector the selector (0 needs a certificate source)
 * @param matchingType the matching type
 * @param source the certificate or key
 */
public record TlsaRequest(
    CertificateUsage usage, Selector selector, MatchingType matchingType, TlsaSource source) {

  /**
   * The same request with another matching type.
   *
   * @param type the matching type
   * @return the new request
   */
  public TlsaRequest withMatchingType(MatchingType type) {
    return new TlsaRequest(usage, selector, type, source);
  }
}
