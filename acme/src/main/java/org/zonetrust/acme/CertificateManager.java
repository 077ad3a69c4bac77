package org.zonetrust.acme;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zonetrust.acme.internal.Acme4jRenewalInfo;
import org.zonetrust.acme.internal.RecordStore;
import org.zonetrust.acme.internal.StateKeys;
import org.zonetrust.core.state.Lease;
import org.zonetrust.core.state.StateStore;
import org.zonetrust.core.state.StateStoreException;

/**
 * Connects the {@link AcmeDns01Client} with the {@link CertificateKeyPolicy}, the {@link
 * RateLimitLedger} and the {@link RenewalScheduler}: what a platform uses instead of calling {@code
 * client.issue} directly.
 *
 * <pre>{@code
 * CertificateManager certificates = CertificateManager.builder()
 *     .client(client).keyPolicy(keys).ledger(ledger)
 *     .stateStore(store).clock(clock)
 *     .gate(gate)                                   // optional, default KeySwitchGate.never()
 *     .build();
 * certificates.issue(CertificateRequest.builder().id("shop")
 *     .names("shop.example", "*.shop.example").build());     // tracked for renewal
 * RenewalScheduler scheduler = certificates.scheduler().build();
 * scheduler.runOnce();                                       // nightly, or at run.nextDueAt()
 * }</pre>
 *
 * <p>Every order, new or renewal, goes the same way: the key comes from {@link
 * CertificateKeyPolicy#keyFor} (the current key, or the pre-generated next key when its roll is due
 * and the gate allows it), the order is counted by the ledger before it is created (a refused order
 * is never started), the certificate is delivered by the client's sink, then {@link
 * CertificateKeyPolicy#keyInstalled} makes a delivered next key current, and the {@link
 * CertificateRecord} is stored. For new certificates {@link #issue} does all of it; renewals are
 * ordered by the scheduler from {@link #scheduler()}, which asks the ledger itself (as an ARI
 * renewal with {@code replaces}, or a plain renewal) and stores the renewed record.
 *
 * <p>Thread-safe. {@link #issue} holds the same per-certificate lease as the scheduler, so a new
 * issuance and a renewal of one certificate never run at once.
 */
public final class CertificateManager {
  private static final Logger LOG = LoggerFactory.getLogger(CertificateManager.class);

  /** How long {@link #issue} holds the certificate's lease (the scheduler's default). */
  static final Duration LEASE_TTL = Duration.ofMinutes(15);

  private final AcmeDns01Client client;
  private final CertificateKeyPolicy keyPolicy;
  private final @Nullable RateLimitLedger ledger;
  private final KeySwitchGate gate;
  private final StateStore store;
  private final RecordStore records;
  private final Clock clock;
  private final String holder;

  private CertificateManager(Builder b, AcmeDns01Client client, CertificateKeyPolicy keys) {
    this.client = client;
    this.keyPolicy = keys;
    this.ledger = b.ledger;
    this.gate = b.gate;
    this.store = Objects.requireNonNull(b.store);
    this.records = new RecordStore(store);
    this.clock = b.clock;
    this.holder = "zonetrust-" + ProcessHandle.current().pid();
  }

