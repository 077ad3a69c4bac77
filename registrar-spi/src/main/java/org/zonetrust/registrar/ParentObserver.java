package org.zonetrust.registrar;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToIntBiFunction;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Name;
import org.xbill.DNS.Resolver;
import org.zonetrust.core.dns.AuthoritativeServers;
import org.zonetrust.registrar.RegistrarException.Reason;
import org.zonetrust.registrar.internal.observer.DsProbe;

/**
 * Confirms a DS change by DNS: asks every authoritative server of the parent zone (every address of
 * every NS of the zone that holds the delegation) directly for the domain's DS RRset. A registry's
 * "accepted" is never taken for "done".
 *
 * <p>The parent zone is found through the configured (recursive) resolver: the zone of the name one
 * label above the domain, since DS records live on the parent side of the zone cut (RFC 4034
 * section 5). Each server is asked with recursion not desired, over UDP with TCP when truncated;
 * only authoritative answers count.
 *
 * <p>Thread-safe. Without a caller-supplied executor the observer owns a small pool of daemon
 * threads; {@link #close()} stops it. Dnsjava's global state is never changed.
 */
public final class ParentObserver implements AutoCloseable {
  private final AuthoritativeServers locator;
  private final DsProbe probe;
  private final Clock clock;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final Executor executor;
  private final @Nullable ExecutorService ownPool;

