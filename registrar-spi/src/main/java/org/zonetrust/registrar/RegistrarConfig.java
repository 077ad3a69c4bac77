package org.zonetrust.registrar;

import java.net.URI;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach one parent: a configuration URI that selects the adapter and says where (e.g. {@code
 * epp://epp.registry.example:700?clid=platform}, {@code https://api.registrar.example/v1?style=
 * ds-by-id}, {@code dnsupdate://192.0.2.53:53?key=parent-key.}, {@code cds:}), the caller's
 * secrets, a clock, and typed settings for what a URI cannot carry (a client certificate key store,
 * a trust store).
 *
 * <p>Secrets never go in the URI: a URI with a password in its user-info part is refused.
 */
public final class RegistrarConfig {
  private final URI uri;
  private final SecretSource secrets;
  private final Clock clock;
  private final Map<String, Object> settings;

  private RegistrarConfig(Builder b) {
    this.uri = b.uri;
    this.secrets = b.secrets;
    this.clock = b.clock;
    this.settings = Map.copyOf(b.settings);
  }

  /**
   * Starts a configuration for a URI.
   *
   * @param uri the configuration URI; its scheme selects the adapter
   * @return a builder
   */
  public static Builder builder(URI uri) {
    return new Builder(uri);
  }

  /**
   * Returns the configuration URI.
   *
   * @return the URI
   */
  public URI uri() {
    return uri;
  }

  /**
   * Returns the caller's secrets.
   *
   * @return the secret source
   */
  public SecretSource secrets() {
    return secrets;
  }

  /**
   * Returns the clock adapters use for time stamps and timeouts.
   *
   * @return the clock
   */
  public Clock clock() {
    return clock;
  }

  /**
   * Returns a typed setting.
   *
   * @param name the setting's name, as the adapter documents it
   * @param type its expected type
   * @param <T> the type
   * @return the value, or empty if not set
   * @throws IllegalArgumentException if it is set with another type
   */
  public <T> Optional<T> setting(String name, Class<T> type) {
    Object value = settings.get(name);
    if (value == null) {
      return Optional.empty();
    }
    if (!type.isInstance(value)) {
      throw new IllegalArgumentException(
          "setting "
              + name
              + " must be a "
              + type.getSimpleName()
              + ", not "
              + value.getClass().getSimpleName());
    }
    return Optional.of(type.cast(value));
  }

  @Override
  public String toString() {
    return "RegistrarConfig[" + uri + ", settings " + settings.keySet() + "]";
  }

  /** Builds a {@link RegistrarConfig}; {@link #build()} checks it. */
  public static final class Builder {
    private final URI uri;
    private SecretSource secrets = SecretSource.none();
    private Clock clock = Clock.systemUTC();
    private final Map<String, Object> settings = new HashMap<>();

    private Builder(URI uri) {
      this.uri = Objects.requireNonNull(uri, "uri");
    }

    /**
     * Sets the secrets (default: none).
     *
     * @param secrets where the adapter gets passwords and tokens
     * @return this builder
     */
    public Builder secrets(SecretSource secrets) {
      this.secrets = Objects.requireNonNull(secrets, "secrets");
      return this;
    }

    /**
     * Sets the clock (default: the system clock in UTC).
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets a typed setting the adapter documents (e.g. {@code "keyStore"}).
     *
     * @param name the setting's name
     * @param value its value
     * @return this builder
     */
    public Builder setting(String name, Object value) {
      settings.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * Checks and builds.
     *
     * @return the configuration
     * @throws IllegalArgumentException if the URI has no scheme or carries a password
     */
    public RegistrarConfig build() {
      if (uri.getScheme() == null) {
        throw new IllegalArgumentException(
            "configuration URI needs a scheme that names the adapter (epp, https, dnsupdate, cds,"
                + " mailto): "
                + uri);
      }
      String userInfo = uri.getRawUserInfo();
      if (userInfo != null && userInfo.contains(":")) {
        throw new IllegalArgumentException(
            "the configuration URI carries a password in its user-info part: pass secrets through"
                + " a SecretSource instead (URI scheme "
                + uri.getScheme()
                + ", host "
                + uri.getHost()
                + ")");
      }
      return new RegistrarConfig(this);
    }
  }
}