  /**
   * Starts configuring a manager.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Issues a new certificate and tracks it for renewal. The request must not carry a key pair: the
   * key policy chooses it ({@link CertificateKeyPolicy#keyFor} with the gate; for a new id the
   * first key, whose successor {@link CertificateKeyPolicy#nextKey} can publish at once). The
   * ledger counts the order as {@link OrderKind#RENEWAL} if a record with the same names exists,
   * else as {@link OrderKind#NEW}. After delivery the key is confirmed ({@link
   * CertificateKeyPolicy#keyInstalled}) and the record {@code acme/certificates/<id>} is stored
   * (replacing an earlier one) with the new validity, ARI CertID and the request's profile.
   *
   * @param request the names and options (its {@code id} names the key and the record)
   * @return the delivered certificate
   * @throws IllegalArgumentException if the request carries a key pair
   * @throws AcmeException if the ledger refused the order ({@link AcmeException#retryAfter()} says
   *     when it has room; nothing was sent to the CA), another process is ordering this
   *     certificate, the order failed, or the store failed
   * @throws InterruptedException if interrupted (the client cleans up first)
   */
  public IssuedCertificate issue(CertificateRequest request)
      throws AcmeException, InterruptedException {
    Objects.requireNonNull(request, "request");
    if (request.keyPair() != null) {
      throw new IllegalArgumentException(
          "the key policy chooses the key; build the request without keyPair(...)");
    }
    String id = request.id();
    Lease held = lease(id);
    try {
      Optional<CertificateRecord> known = records.get(id);
      boolean sameNames =
          known.isPresent()
              && new HashSet<>(known.get().names()).equals(new HashSet<>(request.names()));
      admit(id, sameNames ? OrderKind.RENEWAL : OrderKind.NEW, request);
      CertificateKey key = keyPolicy.keyFor(id, gate);
      IssuedCertificate cert =
          client.issue(
              new CertificateRequest(
                  id,
                  request.names(),
                  request.preferredIssuer(),
                  request.profile(),
                  request.replaces(),
                  key.keyPair()));
      installed(id, key);
      records.put(
          CertificateRecord.of(id, cert.names(), cert.notBefore(), cert.notAfter(), ariCertId(cert))
              .withProfile(request.profile()));
      return cert;
    } finally {
      release(held, id);
    }
  }

  /**
   * The {@link Renewer} for a {@link RenewalScheduler}: orders {@code request.certificate()}'s
   * names with the key from {@link CertificateKeyPolicy#keyFor} (with the gate), with {@code
   * replaces} and the profile if the request has them (the client sends {@code replaces} only to a
   * CA that offers renewal information), confirms the key after delivery, and reports the new
   * validity and ARI CertID. A failure the CA reported becomes {@link RenewalOutcome#failed} with
   * its problem type and Retry-After. It does not ask the ledger: the scheduler does that before
   * calling it ({@link #scheduler()} gives it the ledger).
   *
   * @return the renewer
   */
  public Renewer renewer() {
    return this::renew;
  }

  /**
   * The {@link RenewalInfoSource} of the client's CA (RFC 9773 {@code renewalInfo}, fetched with
   * the client's account): empty answers if the CA's directory offers none.
   *
   * @return the source
   */
  public RenewalInfoSource renewalInfo() {
    return rec -> new Acme4jRenewalInfo(client.accountLogin().login(), clock).fetch(rec);
  }

  /**
   * A scheduler builder with the store, the clock, {@link #renewer()}, {@link #renewalInfo()} and
   * the ledger set; the caller may still set the policy, concurrency, lease time and so on.
   *
   * @return a builder; {@code build()} it
   */
  public RenewalScheduler.Builder scheduler() {
    RenewalScheduler.Builder b =
        RenewalScheduler.builder()
            .stateStore(store)
            .clock(clock)
            .renewer(renewer())
            .renewalInfo(renewalInfo());
    RateLimitLedger l = ledger;
    return l == null ? b : b.ledger(l);
  }

  private RenewalOutcome renew(RenewalRequest request) throws AcmeException, InterruptedException {
    CertificateRecord rec = request.certificate();
    CertificateKey key = keyPolicy.keyFor(rec.id(), gate);
    CertificateRequest.Builder order =
        CertificateRequest.builder().id(rec.id()).names(rec.names()).keyPair(key.keyPair());
    String replaces = request.replaces();
    if (replaces != null) {
      order.replaces(replaces);
    }
    String profile = request.profile();
    if (profile != null) {
      order.profile(profile);
    }
    IssuedCertificate cert;
    try {
      cert = client.issue(order.build());
    } catch (AcmeException e) {
      return RenewalOutcome.failed(
          e.problemType().map(URI::toString).orElse(null),
          String.valueOf(e.getMessage()),
          e.retryAfter().orElse(null));
    }
    installed(rec.id(), key);
    return RenewalOutcome.issued(cert.notBefore(), cert.notAfter(), ariCertId(cert));
  }

  private void admit(String id, OrderKind kind, CertificateRequest request) throws AcmeException {
    RateLimitLedger l = ledger;
    if (l == null) {
      return;
    }
    Admission a = l.admit(kind, request.names());
    if (!a.admitted()) {
      throw new AcmeException(
          "certificate " + id + " not ordered: local rate limit " + a.reason(),
          null,
          null,
          a.retryAt(),
          null);
    }
  }

