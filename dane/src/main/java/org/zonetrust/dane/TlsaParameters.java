package org.zonetrust.dane;

/**
 * The three parameters of a TLSA record for a server's own key, without the data: what a {@link
 * TlsaRolloverPlanner} publishes for each key. Printed as in master files, e.g. {@code 3 1 1}.
 *
 * @param usage the certificate usage
 * @param selector the selector
 * @param matchingType the matching type
 */
public record TlsaParameters(CertificateUsage usage, Selector selector, MatchingType matchingType) {
  /**
   * {@code 3 1 1}: DANE-EE, SubjectPublicKeyInfo, SHA-256, what RFC 7671 section 5.1 and RFC 7672
   * section 3.1.1 recommend. It survives renewals that keep the key.
   */
  public static final TlsaParameters DANE_EE_SPKI_SHA256 =
      new TlsaParameters(
          CertificateUsage.DANE_EE, Selector.SUBJECT_PUBLIC_KEY_INFO, MatchingType.SHA256);

  /**
   * Parses the master-file form {@code "U S M"}, e.g. {@code "3 1 1"}.
   *
   * @param text three numbers separated by spaces
   * @return the parameters
   * @throws IllegalArgumentException if the text is not three known codes
   */
  public static TlsaParameters parse(String text) {
    String[] parts = text.strip().split("\\s+", -1);
    if (parts.length != 3) {
      throw new IllegalArgumentException(
          "TLSA parameters '" + text + "' must be three numbers: usage selector matching-type");
    }
    try {
      return new TlsaParameters(
          CertificateUsage.fromCode(Integer.parseInt(parts[0])),
          Selector.fromCode(Integer.parseInt(parts[1])),
          MatchingType.fromCode(Integer.parseInt(parts[2])));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "TLSA parameters '" + text + "' must be three numbers: usage selector matching-type", e);
    }
  }

  /**
   * A request for a key with these parameters.
   *
   * @param source the certificate or key
   * @return the request
   */
  public TlsaRequest request(TlsaSource source) {
    return new TlsaRequest(usage, selector, matchingType, source);
  }

  /**
   * Whether a record carries these parameters.
   *
   * @param record a TLSA record
   * @return {@code true} if its usage, selector and matching type are these
   */
  public boolean matches(org.xbill.DNS.TLSARecord record) {
    return record.getCertificateUsage() == usage.code()
        && record.getSelector() == selector.code()
        && record.getMatchingType() == matchingType.code();
  }

  @Override
  public String toString() {
    return usage.code() + " " + selector.code() + " " + matchingType.code();
  }
}
