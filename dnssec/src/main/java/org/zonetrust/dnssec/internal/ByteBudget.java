package org.zonetrust.dnssec.internal;

/** The bytes a zone file and its includes may still use; shared by every file of one read. */
final class ByteBudget {
  private final long max;
  private long used;

  ByteBudget(long max) {
    this.max = max;
  }

  /** Uses {@code n} bytes; false once the total passes the maximum. */
  boolean take(long n) {
    used += n;
    return used <= max;
  }

  long remaining() {
    return Math.max(0, max - used);
  }

  String describe() {
    return "zone file is larger than the limit of " + max + " bytes";
  }
}
