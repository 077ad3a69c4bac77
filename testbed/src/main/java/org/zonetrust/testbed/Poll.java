package org.zonetrust.testbed;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/** Polls a real check until it passes, failing early with the log tail if the server dies. */
final class Poll {
  private static final long PAUSE_MILLIS = 10;

  private Poll() {}

  /**
   * Calls {@code probe} until it returns a value.
   *
   * @param what what is awaited, for the error message
   * @param timeout how long to keep trying
   * @param server the process that must stay alive meanwhile, or {@code null}
   * @param probe returns a value when ready; empty or an exception means "not yet"
   * @return the probe's value
   * @throws TestbedException on timeout or when the server exits
   */
  static <T> T until(
      String what, Duration timeout, @Nullable ServerProcess server, Supplier<Optional<T>> probe) {
    long deadline = System.nanoTime() + timeout.toNanos();
    RuntimeException last = null;
    while (true) {
      if (server != null) {
        server.checkAlive();
      }
      try {
        Optional<T> value = probe.get();
        if (value.isPresent()) {
          return value.get();
        }
      } catch (RuntimeException e) {
        last = e;
      }
      if (System.nanoTime() > deadline) {
        String tail =
            server == null ? "" : "\nlast lines of " + server.log() + ":\n" + server.tail();
        throw new TestbedException(
            "timed out after " + timeout.toMillis() + " ms waiting for " + what + tail, last);
      }
      try {
        Thread.sleep(PAUSE_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new TestbedException("interrupted waiting for " + what, e);
      }
    }
  }

  /** Like {@link #until} for a yes/no check. */
  static void untilTrue(
      String what, Duration timeout, @Nullable ServerProcess server, Supplier<Boolean> check) {
    until(
        what,
        timeout,
        server,
        () -> Boolean.TRUE.equals(check.get()) ? Optional.of(Boolean.TRUE) : Optional.empty());
  }
}