  private ParentObserver(Builder b, Resolver resolver) {
    this.locator = new AuthoritativeServers(resolver, b.port);
    this.probe = new DsProbe(b.queryTimeout);
    this.clock = b.clock;
    this.initialBackoff = b.initialBackoff;
    this.maxBackoff = b.maxBackoff;
    if (b.executor != null) {
      this.executor = b.executor;
      this.ownPool = null;
    } else {
      AtomicInteger n = new AtomicInteger();
      ExecutorService pool =
          Executors.newCachedThreadPool(
              r -> {
                Thread t = new Thread(r, "zonetrust-parent-observer-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
              });
      this.executor = pool;
      this.ownPool = pool;
    }
  }

  /**
   * Starts a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Asks every server of the parent zone once, in parallel.
   *
   * @param domain the child zone's apex (absolute)
   * @return one answer per server address
   * @throws RegistrarException with reason {@code UNAVAILABLE} if the parent zone or its servers
   *     cannot be found, {@code INTERRUPTED} if the thread was interrupted
   */
  public ParentObservation observe(Name domain) throws RegistrarException {
    return ask(locate(domain), domain, Map.of());
  }

  /**
   * Waits until every server of the parent zone serves exactly the expected DS set (for an insecure
   * delegation: no DS). Asks in rounds, with a pause that doubles after each round up to the
   * builder's maximum; a server that served the expected set is not asked again in this call.
   *
   * @param domain the child zone's apex (absolute)
   * @param expected the expected delegation (only its DS data is compared)
   * @param timeout how long to wait in total, measured with the clock
   * @return the last observation, in which every server serves the expected set
   * @throws RegistrarException with reason {@code TIMEOUT} listing each server's last answer if the
   *     timeout passes first, {@code UNAVAILABLE} if the parent's servers cannot be found, {@code
   *     INTERRUPTED} if the thread was interrupted
   */
  public ParentObservation await(Name domain, SecureDelegation expected, Duration timeout)
      throws RegistrarException {
    Objects.requireNonNull(expected, "expected");
    if (expected.ds().isEmpty() && !expected.keys().isEmpty()) {
      throw new IllegalArgumentException(
          "the expected delegation of " + domain + " has key data but no DS data to compare");
    }
    Instant deadline = clock.instant().plus(timeout);
    AuthoritativeServers.Zone parent = locate(domain);
    Map<AuthoritativeServers.Server, ServerAnswer> confirmed = new LinkedHashMap<>();
    Duration pause = initialBackoff;
    while (true) {
      ParentObservation seen = ask(parent, domain, confirmed);
      for (int i = 0; i < seen.servers().size(); i++) {
        if (seen.servers().get(i).serves(expected)) {
          confirmed.put(parent.servers().get(i), seen.servers().get(i));
        }
      }
      if (seen.allServe(expected)) {
        return seen;
      }
      Duration left = Duration.between(clock.instant(), deadline);
      if (left.isNegative() || left.isZero()) {
        throw new RegistrarException(
            Reason.TIMEOUT,
            "the servers of "
                + parent.zone()
                + " did not all serve the expected DS set "
                + expected.ds()
                + " for "
                + domain
                + " within "
                + timeout
                + "; last answers:"
                + lines(seen));
      }
      sleep(pause.compareTo(left) < 0 ? pause : left, domain);
      pause = pause.multipliedBy(2);
      if (pause.compareTo(maxBackoff) > 0) {
        pause = maxBackoff;
      }
    }
  }

  /** Stops the observer's own threads, if it has any. Idempotent. */
  @Override
  public void close() {
    if (ownPool != null) {
      ownPool.shutdownNow();
    }
  }

  private AuthoritativeServers.Zone locate(Name domain) throws RegistrarException {
    Objects.requireNonNull(domain, "domain");
    if (!domain.isAbsolute()) {
      throw new IllegalArgumentException("domain must be absolute (end with a dot): " + domain);
    }
    try {
      return locator.parentOf(domain);
    } catch (InterruptedIOException e) {
      Thread.currentThread().interrupt();
      throw new RegistrarException(
          Reason.INTERRUPTED, "interrupted finding the parent of " + domain, null, e);
    } catch (IOException e) {
      throw new RegistrarException(
          Reason.UNAVAILABLE,
          "cannot find the parent zone servers of " + domain + ": " + e.getMessage(),
          null,
          e);
    }
  }

  private ParentObservation ask(
      AuthoritativeServers.Zone parent,
      Name domain,
      Map<AuthoritativeServers.Server, ServerAnswer> known)
      throws RegistrarException {
    List<CompletableFuture<ServerAnswer>> futures = new ArrayList<>();
    for (AuthoritativeServers.Server t : parent.servers()) {
      ServerAnswer done = known.get(t);
      String problem = t.problem();
      if (done != null) {
        futures.add(CompletableFuture.completedFuture(done));
      } else if (problem != null) {
        futures.add(
            CompletableFuture.completedFuture(
                new ServerAnswer(
                    t.nameServer(),
                    t.address(),
                    ServerAnswer.Kind.ERROR,
                    SecureDelegation.insecure(),
                    problem)));
      } else {
        futures.add(
            CompletableFuture.supplyAsync(
                () -> {
                  try {
                    return probe.ask(t.nameServer(), t.address(), domain);
                  } catch (InterruptedIOException e) {
                    throw new CompletionException(e);
                  }
                },
                executor));
      }
    }
    List<ServerAnswer> answers = new ArrayList<>();
    try {
      for (CompletableFuture<ServerAnswer> f : futures) {
        answers.add(f.get());
      }
    } catch (InterruptedException e) {
      futures.forEach(f -> f.cancel(true));
      Thread.currentThread().interrupt();
      throw new RegistrarException(
          Reason.INTERRUPTED, "interrupted asking the servers of " + parent.zone(), null, e);
    } catch (ExecutionException e) {
      throw new RegistrarException(
          Reason.INTERRUPTED,
          "a query to the servers of " + parent.zone() + " was interrupted",
          null,
          e.getCause());
    }
    return new ParentObservation(domain, parent.zone(), answers);
  }

  private static String lines(ParentObservation o) {
    StringBuilder b = new StringBuilder();
    for (ServerAnswer s : o.servers()) {
      b.append("\n  ").append(s);
    }
    return b.toString();
  }

  private static void sleep(Duration d, Name domain) throws RegistrarException {
    try {
      Thread.sleep(Math.max(1, d.toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistrarException(
          Reason.INTERRUPTED, "interrupted waiting for the DS of " + domain, null, e);
    }
  }

  /** Configures a {@link ParentObserver}; {@link #build()} validates. Not thread-safe. */
  public static final class Builder {
    private @Nullable Resolver resolver;
    private ToIntBiFunction<Name, InetAddress> port = (ns, address) -> 53;
    private Duration queryTimeout = Duration.ofSeconds(2);
    private Duration initialBackoff = Duration.ofMillis(250);
    private Duration maxBackoff = Duration.ofSeconds(5);
    private Clock clock = Clock.systemUTC();
    private @Nullable Executor executor;

    private Builder() {}

    /**
     * The resolver used to find the parent zone, its NS RRset and the name servers' addresses,
     * typically a {@code SimpleResolver} pointing at a recursive resolver. Default: a new {@link
     * ExtendedResolver} with the system's resolvers. Only {@code sendAsync(Message, Executor)} is
     * called (see {@link org.zonetrust.core.dns.DnsQueries}).
     *
     * @param resolver the resolver
     * @return this builder
     */
    public Builder resolver(Resolver resolver) {
      this.resolver = Objects.requireNonNull(resolver, "resolver");
      return this;
    }

    /**
     * The port of each name server address (default 53 for all), as in core's {@code
     * PropagationChecker}.
     *
     * @param port function from NS name and address to the port to ask
     * @return this builder
     */
    public Builder port(ToIntBiFunction<Name, InetAddress> port) {
      this.port = Objects.requireNonNull(port, "port");
      return this;
    }

    /**
     * How long to wait for each server's answer (default 2 seconds).
     *
     * @param queryTimeout positive duration
     * @return this builder
     */
    public Builder queryTimeout(Duration queryTimeout) {
      this.queryTimeout = Objects.requireNonNull(queryTimeout, "queryTimeout");
      return this;
    }

    /**
     * The pause after the first round of {@code await}; it doubles after every round up to {@code
     * max} (default 250 ms and 5 s).
     *
     * @param initial first pause, positive
     * @param max longest pause, at least {@code initial}
     * @return this builder
     */
    public Builder backoff(Duration initial, Duration max) {
      this.initialBackoff = Objects.requireNonNull(initial, "initial");
      this.maxBackoff = Objects.requireNonNull(max, "max");
      return this;
    }

    /**
     * The clock for {@code await}'s deadline (default: system UTC clock).
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Runs queries on the caller's executor instead of the observer's own daemon threads.
     *
     * @param executor the executor
     * @return this builder
     */
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /**
     * Validates and builds.
     *
     * @return the observer
     * @throws IllegalStateException if a duration is not positive, or no system resolver is found
     */
    public ParentObserver build() {
      for (Duration d : List.of(queryTimeout, initialBackoff, maxBackoff)) {
        if (d.isNegative() || d.isZero()) {
          throw new IllegalStateException("durations must be positive, got " + d);
        }
      }
      if (maxBackoff.compareTo(initialBackoff) < 0) {
        throw new IllegalStateException(
            "max backoff " + maxBackoff + " is shorter than the initial " + initialBackoff);
      }
      Resolver r = resolver;
      if (r == null) {
        try {
          r = new ExtendedResolver();
        } catch (RuntimeException e) {
          throw new IllegalStateException(
              "no system resolver found: pass resolver(new SimpleResolver(address))", e);
        }
      }
      return new ParentObserver(this, r);
    }
  }
}
