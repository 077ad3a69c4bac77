package org.zonetrust.core.dns;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToIntBiFunction;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Name;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Type;
import org.zonetrust.core.event.EventListener;
import org.zonetrust.core.internal.dns.AuthoritativeProbe;
import org.zonetrust.core.internal.dns.DnsTransport;
import org.zonetrust.core.internal.dns.PropagationRun;
import org.zonetrust.core.internal.dns.ZoneLocator;

/**
 * Waits until every authoritative server of a zone serves an expected state: the step between "the
 * primary accepted the update" and "the ACME CA may validate" or "the DS may be published".
 *
 * <p>For {@link #await(Name, int, Expectation)} the checker finds, through the configured
 * (recursive) resolver, the zone that serves the name (following CNAMEs; the zone cut is where the
 * SOA is), the zone's NS RRset and every A and AAAA address of every name server. Then it asks each
 * address directly (RD=0; UDP, TCP when truncated) for the zone's SOA serial and the RRset, in
 * rounds with bounded exponential backoff, until every address has served the expected state in an
 * authoritative answer (AA set).
 *
 * <p><b>Confirmation is sticky:</b> once an address has served the expected state it is not asked
 * again in that {@code await}, whatever the expectation. Zone serials only move forward, so a later
 * change is a later {@code await}'s business, and a re-check would only add load to servers that
 * host thousands of zones.
 *
 * <p>If the overall timeout (measured with the injected clock) passes first, the stage fails with a
 * {@link PropagationTimeoutException} that lists each address with its name server, SOA serial and
 * last answer or error. Each query gets at most the time left until then, so the stage fails close
 * to the timeout; a query the deadline cuts off leaves the server's earlier answer in the report. A
 * name server whose address cannot be found is reported as not confirmed (with the lookup's error)
 * and looked up again each round; the check cannot succeed without it. Cancelling the returned
 * stage's {@code CompletableFuture} stops the rounds.
 *
 * <p>Thread-safe. Without a caller-supplied executor the checker owns a small pool of daemon
 * threads (idle threads exit); {@link #close()} stops it and fails pending checks. Dnsjava's global
 * state is never changed: the default resolver is a new {@link ExtendedResolver} built from the
 * system configuration.
 */
public final class PropagationChecker implements AutoCloseable {
  private final PropagationRun.Settings settings;
  private final @Nullable ThreadPoolExecutor ownPool;
  private final Set<PropagationRun> active = ConcurrentHashMap.newKeySet();
  private final Duration timeout;

  private PropagationChecker(Builder b, Resolver resolver) {
    this.timeout = b.timeout;
    Executor executor;
    if (b.executor != null) {
      ownPool = null;
      executor = b.executor;
    } else {
      AtomicInteger threads = new AtomicInteger();
      ThreadPoolExecutor pool =
          new ThreadPoolExecutor(
              4,
              4,
              30,
              TimeUnit.SECONDS,
              new LinkedBlockingQueue<>(),
              r -> {
                Thread t = new Thread(r, "zonetrust-propagation-" + threads.incrementAndGet());
                t.setDaemon(true);
                return t;
              });
      pool.allowCoreThreadTimeOut(true);
      ownPool = pool;
      executor = pool;
    }
    this.settings =
        new PropagationRun.Settings(
            new ZoneLocator(resolver, b.port),
            new AuthoritativeProbe(new DnsTransport(b.queryTimeout)),
            executor,
            b.clock,
            b.initialBackoff,
            b.maxBackoff,
            b.timeout,
            b.listener);
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
   * Waits, without blocking the caller, until every authoritative server of the zone that serves
   * {@code name} serves the expected state.
   *
   * @param name the owner name (absolute), e.g. {@code _acme-challenge.example.com.}
   * @param type the RR type, a dnsjava {@link Type} constant
   * @param expected the state to wait for; its records must be of {@code type}
   * @return a stage completing with the per-server result, or failing with a {@link
   *     PropagationTimeoutException} (or {@link IllegalStateException} if the checker is closed)
   * @throws IllegalArgumentException if the name is relative or the expectation's records are of
   *     another type
   */
  public CompletionStage<PropagationResult> await(Name name, int type, Expectation expected) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(expected, "expected");
    Type.check(type);
    if (!name.isAbsolute()) {
      throw new IllegalArgumentException("name must be absolute (end with a dot): " + name);
    }
    int expectedType = -1;
    if (expected instanceof Expectation.Contains c) {
      expectedType = c.record().getType();
    } else if (expected instanceof Expectation.Exactly e) {
      expectedType = e.records().get(0).getType();
    }
    if (expectedType >= 0 && expectedType != type) {
      throw new IllegalArgumentException(
          "expectation "
              + expected
              + " has records of type "
              + Type.string(expectedType)
              + " but type "
              + Type.string(type)
              + " is checked: pass the same type");
    }
    if (ownPool != null && ownPool.isShutdown()) {
      throw new IllegalStateException("the propagation checker is closed");
    }
    PropagationRun run = new PropagationRun(settings, name, type, expected);
    active.add(run);
    CompletableFuture<PropagationResult> f = run.start();
    CompletableFuture<?> unused = f.whenComplete((r, t) -> active.remove(run));
    return f;
  }

