package org.zonetrust.acme;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.shredzone.acme4j.Session;
import org.xbill.DNS.Name;
import org.xbill.DNS.Resolver;
import org.zonetrust.acme.internal.AccountLogin;
import org.zonetrust.acme.internal.ChallengePublisher;
import org.zonetrust.acme.internal.DnsChallengePublisher;
import org.zonetrust.acme.internal.DnsChallengePublisherBuilder;
import org.zonetrust.acme.internal.OrderFlow;
import org.zonetrust.acme.internal.TrustingAcmeProvider;
import org.zonetrust.core.dns.DnsUpdater;
import org.zonetrust.core.dns.PropagationChecker;
import org.zonetrust.core.event.EventListener;
import org.zonetrust.core.state.StateStore;

/**
 * Obtains certificates from an ACME CA (RFC 8555) with DNS-01 challenges published through a {@link
 * DnsUpdater} and confirmed on every authoritative server before the CA is asked to validate.
 * Wildcard and apex go in one order.
 *
 * <pre>{@code
 * AcmeDns01Client client = AcmeDns01Client.builder()
 *     .ca(AcmeCa.letsEncrypt())
 *     .account(AcmeAccount.builder().contact("mailto:ops@example.com")
 *         .agreeToTermsOfService(true).build())
 *     .stateStore(store)
 *     .dnsUpdater(updater)
 *     .propagationChecker(checker)
 *     .sink(new PemFileSink(Path.of("/etc/zonetrust/certs")))
 *     .build();
 * IssuedCertificate cert = client.issue(
 *     CertificateRequest.builder().names("example.com", "*.example.com").build());
 * }</pre>
 *
 * <p>What {@link #issue} guarantees is described there. Thread-safe: any number of threads may call
 * {@code issue}; at most {@link Builder#maxConcurrentOrders} orders run at once, the others wait.
 * The account is registered (or found) once and its login reused by every order.
 */
public final class AcmeDns01Client {
  /** Default for {@link Builder#maxConcurrentOrders}. */
  public static final int DEFAULT_MAX_CONCURRENT_ORDERS = 8;

  /** Default for {@link Builder#orderTimeout}. */
  public static final Duration DEFAULT_ORDER_TIMEOUT = Duration.ofMinutes(5);

  private final OrderFlow flow;
  private final ChallengePublisher publisher;
  private final Semaphore slots;
  private final AccountLogin account;

  private AcmeDns01Client(
      OrderFlow flow, ChallengePublisher publisher, AccountLogin account, int maxConcurrent) {
    this.flow = flow;
    this.publisher = publisher;
    this.account = account;
    this.slots = new Semaphore(maxConcurrent, true);
  }

  /**
   * Starts configuring a client.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Orders, validates, downloads and delivers one certificate.
   *
   * <ol>
   *   <li>Creates the order for all names (apex and wildcard together) with the account, which is
   *       registered on first use.
   *   <li>Collects the DNS-01 value of every pending authorization and publishes them all at once:
   *       added (never replaced) to the {@code _acme-challenge} TXT RRsets, {@code _acme-challenge}
   *       CNAMEs and the alias map followed, one update per zone, and confirmed on every
   *       authoritative server of every involved zone.
   *   <li>Only then triggers the challenges, and polls the authorizations and the order
   *       (Retry-After honoured, bounded backoff, {@link Builder#orderTimeout} overall).
   *   <li>Removes exactly the values it published, on success, on failure and on interrupt.
   *   <li>Finalizes with a PKCS#10 request for a new key of the configured type, downloads the
   *       chain (the alternate issued by {@link CertificateRequest#preferredIssuer()} if offered)
   *       and hands it to the {@link CertificateSink}.
   * </ol>
   *
   * <p>On failure after the order was created, its pending authorizations are deactivated so that
   * no order is left waiting at the CA.
   *
   * @param request the names and preferences
   * @return the delivered certificate
   * @throws AcmeException if the CA refused, validation failed, DNS publication failed or timed
   *     out, the timeout passed or the sink failed; the message names the names, the order and the
   *     CA's problem type and detail ({@link AcmeException#problemType()})
   * @throws InterruptedException if the thread was interrupted (published values are removed and
   *     pending authorizations deactivated before this is thrown)
   */
  public IssuedCertificate issue(CertificateRequest request)
      throws AcmeException, InterruptedException {
    Objects.requireNonNull(request, "request");
    slots.acquire();
    try {
      return flow.issue(request);
    } finally {
      slots.release();
    }
  }

  /**
   * Removes the challenge values that a crashed process published and never removed (from the
   * journal in the state store). Call it once at start-up, before the first {@link #issue}.
   *
   * @return the number of orders cleaned up
   * @throws AcmeException if a removal failed (the journal keeps the entry for the next attempt)
   */
  public int recover() throws AcmeException {
    return publisher.recover();
  }

  /**
   * The state store key under which the generated account key pair is kept (a secret).
   *
   * @return the key, e.g. {@code acme/accounts/0123456789abcdef/key}
   */
  public String accountKeyStateKey() {
    return account.accountKeyKey();
  }

