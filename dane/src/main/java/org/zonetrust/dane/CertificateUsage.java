package org.zonetrust.dane;

/** The certificate usage field of a TLSA record (RFC 6698 section 2.1.1, RFC 7218 names). */
public enum CertificateUsage {
  /** CA constraint: a PKIX-valid chain must include this CA. */
  PKIX_TA(0),
  /** Service certificate constraint: this PKIX-valid end-entity certificate. */
  PKIX_EE(1),
  /** Trust anchor assertion: this CA (sent by the server) is the trust anchor. */
  DANE_TA(2),
  /** Domain-issued certificate: this end-entity certificate or key, no PKIX checks. */
  DANE_EE(3);

  private final int code;

  CertificateUsage(int code) {
    this.code = code;
  }

  /**
   * The numeric value used in TLSA rdata.
   *
   * @return the field's value
   */
  public int code() {
    return code;
  }

  /**
   * The constant for a numeric value.
   *
   * @param code the field's value in TLSA rdata
   * @return the matching constant
   * @throws IllegalArgumentException if the value is not defined by RFC 6698
   */
  public static CertificateUsage fromCode(int code) {
    for (CertificateUsage v : values()) {
      if (v.code == code) {
        return v;
      }
    }
    throw new IllegalArgumentException(
        "unknown TLSA certificateUsage " + code + ": expected one of 0.." + (values().length - 1));
  }
}
