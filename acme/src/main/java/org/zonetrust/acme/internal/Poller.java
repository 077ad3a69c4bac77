package org.zonetrust.acme.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import org.shredzone.acme4j.PollableResource;
import org.shredzone.acme4j.Status;
import org.zonetrust.acme.AcmeException;

/**
 * Polls an ACME resource until it reaches one of the wanted states: exponential backoff from {@code
 * initial} up to {@code max}, never earlier than the CA's Retry-After, and never past the deadline
 * (a Retry-After beyond the deadline fails at once instead of sleeping in vain).
 */
final class Poller {
  /** Sleeps; replaced in tests. */
  @FunctionalInterface
  interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  private final Clock clock;
  private final LongSupplier nanoTime;
  private final Sleeper sleeper;
  private final Duration initial;
  private final Duration max;

  Poller(Clock clock, LongSupplier nanoTime, Sleeper sleeper, Duration initial, Duration max) {
    this.clock = clock;
    this.nanoTime = nanoTime;
    this.sleeper = sleeper;
    this.initial = initial;
    this.max = max;
  }

  static Poller real(Clock clock, Duration initial, Duration max) {
    return new Poller(clock, System::nanoTime, d -> Thread.sleep(d.toMillis()), initial, max);
  }

  long deadline(Duration timeout) {
    return nanoTime.getAsLong() + timeout.toNanos();
  }

  /**
   * Waits until the resource's status is in {@code done}.
   *
   * @param what for messages, e.g. "authorization of example.com"
   * @return the final status
   * @throws AcmeException on timeout (the message names the last status)
   * @throws org.shredzone.acme4j.exception.AcmeException if a fetch failed
   */
  Status await(PollableResource resource, Set<Status> done, long deadlineNanos, String what)
      throws AcmeException, InterruptedException, org.shredzone.acme4j.exception.AcmeException {
    Duration backoff = initial;
    Optional<Instant> retryAfter = Optional.empty();
    while (true) {
      Status s = resource.getStatus();
      if (done.contains(s)) {
        return s;
      }
      Duration wait = backoff;
      if (retryAfter.isPresent()) {
        Duration untilRetry = Duration.between(clock.instant(), retryAfter.get());
        if (untilRetry.compareTo(wait) > 0) {
          wait = untilRetry;
        }
      }
      long remaining = deadlineNanos - nanoTime.getAsLong();
      if (wait.toNanos() > remaining) {
        throw new AcmeException(
            what
                + " is still "
                + s.name().toLowerCase(java.util.Locale.ROOT)
                + " at the end of the order timeout"
                + retryAfter.map(r -> " (the CA asked to retry after " + r + ")").orElse(""));
      }
      sleeper.sleep(wait);
      backoff = backoff.multipliedBy(2).compareTo(max) > 0 ? max : backoff.multipliedBy(2);
      retryAfter = resource.fetch();
    }
  }
}