  /** The account login, shared with {@link CertificateManager#renewalInfo()}. */
  AccountLogin accountLogin() {
    return account;
  }

  /** Configures an {@link AcmeDns01Client}; {@link #build()} validates. Not thread-safe. */
  public static final class Builder {
    private @Nullable AcmeCa ca;
    private @Nullable AcmeAccount account;
    private @Nullable StateStore stateStore;
    private @Nullable Function<Name, DnsUpdater> dnsUpdaters;
    private @Nullable PropagationChecker propagationChecker;
    private final Map<Name, Name> aliases = new LinkedHashMap<>();
    private @Nullable CertificateSink sink;
    private CertificateKeyType keyType = CertificateKeyType.EC_P256;
    private int maxConcurrentOrders = DEFAULT_MAX_CONCURRENT_ORDERS;
    private EventListener events = EventListener.NONE;
    private Clock clock = Clock.systemUTC();
    private Duration orderTimeout = DEFAULT_ORDER_TIMEOUT;
    private Duration pollInitial = Duration.ofMillis(100);
    private Duration pollMax = Duration.ofSeconds(5);
    private @Nullable Resolver resolver;
    private Duration challengeTtl = Duration.ofMinutes(1);

    private Builder() {}

    /**
     * The CA (required).
     *
     * @param ca e.g. {@link AcmeCa#letsEncrypt()}
     * @return this builder
     */
    public Builder ca(AcmeCa ca) {
      this.ca = Objects.requireNonNull(ca, "ca");
      return this;
    }

    /**
     * The account (required).
     *
     * @param account contacts, terms, EAB, optional key pair
     * @return this builder
     */
    public Builder account(AcmeAccount account) {
      this.account = Objects.requireNonNull(account, "account");
      return this;
    }

    /**
     * The state store (required): account key, challenge journal.
     *
     * @param stateStore e.g. a {@code FileStateStore}
     * @return this builder
     */
    public Builder stateStore(StateStore stateStore) {
      this.stateStore = Objects.requireNonNull(stateStore, "stateStore");
      return this;
    }

    /**
     * One updater for every zone (this or {@link #dnsUpdaters} is required).
     *
     * @param updater e.g. an {@code Rfc2136Updater}
     * @return this builder
     */
    public Builder dnsUpdater(DnsUpdater updater) {
      Objects.requireNonNull(updater, "updater");
      this.dnsUpdaters = zone -> updater;
      return this;
    }

    /**
     * An updater per zone, for platforms whose zones live on different primaries.
     *
     * @param updaters maps a zone apex to its updater
     * @return this builder
     */
    public Builder dnsUpdaters(Function<Name, DnsUpdater> updaters) {
      this.dnsUpdaters = Objects.requireNonNull(updaters, "updaters");
      return this;
    }

    /**
     * The propagation checker (required): challenges are triggered only after it confirmed every
     * authoritative server.
     *
     * @param checker the checker
     * @return this builder
     */
    public Builder propagationChecker(PropagationChecker checker) {
      this.propagationChecker = Objects.requireNonNull(checker, "checker");
      return this;
    }

    /**
     * Explicit aliases: the TXT value for {@code _acme-challenge.<key>} is written at the mapped
     * name instead (a delegated validation zone), without relying on a CNAME lookup.
     *
     * @param aliases {@code _acme-challenge} owner name to the name that holds the TXT record
     * @return this builder
     */
    public Builder aliases(Map<Name, Name> aliases) {
      aliases.forEach(
          (from, to) -> {
            if (!from.isAbsolute() || !to.isAbsolute()) {
              throw new IllegalArgumentException(
                  "alias names must be absolute (end with a dot): " + from + " -> " + to);
            }
          });
      this.aliases.putAll(aliases);
      return this;
    }

    /**
     * The TTL of the challenge TXT records (default 1 minute). A zone whose key manager plans with
     * a shorter largest TTL (a {@code ManagedSignedZone} built with its policy) refuses longer
     * ones, so give at most that TTL here.
     *
     * @param ttl at least one second, in whole seconds
     * @return this builder
     * @throws IllegalArgumentException if the TTL is not a positive whole number of seconds
     */
    public Builder challengeTtl(Duration ttl) {
      Objects.requireNonNull(ttl, "ttl");
      if (ttl.toSeconds() < 1 || !ttl.equals(Duration.ofSeconds(ttl.toSeconds()))) {
        throw new IllegalArgumentException(
            "challengeTtl must be a positive whole number of seconds, not " + ttl);
      }
      this.challengeTtl = ttl;
      return this;
    }

    /**
     * Where certificates go (required; {@link PemFileSink} is the usual choice).
     *
     * @param sink the sink
     * @return this builder
     */
    public Builder sink(CertificateSink sink) {
      this.sink = Objects.requireNonNull(sink, "sink");
      return this;
    }

    /**
     * Writes PEM files below {@code directory}: shorthand for {@code sink(new
     * PemFileSink(directory))}.
     *
     * @param directory the base directory
     * @return this builder
     */
    public Builder pemFiles(Path directory) {
      return sink(new PemFileSink(directory));
    }

