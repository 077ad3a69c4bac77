package org.zonetrust.acme.internal;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;
import org.zonetrust.acme.AcmeException;

/**
 * One certificate key pair as kept in the state store: PKCS#8 private key, X.509
 * SubjectPublicKeyInfo, when it was made and since when it is in use. {@link #toString()} names the
 * key id only.
 */
public final class StoredKey {
  private final KeyPair keyPair;
  private final String keyId;
  private final Instant created;
  private final @Nullable Instant inUseSince;

  private StoredKey(KeyPair keyPair, Instant created, @Nullable Instant inUseSince) {
    this.keyPair = keyPair;
    this.keyId = keyId(keyPair.getPublic());
    this.created = created;
    this.inUseSince = inUseSince;
  }

  /**
   * Wraps a freshly generated key.
   *
   * @param keyPair the key pair
   * @param created when it was made
   * @param inUseSince since when it is the current key, or null for a next key
   * @return the stored key
   */
  public static StoredKey of(KeyPair keyPair, Instant created, @Nullable Instant inUseSince) {
    return new StoredKey(keyPair, created, inUseSince);
  }

  /**
   * The key id: lower-case hex SHA-256 of the DER SubjectPublicKeyInfo (the data of a DANE {@code 3
   * 1 1} TLSA record for this key).
   *
   * @param key the public key
   * @return the key id
   */
  public static String keyId(PublicKey key) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /**
   * The key pair.
   *
   * @return the key pair
   */
  public KeyPair keyPair() {
    return keyPair;
  }

  /**
   * The key id.
   *
   * @return see {@link #keyId(PublicKey)}
   */
  public String keyId() {
    return keyId;
  }

  /**
   * When the key was made.
   *
   * @return the instant
   */
  public Instant created() {
    return created;
  }

  /**
   * Since when the key is the current key.
   *
   * @return the instant, or null for a next key
   */
  public @Nullable Instant inUseSince() {
    return inUseSince;
  }

  /**
   * This key as the current key from {@code since}.
   *
   * @param since the instant
   * @return the copy
   */
  public StoredKey inUseFrom(Instant since) {
    return new StoredKey(keyPair, created, since);
  }

  void write(Fields f, String prefix) {
    f.put(prefix + ".algorithm", keyPair.getPublic().getAlgorithm())
        .putBytes(prefix + ".public", keyPair.getPublic().getEncoded())
        .putBytes(prefix + ".private", keyPair.getPrivate().getEncoded())
        .put(prefix + ".created", created)
        .put(prefix + ".inUseSince", inUseSince);
  }

  static @Nullable StoredKey read(Fields f, String prefix, String stateKey) throws AcmeException {
    if (f.optional(prefix + ".algorithm") == null) {
      return null;
    }
    try {
      KeyFactory factory = KeyFactory.getInstance(f.required(prefix + ".algorithm"));
      PublicKey pub = factory.generatePublic(new X509EncodedKeySpec(f.bytes(prefix + ".public")));
      KeyPair pair =
          new KeyPair(
              pub, factory.generatePrivate(new PKCS8EncodedKeySpec(f.bytes(prefix + ".private"))));
      return new StoredKey(
          pair, f.requiredInstant(prefix + ".created"), f.instant(prefix + ".inUseSince"));
    } catch (GeneralSecurityException e) {
      throw new AcmeException(
          "cannot decode the " + prefix + " key stored at key " + stateKey + ": " + e.getClass());
    }
  }

  @Override
  public String toString() {
    return "StoredKey[" + keyId + "]";
  }
}
