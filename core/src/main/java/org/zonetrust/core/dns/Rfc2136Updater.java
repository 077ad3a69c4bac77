package org.zonetrust.core.dns;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zonetrust.core.event.EventListener;
import org.zonetrust.core.internal.dns.Addresses;
import org.zonetrust.core.internal.dns.UpdateClient;

/**
 * The built-in {@link DnsUpdater}: sends each {@link DnsUpdate} as one RFC 2136 UPDATE message to
 * the zone's primary server, signed with TSIG (RFC 8945), and checks the signed answer.
 *
 * <p>Transport: UDP, or TCP when the message exceeds 512 bytes or the answer is truncated. An
 * update that does not fit in one DNS message (65535 bytes) fails with {@link
 * DnsUpdateException.Reason#TOO_LARGE} before anything is sent. Every failure is a {@link
 * DnsUpdateException} naming the zone, the server and the response code; the TSIG secret never
 * appears in a message or a log line.
 *
 * <p>Events: {@code dns.update.applied} after the server accepted an update, {@code
 * dns.update.failed} (with attributes {@code reason}, {@code rcode}) otherwise.
 *
 * <p>Thread-safe and immutable; each call uses its own socket, so concurrent updates do not block
 * each other. Dnsjava's global state is never touched.
 *
 * <pre>{@code
 * DnsUpdater updater = Rfc2136Updater.builder()
 *     .server(new InetSocketAddress("192.0.2.53", 53))
 *     .tsigKey(TsigKey.of("update-key", TsigAlgorithm.HMAC_SHA256, secret))
 *     .build();
 * updater.apply(DnsUpdate.builder(zone).add(txt).build());
 * }</pre>
 */
public final class Rfc2136Updater implements DnsUpdater {
  /** Default time to wait for each answer (UDP, then TCP if needed). */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  private final InetSocketAddress server;
  private final @Nullable TsigKey tsigKey;
  private final Duration timeout;
  private final UpdateClient client;

  private Rfc2136Updater(Builder b, InetSocketAddress server) {
    this.server = server;
    this.tsigKey = b.tsigKey;
    this.timeout = b.timeout;
    this.client = new UpdateClient(server, tsigKey, timeout, b.clock, b.listener);
  }

  /**
   * Starts a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public void apply(DnsUpdate update) throws DnsUpdateException {
    client.apply(Objects.requireNonNull(update, "update"));
  }

  /**
   * The server updates are sent to.
   *
   * @return the address and port
   */
  public InetSocketAddress server() {
    return server;
  }

  /**
   * The TSIG key updates are signed with.
   *
   * @return the key, or empty when updates are sent unsigned
   */
  public Optional<TsigKey> tsigKey() {
    return Optional.ofNullable(tsigKey);
  }

  /**
   * Shows server, key name and timeout; never the secret.
   *
   * @return a description for logs
   */
  @Override
  public String toString() {
    return "Rfc2136Updater[server="
        + Addresses.format(server)
        + ", key="
        + (tsigKey == null ? "none" : tsigKey.name() + " " + tsigKey.algorithm())
        + ", timeout="
        + timeout
        + "]";
  }

  /** Configures an {@link Rfc2136Updater}; {@link #build()} validates. Not thread-safe. */
  public static final class Builder {
    private static final Logger LOG = LoggerFactory.getLogger(Rfc2136Updater.class);
    private static final Duration MAX_TIMEOUT = Duration.ofMinutes(5);

    private @Nullable InetSocketAddress server;
    private @Nullable TsigKey tsigKey;
    private Duration timeout = DEFAULT_TIMEOUT;
    private Clock clock = Clock.systemUTC();
    private EventListener listener = EventListener.NONE;

    private Builder() {}

    /**
     * The zone's primary server (required).
     *
     * @param server resolved address and port, e.g. {@code new InetSocketAddress("192.0.2.53", 53)}
     * @return this builder
     */
    public Builder server(InetSocketAddress server) {
      this.server = server;
      return this;
    }

    /**
     * The TSIG key to sign updates with. Optional, but without it anybody who can reach the server
     * can forge updates, so only servers that authorize by address accept unsigned updates.
     *
     * @param key the key
     * @return this builder
     */
    public Builder tsigKey(TsigKey key) {
      this.tsigKey = key;
      return this;
    }

    /**
     * How long to wait for each answer (default 10 seconds, at most 5 minutes).
     *
     * @param timeout positive duration
     * @return this builder
     */
    public Builder timeout(Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    /**
     * The clock for TSIG time stamps and event times (default: system UTC clock).
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /**
     * Receives {@code dns.update.applied} / {@code dns.update.failed} events (default: none).
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
     * @return the updater
     * @throws IllegalStateException if a setting is missing or invalid; the message says which and
     *     what to pass instead
     */
    public Rfc2136Updater build() {
      if (server == null) {
        throw new IllegalStateException(
            "server is required: call server(new InetSocketAddress(\"192.0.2.53\", 53)) with the"
                + " address of the zone's primary name server");
      }
      if (server.isUnresolved()) {
        throw new IllegalStateException(
            "server "
                + server.getHostString()
                + " is unresolved: resolve it first (new InetSocketAddress(InetAddress, port)) so"
                + " that updates do not depend on a DNS lookup");
      }
      if (server.getPort() == 0) {
        throw new IllegalStateException(
            "server " + Addresses.format(server) + " has port 0: pass the port it listens on (53)");
      }
      if (timeout == null || timeout.isNegative() || timeout.isZero()) {
        throw new IllegalStateException(
            "timeout must be positive, got " + timeout + ": e.g. timeout(Duration.ofSeconds(10))");
      }
      if (timeout.compareTo(MAX_TIMEOUT) > 0) {
        throw new IllegalStateException(
            "timeout "
                + timeout
                + " is longer than "
                + MAX_TIMEOUT
                + ": a server that slow is down");
      }
      if (clock == null) {
        throw new IllegalStateException("clock must not be null: pass Clock.systemUTC()");
      }
      if (listener == null) {
        throw new IllegalStateException(
            "eventListener must not be null: pass EventListener.NONE to ignore events");
      }
      if (tsigKey == null) {
        LOG.warn(
            "updates to {} will be sent without TSIG: anybody who can reach it can forge them",
            Addresses.format(server));
      }
      return new Rfc2136Updater(this, server);
    }
  }
}
