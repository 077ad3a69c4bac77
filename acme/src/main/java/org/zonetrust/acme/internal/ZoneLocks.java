package org.zonetrust.acme.internal;

import java.util.concurrent.locks.ReentrantLock;
import org.xbill.DNS.Name;

/**
 * Serialises DNS updates per zone inside one process: a fixed set of fair locks, a zone mapped to
 * one of them by its (case-insensitive) name hash. Bounded memory whatever the number of zones; two
 * zones may share a lock, which only costs a round trip of waiting. Share one instance between
 * publishers that update the same zones. Thread-safe.
 */
public final class ZoneLocks {
  private static final int DEFAULT_STRIPES = 64;

  private final ReentrantLock[] locks;

  /** Creates 64 stripes. */
  public ZoneLocks() {
    this(DEFAULT_STRIPES);
  }

  /**
   * Creates the given number of stripes.
   *
   * @param stripes how many locks, at least 1
   * @throws IllegalArgumentException if {@code stripes} is not positive
   */
  public ZoneLocks(int stripes) {
    if (stripes < 1) {
      throw new IllegalArgumentException("stripes must be at least 1, got " + stripes);
    }
    locks = new ReentrantLock[stripes];
    for (int i = 0; i < stripes; i++) {
      locks[i] = new ReentrantLock(true);
    }
  }

  /**
   * The lock of a zone.
   *
   * @param zone the zone apex
   * @return its lock (the same lock for equal names, whatever their case)
   */
  public ReentrantLock of(Name zone) {
    return locks[Math.floorMod(zone.hashCode(), locks.length)];
  }
}
