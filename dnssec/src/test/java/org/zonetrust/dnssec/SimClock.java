package org.zonetrust.dnssec;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock the simulation moves by hand. */
final class SimClock extends Clock {
  private volatile Instant now;

  SimClock(Instant start) {
    this.now = start;
  }

  void set(Instant t) {
    if (t.isBefore(now)) {
      throw new IllegalArgumentException("time runs forward: " + t + " < " + now);
    }
    now = t;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public Instant instant() {
    return now;
  }
}
