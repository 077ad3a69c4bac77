package org.zonetrust.registrar.internal.http;

import java.time.Duration;

/** Waits between retries; tests substitute a recorder so they never really wait. */
@FunctionalInterface
interface Sleeper {
  /** Really sleeps, interruptibly. */
  Sleeper THREAD = d -> Thread.sleep(d.toMillis());

  /**
   * Waits.
   *
   * @param duration how long
   * @throws InterruptedException if the thread is interrupted while waiting
   */
  void sleep(Duration duration) throws InterruptedException;
}
