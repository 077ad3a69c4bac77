package org.zonetrust.dnssec;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * How the signer changes the SOA serial.
 *
 * <p>{@link ZoneSigner#sign sign} applies the policy once to the serial of the input SOA, {@link
 * ZoneSigner#refresh refresh} to the serial of the previous signed zone, and {@link
 * ZoneSigner#apply apply} to the serial of the SOA after the change (the previous one, or the one
 * the change brings). Whenever the serial changes, the SOA RRset is re-signed. Serials follow RFC
 * 1982 serial arithmetic and wrap modulo 2<sup>32</sup>.
 */
public enum SerialPolicy {
  /** The serial stays as it is. */
  KEEP,
  /** The serial grows by one (wrapping modulo 2<sup>32</sup>). */
  INCREMENT,
  /**
   * The serial becomes the clock's Unix time in seconds, or the old serial plus one if that is not
   * greater (in serial arithmetic) than the old serial.
   */
  UNIX_TIME,
  /**
   * The serial has the form {@code YYYYMMDDnn} for the clock's UTC date: {@code YYYYMMDD00} on the
   * first change of a day, or the old serial plus one if it is already at or beyond that value.
   */
  DATE_COUNTER;

  private static final long MASK = 0xFFFF_FFFFL;

  /**
   * Computes the next serial.
   *
   * @param old the current serial, 0 to 2<sup>32</sup>-1
   * @param clock the clock for {@link #UNIX_TIME} and {@link #DATE_COUNTER}
   * @return the new serial, 0 to 2<sup>32</sup>-1
   */
  public long next(long old, Clock clock) {
    long current = old & MASK;
    return switch (this) {
      case KEEP -> current;
      case INCREMENT -> (current + 1) & MASK;
      case UNIX_TIME -> {
        long now = clock.instant().getEpochSecond() & MASK;
        yield greater(now, current) ? now : (current + 1) & MASK;
      }
      case DATE_COUNTER -> {
        LocalDate day = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        long today =
            (day.getYear() * 10_000L + day.getMonthValue() * 100L + day.getDayOfMonth()) * 100L;
        yield current >= today ? (current + 1) & MASK : today & MASK;
      }
    };
  }

  /**
   * Compares serials in RFC 1982 serial arithmetic.
   *
   * @param a a serial
   * @param b another serial
   * @return true if {@code a} is greater than {@code b}
   */
  static boolean greater(long a, long b) {
    long diff = (a - b) & MASK;
    return diff != 0 && diff < 0x8000_0000L;
  }
}
