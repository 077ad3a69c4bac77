package org.zonetrust.cli;

import java.time.Duration;

/** Durations for people: {@code 31d 2h 5m}, largest unit first, zero parts left out. */
final class HumanDuration {
  private HumanDuration() {}

  static String of(Duration d) {
    if (d.isZero()) {
      return "0s";
    }
    StringBuilder s = new StringBuilder();
    append(s, d.toDaysPart(), "d");
    append(s, d.toHoursPart(), "h");
    append(s, d.toMinutesPart(), "m");
    append(s, d.toSecondsPart(), "s");
    if (s.length() == 0) {
      append(s, d.toMillisPart(), "ms");
    }
    return s.toString();
  }

  private static void append(StringBuilder s, long n, String unit) {
    if (n != 0) {
      if (s.length() > 0) {
        s.append(' ');
      }
      s.append(n).append(unit);
    }
  }
}
