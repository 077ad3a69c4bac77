package org.zonetrust.acme;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zonetrust.acme.internal.LedgerBucket;
import org.zonetrust.acme.internal.StateKeys;
import org.zonetrust.core.state.StateStore;
import org.zonetrust.core.state.StateStoreException;
import org.zonetrust.core.state.Versioned;

/**
 * A local ledger of the orders this installation started, kept in the {@code StateStore}, that
 * refuses an order which would exceed the CA's published rate limits ({@link
 * RateLimits#letsEncrypt()} by default) <em>before</em> it is started: a refused order never
 * creates authorizations and never triggers a challenge.
 *
 * <p>Each limit is a sliding window: an order is admitted only if fewer than {@code count} orders
 * were admitted in the same bucket during the last {@code period}. That is stricter than the CA's
 * token buckets (Let's Encrypt refills gradually, e.g. one new order every 36 s), so a sequence the
 * ledger admits is one the CA admits too, as long as nobody else orders for the same account or
 * names. Buckets: new orders per account ({@code acme/ratelimits/orders/<account>}), certificates
 * per registered domain ({@code acme/ratelimits/domains/<domain>}, see {@link RegisteredDomains})
 * and duplicate certificates per exact set of names ({@code acme/ratelimits/names/<sha256>}).
 * Orders are counted when admitted (the CA counts certificates at issuance): conservative.
 *
 * <p>Exemptions follow Let's Encrypt: {@link OrderKind#ARI_RENEWAL} counts towards no limit; {@link
 * OrderKind#RENEWAL} skips the registered-domain limit.
 *
 * <p>Thread-safe and safe for several processes sharing the store: each bucket is updated by
 * compare-and-set; an admission that loses a race on a later bucket takes back its earlier entries.
 * A crash between the two leaves an entry counted that was never used (safe side).
 */
public final class RateLimitLedger {
  private static final Logger LOG = LoggerFactory.getLogger(RateLimitLedger.class);
  private static final int MAX_ATTEMPTS = 32;

  private final StateStore store;
  private final Clock clock;
  private final String account;
  private final RateLimits limits;
  private final RegisteredDomains domains;
  private final SecureRandom random = new SecureRandom();

  private RateLimitLedger(
      StateStore store, Clock clock, String account, RateLimits limits, RegisteredDomains domains) {
    this.store = store;
    this.clock = clock;
    this.account = account;
    this.limits = limits;
    this.domains = domains;
  }

  /**
   * Starts configuring a ledger.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Counts an order if every applicable limit has room, or refuses it without counting.
   *
   * @param kind what the order is
   * @param names the order's DNS names
   * @return the admission; if refused, {@link Admission#retryAt()} says when to try again
   * @throws AcmeException if the store fails or holds a corrupt bucket
   */
  public Admission admit(OrderKind kind, List<String> names) throws AcmeException {
    if (names.isEmpty()) {
      throw new IllegalArgumentException("an order needs at least one name");
    }
    List<Bucket> buckets = bucketsFor(kind, names);
    Instant now = clock.instant();
    for (Bucket b : buckets) {
      Instant full = fullUntil(b, read(b.key).bucket, now);
      if (full != null) {
        return refused(b, full);
      }
    }
    String token = HexFormat.of().formatHex(token());
    List<String> written = new ArrayList<>();
    for (Bucket b : buckets) {
      Instant full = add(b, token, now);
      if (full != null) {
        for (String key : written) {
          remove(key, token);
        }
        return refused(b, full);
      }
      written.add(b.key);
    }
    return new Admission(true, null, "admitted", token, written);
  }

  /**
   * Takes back an admitted order that was never sent to the CA (an order sent counts, even if it
   * failed). Idempotent.
   *
   * @param admission what {@link #admit} returned
   * @throws AcmeException if the store fails
   */
  public void cancel(Admission admission) throws AcmeException {
    for (String key : admission.buckets()) {
      remove(key, admission.token());
    }
  }

  private byte[] token() {
    byte[] t = new byte[12];
    random.nextBytes(t);
    return t;
  }

  private static Admission refused(Bucket b, Instant until) {
    LOG.info("order refused by the local rate-limit ledger: {} until {}", b.what, until);
    return new Admission(false, until, b.what + " until " + until, "", List.of());
  }

  private @Nullable Instant fullUntil(Bucket b, LedgerBucket bucket, Instant now) {
    List<LedgerBucket.Entry> live = bucket.prune(now, b.limit.period()).entries();
    if (live.size() < b.limit.count()) {
      return null;
    }
    return live.get(live.size() - b.limit.count()).at().plus(b.limit.period());
  }

