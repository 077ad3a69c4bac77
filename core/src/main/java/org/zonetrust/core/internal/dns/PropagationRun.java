package org.zonetrust.core.internal.dns;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;
import org.zonetrust.core.dns.Expectation;
import org.zonetrust.core.dns.PropagationResult;
import org.zonetrust.core.dns.PropagationTimeoutException;
import org.zonetrust.core.dns.ServerStatus;
import org.zonetrust.core.event.EventListener;
import org.zonetrust.core.event.ZoneTrustEvent;

/**
 * One {@code await}: locate the servers once, then query the servers not yet confirmed in rounds
 * with bounded exponential backoff, until all are confirmed or the deadline (from the clock) has
 * passed. A confirmed server is not asked again. Each probe gets at most the time left until the
 * deadline, so a round cannot run far past it. A name server whose address could not be found is
 * looked up again each round and is never confirmed while it has no address.
 */
public final class PropagationRun {
  private static final Logger LOG = LoggerFactory.getLogger(PropagationRun.class);

  /**
   * Settings shared by all runs of one checker.
   *
   * @param locator finds the zone and its servers
   * @param probe asks one server
   * @param executor where rounds and queries run (delayed rounds too, after their delay)
   * @param clock the time source for deadlines and reports
   * @param initialBackoff pause after the first round
   * @param maxBackoff longest pause between rounds
   * @param timeout overall timeout
   * @param listener receives {@code dns.propagation.complete} / {@code dns.propagation.timeout}
   */
  public record Settings(
      ZoneLocator locator,
      AuthoritativeProbe probe,
      Executor executor,
      Clock clock,
      Duration initialBackoff,
      Duration maxBackoff,
      Duration timeout,
      EventListener listener) {}

  private static final class Server {
    final ZoneLocator.Target target;
    volatile boolean confirmed;
    volatile OptionalLong serial = OptionalLong.empty();
    volatile String last = "not asked yet";
    volatile @Nullable String lastResponse;

    Server(ZoneLocator.Target target) {
      this.target = target;
      if (!target.reachable()) {
        last = "error: " + target.problem();
      }
    }

    ServerStatus status() {
      return new ServerStatus(target.nameServer(), target.address(), confirmed, serial, last);
    }
  }

  private final Settings s;
  private final Name name;
  private final int type;
  private final Expectation expected;
  private final CompletableFuture<PropagationResult> future = new CompletableFuture<>();
  private final Instant start;
  private final Instant deadline;
  private Duration backoff;
  private int rounds;
  private ZoneLocator.@Nullable Location location;
  private List<Server> servers = List.of();
  private @Nullable String problem;

  /**
   * Prepares a run; call {@link #start()}.
   *
   * @param settings the checker's settings
   * @param name the name
   * @param type the RR type
   * @param expected the state to wait for
   */
  public PropagationRun(Settings settings, Name name, int type, Expectation expected) {
    this.s = settings;
    this.name = name;
    this.type = type;
    this.expected = expected;
    this.start = s.clock().instant();
    this.deadline = start.plus(s.timeout());
    this.backoff = s.initialBackoff();
  }

  /**
   * Starts the first round.
   *
   * @return the stage that completes with the result or fails with a {@link
   *     PropagationTimeoutException}
   */
  public CompletableFuture<PropagationResult> start() {
    submit(this::round, Duration.ZERO);
    return future;
  }

  /**
   * Fails the run (used when the checker is closed).
   *
   * @param e the failure
   */
  public void abort(Throwable e) {
    future.completeExceptionally(e);
  }

  private void submit(Runnable task, Duration delay) {
    try {
      if (delay.isZero()) {
        s.executor().execute(task);
      } else {
        CompletableFuture.delayedExecutor(delay.toNanos(), TimeUnit.NANOSECONDS, s.executor())
            .execute(task);
      }
    } catch (RejectedExecutionException e) {
      future.completeExceptionally(
          new IllegalStateException("the propagation checker was closed", e));
    }
  }

  private void round() {
    if (future.isDone()) {
      return;
    }
    rounds++;
    ZoneLocator.Location where = location;
    if (where == null) {
      try {
        where = s.locator().locate(name, type);
        location = where;
        List<Server> list = new ArrayList<>();
        where.targets().forEach(t -> list.add(new Server(t)));
        servers = List.copyOf(list);
        problem = null;
        LOG.debug("{} is served by zone {} at {}", name, where.zone(), where.targets());
      } catch (IOException | RuntimeException e) {
        problem = "finding the zone's servers failed: " + e.getMessage();
        afterRound();
        return;
      }
    } else if (servers.stream().anyMatch(x -> !x.target.reachable())) {
      retryUnreachable();
    }
    List<CompletableFuture<Void>> probes = new ArrayList<>();
    ZoneLocator.Location at = where;
    try {
      for (Server server : servers) {
        if (!server.confirmed && server.target.reachable()) {
          probes.add(CompletableFuture.runAsync(() -> probe(at, server), s.executor()));
        }
      }
    } catch (RejectedExecutionException e) {
      future.completeExceptionally(
          new IllegalStateException("the propagation checker was closed", e));
      return;
    }
    BiConsumer<Void, Throwable> next =
        (v, t) -> {
          if (t != null) {
            future.completeExceptionally(t);
          } else {
            afterRound();
          }
        };
    // next completes the run's future, which reports every outcome
    CompletableFuture<?> unused =
        CompletableFuture.allOf(probes.toArray(CompletableFuture[]::new)).whenComplete(next);
  }