  /**
   * The overall timeout of each {@code await}.
   *
   * @return the timeout
   */
  public Duration timeout() {
    return timeout;
  }

  /**
   * Fails pending checks with an {@link IllegalStateException}, then stops the checker's own
   * threads (if it has any). Idempotent.
   */
  @Override
  public void close() {
    // Fail the runs first: shutdownNow() interrupts their queries, and the interrupted probe must
    // not be the one that completes the caller's stage.
    for (PropagationRun run : active) {
      run.abort(new IllegalStateException("the propagation checker was closed"));
    }
    if (ownPool != null) {
      ownPool.shutdownNow();
    }
  }

  /** Configures a {@link PropagationChecker}; {@link #build()} validates. Not thread-safe. */
  public static final class Builder {
    private @Nullable Resolver resolver;
    private ToIntBiFunction<Name, InetAddress> port = (ns, address) -> 53;
    private Duration queryTimeout = Duration.ofSeconds(2);
    private Duration initialBackoff = Duration.ofMillis(250);
    private Duration maxBackoff = Duration.ofSeconds(5);
    private Duration timeout = Duration.ofMinutes(2);
    private Clock clock = Clock.systemUTC();
    private @Nullable Executor executor;
    private EventListener listener = EventListener.NONE;

    private Builder() {}

    /**
     * The resolver used to find the zone cut, the NS RRset and the name servers' addresses,
     * typically a {@code SimpleResolver} pointing at a recursive resolver. Default: a new {@link
     * ExtendedResolver} with the system's resolvers. The checker only sends queries ({@code
     * sendAsync} with its own executor); it never reconfigures the resolver.
     *
     * @param resolver the resolver
     * @return this builder
     */
    public Builder resolver(Resolver resolver) {
      this.resolver = resolver;
      return this;
    }

    /**
     * The port of each name server address (default 53 for all).
     *
     * @param port function from NS name and address to the port to query
     * @return this builder
     */
    public Builder port(ToIntBiFunction<Name, InetAddress> port) {
      this.port = port;
      return this;
    }

    /**
     * How long to wait for each answer of a name server (default 2 seconds).
     *
     * @param queryTimeout positive duration
     * @return this builder
     */
    public Builder queryTimeout(Duration queryTimeout) {
      this.queryTimeout = queryTimeout;
      return this;
    }

    /**
     * The pause after the first round; it doubles after every round up to {@code max} (default 250
     * ms and 5 s).
     *
     * @param initial first pause, positive
     * @param max longest pause, at least {@code initial}
     * @return this builder
     */
    public Builder backoff(Duration initial, Duration max) {
      this.initialBackoff = initial;
      this.maxBackoff = max;
      return this;
    }

    /**
     * How long one {@code await} may take in total (default 2 minutes).
     *
     * @param timeout positive duration
     * @return this builder
     */
    public Builder timeout(Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    /**
     * The clock for deadlines and reports (default: system UTC clock).
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /**
     * Runs queries on the caller's executor instead of the checker's own daemon threads. Queries
     * block for up to the query timeout, so the executor should have a few threads.
     *
     * @param executor the executor
     * @return this builder
     */
    public Builder executor(Executor executor) {
      this.executor = executor;
      return this;
    }

    /**
     * Receives {@code dns.propagation.complete} and {@code dns.propagation.timeout} events.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder eventListener(EventListener listener) {
      this.listener = listener;
      return this;
    }

    /**
     * Validates and builds.
     *
     * @return the checker
     * @throws IllegalStateException if a setting is invalid; the message says which and what to
     *     pass
     */
    public PropagationChecker build() {
      requirePositive("queryTimeout", queryTimeout, "queryTimeout(Duration.ofSeconds(2))");
      requirePositive("initial backoff", initialBackoff, "backoff(Duration.ofMillis(250), ...)");
      requirePositive("max backoff", maxBackoff, "backoff(..., Duration.ofSeconds(5))");
      requirePositive("timeout", timeout, "timeout(Duration.ofMinutes(2))");
      if (maxBackoff.compareTo(initialBackoff) < 0) {
        throw new IllegalStateException(
            "max backoff "
                + maxBackoff
                + " is shorter than the initial backoff "
                + initialBackoff
                + ": pass a max at least as long");
      }
      if (port == null) {
        throw new IllegalStateException("port must not be null: pass (ns, address) -> 53");
      }
      if (clock == null) {
        throw new IllegalStateException("clock must not be null: pass Clock.systemUTC()");
      }
      if (listener == null) {
        throw new IllegalStateException(
            "eventListener must not be null: pass EventListener.NONE to ignore events");
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
      return new PropagationChecker(this, r);
    }

    private static void requirePositive(String what, Duration d, String example) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new IllegalStateException(what + " must be positive, got " + d + ": e.g. " + example);
      }
    }
  }
}
