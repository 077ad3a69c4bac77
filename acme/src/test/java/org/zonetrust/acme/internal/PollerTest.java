package org.zonetrust.acme.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.shredzone.acme4j.PollableResource;
import org.shredzone.acme4j.Status;
import org.zonetrust.acme.AcmeException;

class PollerTest {
  private static final Instant T0 = Instant.parse("2026-11-27T08:00:00Z");

  /** A resource whose fetches return scripted states and Retry-After values. */
  static final class Scripted implements PollableResource {
    private Status status;
    private final Deque<Status> next = new ArrayDeque<>();
    private final Deque<Optional<Instant>> retryAfter = new ArrayDeque<>();
    int fetches;

    Scripted(Status initial) {
      this.status = initial;
    }

    Scripted then(Status s, @Nullable Instant retry) {
      next.add(s);
      retryAfter.add(Optional.ofNullable(retry));
      return this;
    }

    @Override
    public Status getStatus() {
      return status;
    }

    @Override
    public Optional<Instant> fetch() {
      fetches++;
      status = next.isEmpty() ? status : next.poll();
      return retryAfter.isEmpty() ? Optional.empty() : retryAfter.poll();
    }
  }

  private final AtomicLong nanos = new AtomicLong();
  private final List<Duration> sleeps = new ArrayList<>();

  private Poller poller() {
    Clock clock =
        new Clock() {
          @Override
          public ZoneOffset getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(java.time.ZoneId zone) {
            return this;
          }

          @Override
          public Instant instant() {
            return T0.plusNanos(nanos.get());
          }
        };
    return new Poller(
        clock,
        nanos::get,
        d -> {
          sleeps.add(d);
          nanos.addAndGet(d.toNanos());
        },
        Duration.ofMillis(100),
        Duration.ofMillis(400));
  }

  @Test
  void returnsAtOnceWhenAlreadyDone() throws Exception {
    Scripted r = new Scripted(Status.VALID);
    Poller p = poller();
    assertThat(p.await(r, EnumSet.of(Status.VALID), p.deadline(Duration.ofMinutes(1)), "x"))
        .isEqualTo(Status.VALID);
    assertThat(r.fetches).isZero();
    assertThat(sleeps).isEmpty();
  }

  @Test
  void backsOffExponentiallyUpToTheMaximum() throws Exception {
    Scripted r = new Scripted(Status.PENDING);
    for (int i = 0; i < 5; i++) {
      r.then(Status.PENDING, null);
    }
    r.then(Status.VALID, null);
    Poller p = poller();
    assertThat(
            p.await(
                r,
                EnumSet.of(Status.VALID, Status.INVALID),
                p.deadline(Duration.ofMinutes(1)),
                "x"))
        .isEqualTo(Status.VALID);
    assertThat(sleeps)
        .containsExactly(
            Duration.ofMillis(100),
            Duration.ofMillis(200),
            Duration.ofMillis(400),
            Duration.ofMillis(400),
            Duration.ofMillis(400),
            Duration.ofMillis(400));
  }

  @Test
  void honoursRetryAfterBeyondTheBackoff() throws Exception {
    Scripted r =
        new Scripted(Status.PROCESSING)
            .then(Status.PROCESSING, T0.plusSeconds(3))
            .then(Status.VALID, null);
    Poller p = poller();
    p.await(r, EnumSet.of(Status.VALID), p.deadline(Duration.ofMinutes(1)), "order");
    assertThat(sleeps.get(0)).isEqualTo(Duration.ofMillis(100));
    // Retry-After says T0+3s; 100 ms have passed.
    assertThat(sleeps.get(1)).isEqualTo(Duration.ofMillis(2900));
  }

  @Test
  void failsBeforeSleepingPastTheDeadline() {
    Scripted r = new Scripted(Status.PENDING).then(Status.PENDING, T0.plusSeconds(3600));
    Poller p = poller();
    long deadline = p.deadline(Duration.ofSeconds(10));
    assertThatThrownBy(
            () -> p.await(r, EnumSet.of(Status.VALID), deadline, "authorization of a.test"))
        .isInstanceOf(AcmeException.class)
        .hasMessageContaining("authorization of a.test is still pending")
        .hasMessageContaining("retry after 2026-11-27T09:00:00Z");
    assertThat(sleeps).containsExactly(Duration.ofMillis(100));
  }
}