  /** Looks up again the name servers whose addresses could not be found in an earlier round. */
  private void retryUnreachable() {
    Set<InetSocketAddress> seen = new HashSet<>();
    servers.stream().filter(x -> x.target.reachable()).forEach(x -> seen.add(x.target.address()));
    List<Server> list = new ArrayList<>();
    for (Server x : servers) {
      if (x.target.reachable()) {
        list.add(x);
        continue;
      }
      try {
        for (ZoneLocator.Target t : s.locator().targetsOf(x.target.nameServer())) {
          if (!t.reachable() || seen.add(t.address())) {
            list.add(new Server(t));
          }
        }
      } catch (IOException | RuntimeException e) {
        x.last = "error: " + e.getMessage();
        list.add(x);
      }
    }
    servers = List.copyOf(list);
  }

  private void probe(ZoneLocator.Location where, Server server) {
    Duration left = Duration.between(s.clock().instant(), deadline);
    if (left.isNegative() || left.isZero()) {
      return; // no time left: the round ends and the run times out
    }
    try {
      AuthoritativeProbe.Answer a =
          s.probe().probe(server.target.address(), where.zone(), where.name(), type, left);
      if (a.serial().isPresent()) {
        server.serial = a.serial();
      }
      if (a.summary().startsWith(AuthoritativeProbe.ERROR_PREFIX)) {
        String before = server.lastResponse;
        if (before == null) {
          server.last = a.summary();
        } else if (s.clock().instant().isBefore(deadline)) {
          server.last = a.summary() + "; last answer: " + before;
        } else {
          // the deadline, not the server, ended this probe: what the server said stands
          server.last = before;
        }
      } else {
        server.lastResponse = a.summary();
        server.last = a.summary();
      }
      server.confirmed = a.answered() && ExpectationMatcher.matches(expected, a.rrset());
    } catch (TransportException e) {
      // Only an interrupt gets here: the checker was closed (shutdownNow) or the caller's
      // executor was shut down. Complete with the documented type, never the internal one.
      server.last = "error: " + e.getMessage();
      future.completeExceptionally(
          new IllegalStateException(
              "the query to "
                  + Addresses.format(server.target.address())
                  + " was interrupted: the propagation checker was closed or its executor was"
                  + " shut down"));
    }
  }

  private void afterRound() {
    if (future.isDone()) {
      return;
    }
    Instant now = s.clock().instant();
    List<ServerStatus> statuses = servers.stream().map(Server::status).toList();
    ZoneLocator.Location where = location;
    if (where != null && servers.stream().allMatch(x -> x.confirmed)) {
      PropagationResult r =
          new PropagationResult(
              name,
              where.name(),
              type,
              where.zone(),
              expected,
              statuses,
              Duration.between(start, now),
              rounds);
      publish("dns.propagation.complete", r.elapsed());
      future.complete(r);
      return;
    }
    if (!now.isBefore(deadline)) {
      publish("dns.propagation.timeout", Duration.between(start, now));
      future.completeExceptionally(
          new PropagationTimeoutException(
              where == null ? name : where.name(),
              type,
              where == null ? null : where.zone(),
              expected,
              statuses,
              s.timeout(),
              problem));
      return;
    }
    Duration left = Duration.between(now, deadline);
    Duration delay = backoff.compareTo(left) < 0 ? backoff : left;
    Duration doubled = backoff.multipliedBy(2);
    backoff = doubled.compareTo(s.maxBackoff()) < 0 ? doubled : s.maxBackoff();
    submit(this::round, delay);
  }

  private void publish(String eventType, Duration elapsed) {
    long confirmed = servers.stream().filter(x -> x.confirmed).count();
    try {
      s.listener()
          .onEvent(
              new ZoneTrustEvent(
                  s.clock().instant(),
                  eventType,
                  name.toString(),
                  Map.of(
                      "type", Type.string(type),
                      "expected", expected.toString(),
                      "servers", Integer.toString(servers.size()),
                      "confirmed", Long.toString(confirmed),
                      "elapsed", elapsed.toString(),
                      "rounds", Integer.toString(rounds))));
    } catch (RuntimeException e) {
      LOG.warn("event listener failed on {} for {}", eventType, name, e);
    }
  }
}