  /**
   * Confirms the delivered key. The certificate is out already, so a failure here is logged, not
   * thrown: the next {@code keyFor} hands out the same next key again (still due, gate open) and
   * the following delivery confirms it.
   */
  private void installed(String id, CertificateKey key) {
    try {
      keyPolicy.keyInstalled(id, key.keyPair().getPublic());
    } catch (AcmeException | RuntimeException e) {
      LOG.warn(
          "certificate {} was delivered with key {} but the key policy could not record it: {}",
          id,
          key.keyId(),
          e.getMessage());
    }
  }

  private Lease lease(String id) throws AcmeException {
    try {
      return store
          .tryAcquire(StateKeys.renewalLease(id), holder, LEASE_TTL)
          .orElseThrow(
              () ->
                  new AcmeException(
                      "certificate " + id + " is being ordered or renewed by another process"));
    } catch (StateStoreException e) {
      throw new AcmeException("cannot acquire the lease of certificate " + id, e);
    }
  }

  private static void release(Lease held, String id) throws AcmeException {
    try {
      held.close();
    } catch (StateStoreException e) {
      throw new AcmeException("cannot release the lease of certificate " + id, e);
    }
  }

  /** The record needs null where the client reports an empty CertID (no AKI in the leaf). */
  private static @Nullable String ariCertId(IssuedCertificate cert) {
    return cert.ariCertId().isEmpty() ? null : cert.ariCertId();
  }

  /** Configures a {@link CertificateManager}; {@link #build()} validates. Not thread-safe. */
  public static final class Builder {
    private @Nullable AcmeDns01Client client;
    private @Nullable CertificateKeyPolicy keyPolicy;
    private @Nullable RateLimitLedger ledger;
    private KeySwitchGate gate = KeySwitchGate.never();
    private @Nullable StateStore store;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /**
     * The ACME client that orders and delivers (required).
     *
     * @param client the client
     * @return this builder
     */
    public Builder client(AcmeDns01Client client) {
      this.client = Objects.requireNonNull(client, "client");
      return this;
    }

    /**
     * The key policy that chooses each order's key (required).
     *
     * @param keyPolicy the policy
     * @return this builder
     */
    public Builder keyPolicy(CertificateKeyPolicy keyPolicy) {
      this.keyPolicy = Objects.requireNonNull(keyPolicy, "keyPolicy");
      return this;
    }

    /**
     * The local rate-limit ledger (optional; without it nothing is counted locally).
     *
     * @param ledger the ledger
     * @return this builder
     */
    public Builder ledger(RateLimitLedger ledger) {
      this.ledger = Objects.requireNonNull(ledger, "ledger");
      return this;
    }

    /**
     * The platform's answer to "may this certificate switch to its next key now?" (default {@link
     * KeySwitchGate#never()}: the key is reused however old; a DANE platform passes its planner's
     * decision, a platform that pins nothing {@link KeySwitchGate#always()}).
     *
     * @param gate the gate
     * @return this builder
     */
    public Builder gate(KeySwitchGate gate) {
      this.gate = Objects.requireNonNull(gate, "gate");
      return this;
    }

    /**
     * The store of certificate records and leases (required); the scheduler from {@link
     * CertificateManager#scheduler()} uses it too.
     *
     * @param store the store
     * @return this builder
     */
    public Builder stateStore(StateStore store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /**
     * The clock of the scheduler and of Retry-After durations (default {@link Clock#systemUTC()});
     * give the key policy and the ledger the same one.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Validates and builds.
     *
     * @return the manager
     * @throws IllegalStateException if the client, key policy or store is missing
     */
    public CertificateManager build() {
      if (client == null || keyPolicy == null || store == null) {
        throw new IllegalStateException(
            "CertificateManager needs "
                + (client == null ? "client(AcmeDns01Client)" : "")
                + (keyPolicy == null ? " keyPolicy(CertificateKeyPolicy)" : "")
                + (store == null ? " stateStore(StateStore)" : ""));
      }
      return new CertificateManager(this, client, keyPolicy);
    }
  }
}
