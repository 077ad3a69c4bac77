package org.zonetrust.core.dns;

import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/**
 * A TSIG key (RFC 8945): the key name shared with the server, the HMAC algorithm and the secret.
 *
 * <p>The secret is copied in and out, and {@link #toString()} never shows it, so a key can be
 * logged or put in an exception message safely.
 *
 * @param name the key name, as configured on the server (absolute)
 * @param algorithm the HMAC algorithm
 * @param secret the shared secret (copied; at least one byte)
 */
@SuppressWarnings("ArrayRecordComponent") // copied in and out; equals/hashCode compare contents
public record TsigKey(Name name, TsigAlgorithm algorithm, byte[] secret) {

  /**
   * Validates and copies the secret.
   *
   * @param name the key name (absolute)
   * @param algorithm the HMAC algorithm
   * @param secret the shared secret
   */
  public TsigKey {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(secret, "secret");
    if (!name.isAbsolute()) {
      throw new IllegalArgumentException(
          "TSIG key name must be absolute (end with a dot): " + name);
    }
    if (secret.length == 0) {
      throw new IllegalArgumentException(
          "TSIG key "
              + name
              + " has an empty secret: pass the secret the server is configured with");
    }
    secret = secret.clone();
  }

  /**
   * Creates a key from the form found in server configurations ({@code key "name" { algorithm
   * hmac-sha256; secret "base64"; };}).
   *
   * @param name the key name; a trailing dot is added if missing
   * @param algorithm the HMAC algorithm
   * @param base64Secret the secret, base64-encoded
   * @return the key
   * @throws IllegalArgumentException if the name is not a valid DNS name or the secret is not valid
   *     base64 (the message never contains the secret)
   */
  public static TsigKey of(String name, TsigAlgorithm algorithm, String base64Secret) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(base64Secret, "base64Secret");
    Name keyName;
    try {
      keyName = Name.fromString(name.endsWith(".") ? name : name + ".");
    } catch (TextParseException e) {
      throw new IllegalArgumentException("TSIG key name '" + name + "' is not a valid DNS name", e);
    }
    byte[] secret;
    try {
      secret = Base64.getDecoder().decode(base64Secret.strip());
    } catch (IllegalArgumentException e) {
      // The decoder's message quotes the offending character: do not pass it on.
      throw new IllegalArgumentException(
          "the secret of TSIG key "
              + keyName
              + " is not valid base64: copy it exactly from the server's key file");
    }
    return new TsigKey(keyName, algorithm, secret);
  }

  /**
   * The shared secret.
   *
   * @return a copy of the secret
   */
  @Override
  public byte[] secret() {
    return secret.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TsigKey k
        && name.equals(k.name)
        && algorithm == k.algorithm
        && java.security.MessageDigest.isEqual(secret, k.secret);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, algorithm, Arrays.hashCode(secret));
  }

  /**
   * Shows the key name and algorithm, never the secret.
   *
   * @return e.g. {@code TsigKey[name=update-key., algorithm=HMAC_SHA256, secret=<hidden>]}
   */
  @Override
  public String toString() {
    return "TsigKey[name=" + name + ", algorithm=" + algorithm + ", secret=<hidden>]";
  }
}
