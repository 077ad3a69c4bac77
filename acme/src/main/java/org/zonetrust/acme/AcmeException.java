package org.zonetrust.acme;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.zonetrust.core.ZoneTrustException;

/**
 * An ACME operation failed; the message names the certificate, its names, the step and what the CA
 * said (problem type and detail), never a secret.
 */
public class AcmeException extends ZoneTrustException {
  private static final long serialVersionUID = 1L;

  private final @Nullable URI problemType;
  private final @Nullable Instant retryAfter;
  private final @Nullable String orderUrl;

  /**
   * Creates the exception.
   *
   * @param message what failed, without secrets
   */
  public AcmeException(String message) {
    this(message, null);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param message what failed, without secrets
   * @param cause the underlying failure
   */
  public AcmeException(String message, @Nullable Throwable cause) {
    this(message, cause, null, null, null);
  }

  /**
   * Creates the exception with the CA's details.
   *
   * @param message what failed, without secrets
   * @param cause the underlying failure
   * @param problemType the ACME problem type (RFC 8555 section 6.7), e.g. {@code
   *     urn:ietf:params:acme:error:rateLimited}, or {@code null}
   * @param retryAfter when the CA allows a retry (429/503 Retry-After), or {@code null}
   * @param orderUrl the URL of the order involved, or {@code null}
   */
  public AcmeException(
      String message,
      @Nullable Throwable cause,
      @Nullable URI problemType,
      @Nullable Instant retryAfter,
      @Nullable String orderUrl) {
    super(message, cause);
    this.problemType = problemType;
    this.retryAfter = retryAfter;
    this.orderUrl = orderUrl;
  }

  /**
   * The ACME problem type the CA reported.
   *
   * @return e.g. {@code urn:ietf:params:acme:error:unauthorized}, or empty if the failure was not
   *     reported by the CA
   */
  public Optional<URI> problemType() {
    return Optional.ofNullable(problemType);
  }

  /**
   * When the CA allows the next attempt.
   *
   * @return the Retry-After instant, or empty if the CA gave none
   */
  public Optional<Instant> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /**
   * The order the failure belongs to.
   *
   * @return the order URL, or empty if it failed before an order existed
   */
  public Optional<String> orderUrl() {
    return Optional.ofNullable(orderUrl);
  }
}