  private @Nullable Instant add(Bucket b, String token, Instant now) throws AcmeException {
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      Read r = read(b.key);
      Instant full = fullUntil(b, r.bucket, now);
      if (full != null) {
        return full;
      }
      LedgerBucket next =
          r.bucket.prune(now, b.limit.period()).plus(new LedgerBucket.Entry(now, token));
      if (cas(b.key, r.version, next)) {
        return null;
      }
    }
    throw new AcmeException("rate-limit bucket " + b.key + " kept changing; gave up");
  }

  private void remove(String key, String token) throws AcmeException {
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      Read r = read(key);
      LedgerBucket next = r.bucket.minus(token);
      if (next.entries().size() == r.bucket.entries().size() || cas(key, r.version, next)) {
        return;
      }
    }
    throw new AcmeException("rate-limit bucket " + key + " kept changing; gave up");
  }

  private List<Bucket> bucketsFor(OrderKind kind, List<String> names) {
    List<Bucket> out = new ArrayList<>();
    if (kind == OrderKind.ARI_RENEWAL) {
      return out;
    }
    out.add(
        new Bucket(
            StateKeys.rateLimit("orders", account),
            limits.newOrdersPerAccount(),
            "new orders per account " + account));
    TreeSet<String> set = new TreeSet<>();
    for (String n : names) {
      set.add(normalise(n));
    }
    if (kind == OrderKind.NEW) {
      TreeSet<String> registered = new TreeSet<>();
      for (String n : set) {
        registered.add(domains.registeredDomain(n));
      }
      for (String d : registered) {
        out.add(
            new Bucket(
                StateKeys.rateLimit("domains", d),
                limits.certificatesPerRegisteredDomain(),
                "certificates per registered domain " + d));
      }
    }
    String joined = String.join(",", set);
    out.add(
        new Bucket(
            StateKeys.rateLimit("names", StateKeys.sha256(joined)),
            limits.duplicateCertificates(),
            "duplicate certificates for [" + joined + "]"));
    return out;
  }

  private static String normalise(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
  }

  private Read read(String key) throws AcmeException {
    try {
      Optional<Versioned> v = store.get(key);
      return v.isEmpty()
          ? new Read(Versioned.ABSENT, new LedgerBucket(List.of()))
          : new Read(v.get().version(), LedgerBucket.decode(key, v.get().value()));
    } catch (StateStoreException e) {
      throw new AcmeException("cannot read rate-limit bucket " + key, e);
    }
  }

  private boolean cas(String key, long version, LedgerBucket bucket) throws AcmeException {
    try {
      return store.compareAndSet(key, version, bucket.encode()).isPresent();
    } catch (StateStoreException e) {
      throw new AcmeException("cannot write rate-limit bucket " + key, e);
    }
  }

  private record Read(long version, LedgerBucket bucket) {}

  private record Bucket(String key, RateLimits.Limit limit, String what) {}

  /** Configures a {@link RateLimitLedger}; {@link #build()} validates. Not thread-safe. */
  public static final class Builder {
    private @Nullable StateStore store;
    private @Nullable Clock clock;
    private @Nullable String account;
    private RateLimits limits = RateLimits.letsEncrypt();
    private RegisteredDomains domains = RegisteredDomains.lastTwoLabels();

    private Builder() {}

    /**
     * Sets the store (required).
     *
     * @param store the store
     * @return this builder
     */
    public Builder stateStore(StateStore store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /**
     * Sets the clock (required).
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Names the ACME account (required), e.g. a short hash of its URL; any string.
     *
     * @param account the account name
     * @return this builder
     */
    public Builder account(String account) {
      this.account = Objects.requireNonNull(account, "account");
      return this;
    }

    /**
     * Sets the limits; default {@link RateLimits#letsEncrypt()}.
     *
     * @param limits the limits
     * @return this builder
     */
    public Builder limits(RateLimits limits) {
      this.limits = Objects.requireNonNull(limits, "limits");
      return this;
    }

    /**
     * Sets the registered-domain rule; default {@link RegisteredDomains#lastTwoLabels()}.
     *
     * @param domains the rule (a public-suffix-list hook)
     * @return this builder
     */
    public Builder registeredDomains(RegisteredDomains domains) {
      this.domains = Objects.requireNonNull(domains, "domains");
      return this;
    }

    /**
     * Validates and builds.
     *
     * @return the ledger
     * @throws IllegalStateException naming what is missing
     */
    public RateLimitLedger build() {
      if (store == null || clock == null || account == null || account.isEmpty()) {
        throw new IllegalStateException(
            "RateLimitLedger needs stateStore(StateStore), clock(Clock) and account(String)");
      }
      return new RateLimitLedger(store, clock, account, limits, domains);
    }
  }
}
