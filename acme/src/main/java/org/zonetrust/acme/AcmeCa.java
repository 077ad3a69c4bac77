package org.zonetrust.acme;

import java.net.URI;
import java.security.KeyStore;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The ACME certificate authority to order from: its directory URL and, for a CA whose HTTPS
 * certificate is not signed by a CA of the JVM's default trust store (a test CA such as Pebble, an
 * internal CA), the trust store that verifies it.
 *
 * <p>A custom trust store applies to this CA's connections only; the JVM's global SSL defaults are
 * never changed.
 */
public final class AcmeCa {
  /** Let's Encrypt's production directory. */
  public static final URI LETS_ENCRYPT =
      URI.create("https://acme-v02.api.letsencrypt.org/directory");

  /** Let's Encrypt's staging directory (untrusted certificates, generous rate limits). */
  public static final URI LETS_ENCRYPT_STAGING =
      URI.create("https://acme-staging-v02.api.letsencrypt.org/directory");

  private final URI directory;
  private final @Nullable KeyStore trustStore;

  private AcmeCa(URI directory, @Nullable KeyStore trustStore) {
    this.directory = directory;
    this.trustStore = trustStore;
  }

  /**
   * Let's Encrypt production.
   *
   * @return the CA
   */
  public static AcmeCa letsEncrypt() {
    return new AcmeCa(LETS_ENCRYPT, null);
  }

  /**
   * Let's Encrypt staging: for trying out a set-up without touching production rate limits.
   *
   * @return the CA
   */
  public static AcmeCa letsEncryptStaging() {
    return new AcmeCa(LETS_ENCRYPT_STAGING, null);
  }

  /**
   * Any ACME CA by its directory URL.
   *
   * @param directory the {@code https} directory URL (plain {@code http} only for loopback
   *     addresses, as some test CAs serve it)
   * @param trustStore the certificates that verify the CA's HTTPS certificate, or {@code null} for
   *     the JVM's default trust store
   * @return the CA
   * @throws IllegalArgumentException if the URL is not an absolute https URL with a host
   */
  public static AcmeCa of(URI directory, @Nullable KeyStore trustStore) {
    Objects.requireNonNull(directory, "directory");
    String scheme = directory.getScheme();
    if (scheme == null || directory.getHost() == null) {
      throw new IllegalArgumentException(
          "ACME directory must be an absolute https URL with a host, e.g."
              + " https://acme.example/directory; got "
              + directory);
    }
    boolean loopback =
        directory.getHost().equals("127.0.0.1")
            || directory.getHost().equals("localhost")
            || directory.getHost().equals("[::1]");
    if (!scheme.equalsIgnoreCase("https") && !(scheme.equalsIgnoreCase("http") && loopback)) {
      throw new IllegalArgumentException(
          "ACME directory must use https (http only on loopback); got " + directory);
    }
    return new AcmeCa(directory, trustStore);
  }

  /**
   * The directory URL.
   *
   * @return the URL
   */
  public URI directory() {
    return directory;
  }

  /**
   * The trust store for the CA's HTTPS certificate, if one was given.
   *
   * @return the trust store, or empty for the JVM default
   */
  public Optional<KeyStore> trustStore() {
    return Optional.ofNullable(trustStore);
  }

  /**
   * Shows the directory URL and whether a custom trust store is used.
   *
   * @return e.g. {@code AcmeCa[https://acme.example/dir, custom trust store]}
   */
  @Override
  public String toString() {
    return "AcmeCa["
        + directory
        + (trustStore == null ? ", default trust store]" : ", custom trust store]");
  }
}
