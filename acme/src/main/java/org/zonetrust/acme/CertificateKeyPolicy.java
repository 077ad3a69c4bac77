package org.zonetrust.acme;

import java.security.InvalidAlgorithmParameterException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zonetrust.acme.internal.KeyState;
import org.zonetrust.acme.internal.StateKeys;
import org.zonetrust.acme.internal.StoredKey;
import org.zonetrust.core.state.StateStore;
import org.zonetrust.core.state.StateStoreException;
import org.zonetrust.core.state.Versioned;

/**
 * Which key pair a certificate order uses: the current key is reused on renewal (a new key at every
 * renewal is what breaks DANE {@code 3 1 1}); the key rolls only on a schedule (the key lifetime)
 * and only to a pre-generated next key that the platform could publish in advance.
 *
 * <pre>{@code
 * CertificateKeyPolicy keys = CertificateKeyPolicy.builder()
 *     .stateStore(store)                  // FileStateStore keeps the keys in 0600 files
 *     .keyGenerator(generator)            // default: EC P-256
 *     .keyLifetime(Duration.ofDays(365))  // default one year
 *     .clock(clock)
 *     .build();
 * PublicKey next = keys.nextKey("shop-example");              // publish its TLSA now
 * CertificateKey key = keys.keyFor("shop-example", gate);     // CURRENT, or NEXT once due and allowed
 * ... order, deliver the certificate ...
 * keys.keyInstalled("shop-example", key.keyPair().getPublic()); // after delivery: NEXT becomes current
 * }</pre>
 *
 * <p>Per certificate id the store holds (key {@code acme/keys/<certId>}) the current key, the
 * pre-generated next key and the key before the last roll. Rules:
 *
 * <ul>
 *   <li>The first call for an id generates the current <em>and</em> the next key, so TLSA for both
 *       can be published before the first certificate is even ordered.
 *   <li>{@link #keyFor} returns the current key unless a roll is due ({@code inUseSince +
 *       keyLifetime} has passed) <em>and</em> the {@link KeySwitchGate} allows the switch to the
 *       next key; then it returns the next key. It never changes which key is current.
 *   <li>{@link #keyInstalled} with the next key (after the certificate was delivered) makes it
 *       current, keeps the old current key as "previous" and pre-generates a new next key, all in
 *       one atomic compare-and-set write.
 * </ul>
 *
 * <p>Crash safety: every key is written to the store (atomically, 0600 with {@code FileStateStore})
 * before it is returned or used; the switch is a single write; a crash at any point leaves either
 * the old or the new state, and the current key is never dropped (it becomes "previous", kept until
 * the following roll). Private keys are never logged; {@link CertificateKey#toString()} and this
 * class's log lines name key ids (SPKI SHA-256) only.
 *
 * <p>Thread-safe and safe for several processes sharing the store (compare-and-set with retry).
 */
public final class CertificateKeyPolicy {
  private static final Logger LOG = LoggerFactory.getLogger(CertificateKeyPolicy.class);
  private static final int MAX_ATTEMPTS = 16;

  private final StateStore store;
  private final Supplier<KeyPair> keyGenerator;
  private final Duration keyLifetime;
  private final Clock clock;

  private CertificateKeyPolicy(Builder b, Clock clock, StateStore store) {
    this.store = store;
    this.keyGenerator = b.keyGenerator;
    this.keyLifetime = b.keyLifetime;
    this.clock = clock;
  }

  /**
   * Starts configuring a policy.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The key the next order of {@code certId} uses. Creates (and stores) the current and next keys
   * on the first call.
   *
   * @param certId the certificate id (1-200 characters of {@code [A-Za-z0-9._-]})
   * @param gate asked only when a roll is due; true switches to the next key
   * @return the current key, or the next key if a roll is due and allowed
   * @throws AcmeException if the stored state is corrupt or the store fails
   */
  public CertificateKey keyFor(String certId, KeySwitchGate gate) throws AcmeException {
    Objects.requireNonNull(gate, "gate");
    KeyState state = ensure(certId);
    StoredKey next = Objects.requireNonNull(state.next());
    Instant now = clock.instant();
    if (!now.isBefore(rollDueAt(state)) && gate.switchAllowed(certId, next.keyPair().getPublic())) {
      LOG.info("certificate {} rolls to its next key {}", certId, next.keyId());
      return new CertificateKey(next.keyPair(), CertificateKey.Slot.NEXT, next.keyId());
    }
    StoredKey current = state.current();
    return new CertificateKey(current.keyPair(), CertificateKey.Slot.CURRENT, current.keyId());
  }

  /**
   * The public key of the pre-generated next key, for publishing its TLSA ahead of the switch.
   * Creates (and stores) the keys on the first call.
   *
   * @param certId the certificate id
   * @return the next key's public key
   * @throws AcmeException if the stored state is corrupt or the store fails
   */
  public PublicKey nextKey(String certId) throws AcmeException {
    return Objects.requireNonNull(ensure(certId).next()).keyPair().getPublic();
  }

  /**
   * The key state without private material, if any keys exist for {@code certId}.
   *
   * @param certId the certificate id
   * @return the status, or empty if no key was made for this id yet
   * @throws AcmeException if the stored state is corrupt or the store fails
   */
  public Optional<CertificateKeyStatus> status(String certId) throws AcmeException {
    String key = StateKeys.keys(certId);
    Optional<Versioned> v = read(key);
    if (v.isEmpty()) {
      return Optional.empty();
    }
    KeyState s = KeyState.decode(key, v.get().value());
    StoredKey next = s.next();
    return Optional.of(
        new CertificateKeyStatus(
            certId,
            s.current().keyId(),
            inUseSince(s.current()),
            rollDueAt(s),
            next == null ? "" : next.keyId()));
  }