    /**
     * The key type of new certificates (default {@link CertificateKeyType#EC_P256}).
     *
     * @param keyType the type
     * @return this builder
     */
    public Builder keyType(CertificateKeyType keyType) {
      this.keyType = Objects.requireNonNull(keyType, "keyType");
      return this;
    }

    /**
     * How many orders may run at once (default 8); further {@code issue} calls wait.
     *
     * @param max 1 to 1024
     * @return this builder
     */
    public Builder maxConcurrentOrders(int max) {
      if (max < 1 || max > 1024) {
        throw new IllegalArgumentException("maxConcurrentOrders must be 1..1024, got " + max);
      }
      this.maxConcurrentOrders = max;
      return this;
    }

    /**
     * The listener for {@code acme.*} progress events (default: none).
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder events(EventListener listener) {
      this.events = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * The clock for events and Retry-After (default {@link Clock#systemUTC()}).
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * How long {@code issue} waits for the CA, from triggering the challenges to the issued
     * certificate (default 5 minutes). DNS propagation has the propagation checker's own timeout.
     *
     * @param timeout 1 second to 1 day
     * @return this builder
     */
    public Builder orderTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.compareTo(Duration.ofSeconds(1)) < 0
          || timeout.compareTo(Duration.ofDays(1)) > 0) {
        throw new IllegalArgumentException("orderTimeout must be 1 s to 1 day, got " + timeout);
      }
      this.orderTimeout = timeout;
      return this;
    }

    /**
     * Poll intervals: the first, doubling up to the longest (defaults 100 ms and 5 s). A longer
     * Retry-After from the CA is honoured.
     *
     * @param initial the first interval, at least 10 ms
     * @param max the longest interval, at least {@code initial}
     * @return this builder
     */
    public Builder pollInterval(Duration initial, Duration max) {
      Objects.requireNonNull(initial, "initial");
      Objects.requireNonNull(max, "max");
      if (initial.compareTo(Duration.ofMillis(10)) < 0 || max.compareTo(initial) < 0) {
        throw new IllegalArgumentException(
            "pollInterval needs 10 ms <= initial <= max, got " + initial + " and " + max);
      }
      this.pollInitial = initial;
      this.pollMax = max;
      return this;
    }

    /**
     * The recursive resolver used to follow {@code _acme-challenge} CNAMEs and to find the zone of
     * each challenge name (default: the system's resolvers). Give the same resolver as to the
     * propagation checker.
     *
     * @param resolver a dnsjava resolver; only {@code sendAsync(Message, Executor)} is called
     * @return this builder
     */
    public Builder resolver(Resolver resolver) {
      this.resolver = Objects.requireNonNull(resolver, "resolver");
      return this;
    }

    /**
     * Validates and builds. Nothing is sent to the CA until the first {@code issue}.
     *
     * @return the client
     * @throws IllegalStateException if a required setting is missing (the message names it)
     */
    public AcmeDns01Client build() {
      AcmeCa theCa = require(ca, "ca(AcmeCa.letsEncrypt() or AcmeCa.of(directory, trustStore))");
      AcmeAccount theAccount = require(account, "account(AcmeAccount.builder()...build())");
      StateStore store = require(stateStore, "stateStore(FileStateStore.builder()...build())");
      CertificateSink theSink = require(sink, "sink(new PemFileSink(dir)) or pemFiles(dir)");
      Function<Name, DnsUpdater> updaters =
          require(dnsUpdaters, "dnsUpdater(Rfc2136Updater...) or dnsUpdaters(zone -> ...)");
      PropagationChecker checker =
          require(propagationChecker, "propagationChecker(PropagationChecker.builder()...build())");
      DnsChallengePublisherBuilder pb =
          DnsChallengePublisher.builder()
              .stateStore(store)
              .dnsUpdaters(updaters)
              .propagationChecker(checker)
              .aliases(aliases)
              .txtTtl(challengeTtl)
              .clock(clock)
              .events(events);
      if (resolver != null) {
        pb.resolver(resolver);
      }
      ChallengePublisher thePublisher = pb.build();
      Session session =
          new Session(theCa.directory(), new TrustingAcmeProvider(theCa.trustStore().orElse(null)));
      AccountLogin login =
          new AccountLogin(
              session,
              new AccountLogin.Registration(
                  theAccount.contacts(),
                  theAccount.agreesToTermsOfService(),
                  theAccount.externalAccountKeyId().orElse(null),
                  theAccount.eabHmacKey(),
                  theAccount.suppliedKeyPair()),
              store);
      OrderFlow flow =
          new OrderFlow(
              login,
              thePublisher,
              theSink,
              new OrderFlow.Settings(keyType, orderTimeout, pollInitial, pollMax, clock, events));
      return new AcmeDns01Client(flow, thePublisher, login, maxConcurrentOrders);
    }

    private static <T> T require(@Nullable T value, String what) {
      if (value == null) {
        throw new IllegalStateException("AcmeDns01Client needs " + what);
      }
      return value;
    }
  }
}
