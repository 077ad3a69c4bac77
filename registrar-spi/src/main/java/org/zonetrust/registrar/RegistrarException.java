package org.zonetrust.registrar;

import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.zonetrust.core.ZoneTrustException;

/**
 * A DS change could not be attempted or its outcome is unknown: the registry could not be reached,
 * refused our credentials, spoke something we cannot read, or the request does not fit what the
 * adapter accepts. (A registry that understood the request and said no is a {@link
 * DsUpdateResult.Status#REJECTED} result, not an exception.)
 *
 * <p>Messages name the domain and the registry, never a password, token or key.
 */
public class RegistrarException extends ZoneTrustException {
  private static final long serialVersionUID = 1L;

  /** Why the call failed, for a program to branch on. */
  public enum Reason {
    /** Wrong or missing credentials (EPP 2200/2501, HTTP 401/403, SMTP auth, TSIG). */
    AUTHENTICATION,
    /** The request does not fit the adapter's {@link org.zonetrust.registrar.spi.Capabilities}. */
    UNSUPPORTED,
    /** The configuration URI or object is wrong (the message says what to change). */
    CONFIGURATION,
    /** The registry could not be reached, dropped the connection or answered 5xx. */
    UNAVAILABLE,
    /** The registry asked us to slow down (HTTP 429, rate limits); retry later. */
    RATE_LIMITED,
    /** No answer in time. */
    TIMEOUT,
    /** The answer could not be understood (malformed XML or JSON, unknown result code). */
    PROTOCOL,
    /** The calling thread was interrupted; the outcome at the registry is unknown. */
    INTERRUPTED,
    /**
     * The registry understood the request and refused it. Adapters report that as a {@link
     * DsUpdateResult.Status#REJECTED} result; only callers without a result to return, such as the
     * {@link RegistrarDsUpdaters#parentChannel parent channel}, throw it.
     */
    REJECTED
  }

  private final Reason reason;
  private final @Nullable Integer registryCode;

  /**
   * Creates an exception.
   *
   * @param reason why the call failed
   * @param message what failed, naming domain and registry (never a secret)
   * @param registryCode the registry's result code (EPP result, HTTP status), if any
   * @param cause the underlying failure, if any
   */
  public RegistrarException(
      Reason reason, String message, @Nullable Integer registryCode, @Nullable Throwable cause) {
    super(message, cause);
    this.reason = reason;
    this.registryCode = registryCode;
  }

  /**
   * Creates an exception without registry code or cause.
   *
   * @param reason why the call failed
   * @param message what failed, naming domain and registry (never a secret)
   */
  public RegistrarException(Reason reason, String message) {
    this(reason, message, null, null);
  }

  /**
   * Returns why the call failed.
   *
   * @return the reason
   */
  public Reason reason() {
    return reason;
  }

  /**
   * Returns the registry's result code (EPP result code, HTTP status), if it gave one.
   *
   * @return the code
   */
  public Optional<Integer> registryCode() {
    return Optional.ofNullable(registryCode);
  }
}
