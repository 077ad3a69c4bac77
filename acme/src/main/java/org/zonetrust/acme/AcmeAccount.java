package org.zonetrust.acme;

import java.net.URI;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The ACME account to order with: contacts, terms-of-service agreement, External Account Binding
 * (for CAs that require one) and, optionally, the account key pair.
 *
 * <p>Without a key pair, {@link AcmeDns01Client} generates an EC P-256 key once per CA directory
 * and keeps it in its {@code StateStore} (a secret: stored owner-readable only, never logged). The
 * account is registered (or found again, for a known key) on the first order and reused by every
 * later order of the client.
 *
 * <p>Immutable. {@link #toString()} never shows the HMAC key or the key pair.
 */
public final class AcmeAccount {
  private final List<URI> contacts;
  private final boolean agreeToTermsOfService;
  private final @Nullable String eabKeyId;
  private final byte @Nullable [] eabHmacKey;
  private final @Nullable KeyPair keyPair;

  private AcmeAccount(Builder b) {
    this.contacts = List.copyOf(b.contacts);
    this.agreeToTermsOfService = b.agreeToTermsOfService;
    this.eabKeyId = b.eabKeyId;
    this.eabHmacKey = b.eabHmacKey == null ? null : b.eabHmacKey.clone();
    this.keyPair = b.keyPair;
  }

  /**
   * Starts configuring an account.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The contact URIs.
   *
   * @return e.g. {@code mailto:ops@example.com}; may be empty
   */
  public List<URI> contacts() {
    return contacts;
  }

  /**
   * Whether the operator agreed to the CA's terms of service.
   *
   * @return true if agreed
   */
  public boolean agreesToTermsOfService() {
    return agreeToTermsOfService;
  }

  /**
   * The External Account Binding key id, if any.
   *
   * @return the key id the CA issued
   */
  public Optional<String> externalAccountKeyId() {
    return Optional.ofNullable(eabKeyId);
  }

  /**
   * Whether a key pair was supplied (otherwise the client keeps one in its state store).
   *
   * @return true if {@link Builder#keyPair} was called
   */
  public boolean hasSuppliedKeyPair() {
    return keyPair != null;
  }

  @Nullable KeyPair suppliedKeyPair() {
    return keyPair;
  }

  byte @Nullable [] eabHmacKey() {
    return eabHmacKey == null ? null : eabHmacKey.clone();
  }

  /**
   * Shows contacts, terms agreement and the EAB key id; never a key.
   *
   * @return a description without secrets
   */
  @Override
  public String toString() {
    return "AcmeAccount[contacts="
        + contacts
        + ", agreeToTermsOfService="
        + agreeToTermsOfService
        + (eabKeyId == null ? "" : ", eabKeyId=" + eabKeyId + ", eabHmacKey=<hidden>")
        + (keyPair == null ? ", keyPair=from state store]" : ", keyPair=<supplied>]");
  }

  /** Configures an {@link AcmeAccount}; {@link #build()} validates. Not thread-safe. */
  public static final class Builder {
    private final List<URI> contacts = new ArrayList<>();
    private boolean agreeToTermsOfService;
    private @Nullable String eabKeyId;
    private byte @Nullable [] eabHmacKey;
    private @Nullable KeyPair keyPair;

    private Builder() {}

    /**
     * Adds a contact URI.
     *
     * @param contact e.g. {@code mailto:ops@example.com}
     * @return this builder
     * @throws IllegalArgumentException if it is not a {@code mailto:} URI with an address
     */
    public Builder contact(String contact) {
      Objects.requireNonNull(contact, "contact");
      URI uri;
      try {
        uri = URI.create(contact);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("contact '" + contact + "' is not a URI", e);
      }
      if (!"mailto".equalsIgnoreCase(uri.getScheme())
          || uri.getSchemeSpecificPart() == null
          || !uri.getSchemeSpecificPart().contains("@")) {
        throw new IllegalArgumentException(
            "contact must be a mailto: URI such as mailto:ops@example.com, got '" + contact + "'");
      }
      contacts.add(uri);
      return this;
    }

    /**
     * Records the operator's agreement to the CA's terms of service (required by most CAs to
     * register a new account).
     *
     * @param agree true to agree
     * @return this builder
     */
    public Builder agreeToTermsOfService(boolean agree) {
      this.agreeToTermsOfService = agree;
      return this;
    }

    /**
     * Binds the new account to an account the operator has with the CA (RFC 8555 section 7.3.4), as
     * ZeroSSL, Google Trust Services and many commercial CAs require.
     *
     * @param keyId the key identifier the CA issued
     * @param hmacKeyBase64 the HMAC key the CA issued, base64url or base64 (a secret: never logged)
     * @return this builder
     * @throws IllegalArgumentException if the key id is blank or the HMAC key is not base64 (the
     *     message never contains the key)
     */
    public Builder externalAccountBinding(String keyId, String hmacKeyBase64) {
      Objects.requireNonNull(keyId, "keyId");
      Objects.requireNonNull(hmacKeyBase64, "hmacKeyBase64");
      if (keyId.isBlank()) {
        throw new IllegalArgumentException("External Account Binding key id must not be blank");
      }
      byte[] key;
      try {
        String k = hmacKeyBase64.strip();
        key =
            k.indexOf('-') >= 0 || k.indexOf('_') >= 0
                ? Base64.getUrlDecoder().decode(k)
                : Base64.getDecoder().decode(k);
      } catch (IllegalArgumentException e) {
        // The decoder's message quotes the offending character: do not pass it on.
        throw new IllegalArgumentException(
            "the External Account Binding HMAC key for key id "
                + keyId
                + " is not valid base64: copy it exactly as the CA shows it");
      }
      if (key.length == 0) {
        throw new IllegalArgumentException(
            "the External Account Binding HMAC key for key id " + keyId + " is empty");
      }
      this.eabKeyId = keyId;
      this.eabHmacKey = key;
      return this;
    }

    /**
     * Uses this account key pair instead of one kept in the state store.
     *
     * @param keyPair an EC (P-256, P-384) or RSA (at least 2048 bits) key pair
     * @return this builder
     */
    public Builder keyPair(KeyPair keyPair) {
      this.keyPair = Objects.requireNonNull(keyPair, "keyPair");
      return this;
    }

    /**
     * Validates and builds.
     *
     * @return the account
     * @throws IllegalArgumentException if the key pair's algorithm is neither EC nor RSA
     */
    public AcmeAccount build() {
      if (keyPair != null) {
        String alg = keyPair.getPublic().getAlgorithm();
        if (!alg.equals("EC") && !alg.equals("RSA")) {
          throw new IllegalArgumentException(
              "account key pair must be EC or RSA, got " + alg + ": ACME CAs accept only these");
        }
      }
      return new AcmeAccount(this);
    }
  }
}
