package org.zonetrust.dane;

/**
 * The selector field of a TLSA record (RFC 6698 section 2.1.2): which part of the certificate is
 * matched.
 */
public enum Selector {
  /** The full certificate (DER). */
  FULL_CERTIFICATE(0),
  /** The DER SubjectPublicKeyInfo (survives renewals that keep the key). */
  SUBJECT_PUBLIC_KEY_INFO(1);

  private final int code;

  Selector(int code) {
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
  public static Selector fromCode(int code) {
    for (Selector v : values()) {
      if (v.code == code) {
        return v;
      }
    }
    throw new IllegalArgumentException(
        "unknown TLSA selector " + code + ": expected one of 0.." + (values().length - 1));
  }
}