  /**
   * Records that a certificate with {@code installed} was delivered. If it is the next key, the
   * next key becomes current, the old current key is kept as "previous", and a new next key is
   * generated, in one atomic write. If it is the current key, nothing changes. Idempotent.
   *
   * @param certId the certificate id
   * @param installed the public key of the delivered certificate
   * @throws IllegalArgumentException if it is neither the current nor the next key
   * @throws AcmeException if the stored state is corrupt or the store fails
   */
  public void keyInstalled(String certId, PublicKey installed) throws AcmeException {
    String key = StateKeys.keys(certId);
    String id = StoredKey.keyId(installed);
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      Optional<Versioned> v = read(key);
      if (v.isEmpty()) {
        throw new IllegalArgumentException("no keys are stored for certificate " + certId);
      }
      KeyState s = KeyState.decode(key, v.get().value());
      if (s.current().keyId().equals(id)) {
        return;
      }
      StoredKey next = s.next();
      if (next == null || !next.keyId().equals(id)) {
        throw new IllegalArgumentException(
            "key " + id + " is neither the current nor the next key of certificate " + certId);
      }
      Instant now = clock.instant();
      KeyState rolled = new KeyState(next.inUseFrom(now), generate(now), s.current());
      if (cas(key, v.get().version(), rolled)) {
        LOG.info(
            "certificate {} now uses key {}; new next key {}",
            certId,
            next.keyId(),
            Objects.requireNonNull(rolled.next()).keyId());
        return;
      }
    }
    throw new AcmeException("key state of certificate " + certId + " kept changing; gave up");
  }

  private KeyState ensure(String certId) throws AcmeException {
    String key = StateKeys.keys(certId);
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      Optional<Versioned> v = read(key);
      Instant now = clock.instant();
      if (v.isEmpty()) {
        KeyState fresh = new KeyState(generate(now).inUseFrom(now), generate(now), null);
        if (cas(key, Versioned.ABSENT, fresh)) {
          LOG.info(
              "certificate {}: generated current key {} and next key {}",
              certId,
              fresh.current().keyId(),
              Objects.requireNonNull(fresh.next()).keyId());
          return fresh;
        }
        continue;
      }
      KeyState s = KeyState.decode(key, v.get().value());
      if (s.next() != null) {
        return s;
      }
      KeyState withNext = new KeyState(s.current(), generate(now), s.previous());
      if (cas(key, v.get().version(), withNext)) {
        return withNext;
      }
    }
    throw new AcmeException("key state of certificate " + certId + " kept changing; gave up");
  }

  private Instant rollDueAt(KeyState s) {
    return inUseSince(s.current()).plus(keyLifetime);
  }

  private static Instant inUseSince(StoredKey k) {
    Instant since = k.inUseSince();
    return since == null ? k.created() : since;
  }

  private StoredKey generate(Instant now) {
    return StoredKey.of(
        Objects.requireNonNull(keyGenerator.get(), "keyGenerator gave null"), now, null);
  }

  private Optional<Versioned> read(String key) throws AcmeException {
    try {
      return store.get(key);
    } catch (StateStoreException e) {
      throw new AcmeException("cannot read certificate keys at " + key, e);
    }
  }

  private boolean cas(String key, long version, KeyState state) throws AcmeException {
    try {
      return store.compareAndSet(key, version, state.encode()).isPresent();
    } catch (StateStoreException e) {
      throw new AcmeException("cannot write certificate keys at " + key, e);
    }
  }

  /** Configures a {@link CertificateKeyPolicy}; {@link #build()} validates. Not thread-safe. */
  public static final class Builder {
    private @Nullable StateStore store;
    private Supplier<KeyPair> keyGenerator = Builder::ecP256;
    private Duration keyLifetime = Duration.ofDays(365);
    private @Nullable Clock clock;

    private Builder() {}

    /**
     * Sets where keys are kept (required); it holds private keys, so use a store that keeps them
     * owner-only ({@code FileStateStore}: 0600 files).
     *
     * @param store the store
     * @return this builder
     */
    public Builder stateStore(StateStore store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /**
     * Sets how new key pairs are made; defaults to EC P-256 with a {@link SecureRandom}. The ACME
     * client passes the generator of its configured certificate key type.
     *
     * @param keyGenerator makes one new key pair per call
     * @return this builder
     */
    public Builder keyGenerator(Supplier<KeyPair> keyGenerator) {
      this.keyGenerator = Objects.requireNonNull(keyGenerator, "keyGenerator");
      return this;
    }

    /**
     * Sets how long a key stays current before a renewal may roll it; default 365 days.
     *
     * @param keyLifetime a positive duration
     * @return this builder
     */
    public Builder keyLifetime(Duration keyLifetime) {
      this.keyLifetime = Objects.requireNonNull(keyLifetime, "keyLifetime");
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
     * Validates and builds.
     *
     * @return the policy
     * @throws IllegalStateException naming what is missing or wrong
     */
    public CertificateKeyPolicy build() {
      if (store == null) {
        throw new IllegalStateException("CertificateKeyPolicy needs stateStore(StateStore)");
      }
      if (clock == null) {
        throw new IllegalStateException("CertificateKeyPolicy needs clock(Clock)");
      }
      if (keyLifetime.isNegative() || keyLifetime.isZero()) {
        throw new IllegalStateException("keyLifetime must be positive, got " + keyLifetime);
      }
      return new CertificateKeyPolicy(this, clock, store);
    }

    private static KeyPair ecP256() {
      try {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
        return g.generateKeyPair();
      } catch (NoSuchAlgorithmException | InvalidAlgorithmParameterException e) {
        throw new IllegalStateException("EC P-256 is missing from this JVM", e);
      }
    }
  }
}
