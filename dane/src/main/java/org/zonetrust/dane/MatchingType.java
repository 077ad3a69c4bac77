package org.zonetrust.dane;

/**
 * The matching type field of a TLSA record (RFC 6698 section 2.1.3): how the selected data is
 * presented.
 */
public enum MatchingType {
  /** The selected data itself. */
  FULL(0),
  /** SHA-256 of the selected data. */
  SHA256(1),
  /** SHA-512 of the selected data. */
  SHA512(2);

  private final int code;

  MatchingType(int code) {
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
  public static MatchingType fromCode(int code) {
    for (MatchingType v : values()) {
      if (v.code == code) {
        return v;
      }
    }
    throw new IllegalArgumentException(
        "unknown TLSA matchingType " + code + ": expected one of 0.." + (values().length - 1));
  }
}
