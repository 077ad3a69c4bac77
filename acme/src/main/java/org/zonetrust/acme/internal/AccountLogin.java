package org.zonetrust.acme.internal;

import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.toolbox.AcmeUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zonetrust.acme.AcmeException;
import org.zonetrust.core.state.StateStore;
import org.zonetrust.core.state.StateStoreException;
import org.zonetrust.core.state.Versioned;

/**
 * The ACME session and account login of one client: the account key (supplied, or generated once
 * and kept in the {@link StateStore}), registration on first use, and one {@link Login} reused by
 * every order. Thread-safe.
 */
public final class AccountLogin {
  private static final Logger LOG = LoggerFactory.getLogger(AccountLogin.class);

  /**
   * How to register the account.
   *
   * @param contacts contact URIs
   * @param agreeToTermsOfService whether the operator agreed
   * @param eabKeyId External Account Binding key id, or {@code null}
   * @param eabHmacKey External Account Binding HMAC key, or {@code null} (a secret)
   * @param keyPair the supplied account key pair, or {@code null} to keep one in the store
   */
  @SuppressWarnings("ArrayRecordComponent") // internal; never printed (toString overridden)
  public record Registration(
      List<URI> contacts,
      boolean agreeToTermsOfService,
      @Nullable String eabKeyId,
      byte @Nullable [] eabHmacKey,
      @Nullable KeyPair keyPair) {
    @Override
    public String toString() {
      return "Registration[contacts=" + contacts + ", eabKeyId=" + eabKeyId + "]";
    }
  }

  private final Session session;
  private final Registration registration;
  private final StateStore store;
  private final String keyPrefix;
  private @Nullable Login login;

  /**
   * Creates the login holder; nothing is sent until {@link #login()}.
   *
   * @param session the ACME session of the CA
   * @param registration account settings
   * @param store where the account key and URL are kept
   */
  public AccountLogin(Session session, Registration registration, StateStore store) {
    this.session = session;
    this.registration = registration;
    this.store = store;
    String dir = session.getServerUri().toString();
    this.keyPrefix =
        "acme/accounts/" + AcmeUtils.hexEncode(AcmeUtils.sha256hash(dir)).substring(0, 16);
  }

  /**
   * The session.
   *
   * @return the ACME session
   */
  public Session session() {
    return session;
  }

  /**
   * The state store key of the account key pair (for tests and operators).
   *
   * @return e.g. {@code acme/accounts/0123456789abcdef/key}
   */
  public String accountKeyKey() {
    return keyPrefix + "/key";
  }

  /**
   * Returns the account login, registering (or finding) the account on the first call.
   *
   * @return the login
   * @throws AcmeException if the CA refused or could not be reached, or the store failed
   */
  public synchronized Login login() throws AcmeException {
    if (login != null) {
      return login;
    }
    KeyPair keyPair = registration.keyPair() != null ? registration.keyPair() : storedKeyPair();
    try {
      Optional<Versioned> url = store.get(keyPrefix + "/url");
      if (url.isPresent() && registration.keyPair() == null) {
        login =
            session.login(new URL(new String(url.get().value(), StandardCharsets.UTF_8)), keyPair);
        return login;
      }
      AccountBuilder builder = new AccountBuilder().useKeyPair(keyPair);
      for (URI c : registration.contacts()) {
        builder.addContact(c);
      }
      if (registration.agreeToTermsOfService()) {
        builder.agreeToTermsOfService();
      }
      byte[] hmac = registration.eabHmacKey();
      if (registration.eabKeyId() != null && hmac != null) {
        builder.withKeyIdentifier(registration.eabKeyId(), AcmeUtils.base64UrlEncode(hmac));
      }
      Login created = builder.createLogin(session);
      if (registration.keyPair() == null) {
        // The URL belongs to the stored key only; a supplied key registers (or is found) each run.
        store.put(
            keyPrefix + "/url",
            created.getAccountLocation().toString().getBytes(StandardCharsets.UTF_8));
      }
      LOG.info("ACME account {} at {}", created.getAccountLocation(), session.getServerUri());
      login = created;
      return created;
    } catch (org.shredzone.acme4j.exception.AcmeException e) {
      throw AcmeErrors.translate("cannot register or find the ACME account", e, null);
    } catch (MalformedURLException | StateStoreException e) {
      throw new AcmeException(
          "cannot use the ACME account stored under " + keyPrefix + ": " + e.getMessage(), e);
    }
  }

  /**
   * Forgets the cached login and the stored account URL (not the key), so that the next {@link
   * #login()} registers the key again: for a CA that answers {@code accountDoesNotExist}.
   *
   * @throws AcmeException if the store cannot be written
   */
  public synchronized void forgetStoredAccount() throws AcmeException {
    login = null;
    String urlKey = keyPrefix + "/url";
    try {
      Optional<Versioned> url = store.get(urlKey);
      if (url.isPresent()) {
        store.delete(urlKey, url.get().version());
      }
    } catch (StateStoreException e) {
      throw new AcmeException("cannot forget the ACME account URL under " + urlKey, e);
    }
  }

  private KeyPair storedKeyPair() throws AcmeException {
    String key = accountKeyKey();
    try {
      for (int attempt = 0; attempt < 3; attempt++) {
        Optional<Versioned> stored = store.get(key);
        if (stored.isPresent()) {
          return KeyPairPem.decode(stored.get().value(), key);
        }
        KeyPair generated = generateAccountKey();
        if (store.compareAndSet(key, Versioned.ABSENT, KeyPairPem.encode(generated)).isPresent()) {
          LOG.info("generated a new ACME account key, kept under {}", key);
          return generated;
        }
      }
      throw new AcmeException("account key " + key + " keeps changing under concurrent writers");
    } catch (IllegalArgumentException | StateStoreException e) {
      throw new AcmeException(
          "cannot read or store the account key under " + key + ": " + e.getMessage(), e);
    }
  }

  static KeyPair generateAccountKey() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JVM cannot generate EC P-256 keys", e);
    }
  }
}
