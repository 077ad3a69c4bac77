package org.zonetrust.dnssec.internal;

import org.zonetrust.dnssec.DnssecException;

/**
 * A record-level problem found by {@link ZoneChecks}, carrying the index of the offending record so
 * that a caller that knows where each record came from (a zone file's line) can point at it.
 */
public final class ZoneCheckException extends DnssecException {
  private static final long serialVersionUID = 1L;

  private final int index;
  private final String detail;

  ZoneCheckException(String message, int index, String detail) {
    super(message);
    this.index = index;
    this.detail = detail;
  }

  /**
   * The index of the offending record in the checked list.
   *
   * @return the index, or -1 when the problem concerns the whole zone (no SOA, no apex NS)
   */
  public int index() {
    return index;
  }

  /**
   * What is wrong, without the location prefix.
   *
   * @return the bare description
   */
  public String detail() {
    return detail;
  }
}
