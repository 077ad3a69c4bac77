package org.zonetrust.acme;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link Renewer} reports.
 *
 * @param issued true if a new certificate was issued and delivered
 * @param notBefore the new certificate's notBefore, if issued
 * @param notAfter the new certificate's notAfter, if issued
 * @param ariCertId the new certificate's RFC 9773 identifier, or null
 * @param problemType the ACME problem type of a failure (e.g. {@link #ALREADY_REPLACED}), or null
 * @param detail what went wrong (no secrets), or null if issued
 * @param retryAfter the instant named by the CA's Retry-After (429, 503), or null
 */
public record RenewalOutcome(
    boolean issued,
    @Nullable Instant notBefore,
    @Nullable Instant notAfter,
    @Nullable String ariCertId,
    @Nullable String problemType,
    @Nullable String detail,
    @Nullable Instant retryAfter) {

  /** The ACME problem type a CA answers when the certificate in {@code replaces} was replaced. */
  public static final String ALREADY_REPLACED = "urn:ietf:params:acme:error:alreadyReplaced";

  /** The ACME problem type of a rate limit (HTTP 429). */
  public static final String RATE_LIMITED = "urn:ietf:params:acme:error:rateLimited";

  /**
   * Validates.
   *
   * @param issued see the record component
   * @param notBefore see the record component
   * @param notAfter see the record component
   * @param ariCertId see the record component
   * @param problemType see the record component
   * @param detail see the record component
   * @param retryAfter see the record component
   * @throws IllegalArgumentException if an issued outcome lacks its validity
   */
  public RenewalOutcome {
    if (issued && (notBefore == null || notAfter == null)) {
      throw new IllegalArgumentException("an issued outcome needs notBefore and notAfter");
    }
  }

  /**
   * A certificate was issued and delivered.
   *
   * @param notBefore its notBefore
   * @param notAfter its notAfter
   * @param ariCertId its RFC 9773 identifier, or null
   * @return the outcome
   */
  public static RenewalOutcome issued(
      Instant notBefore, Instant notAfter, @Nullable String ariCertId) {
    return new RenewalOutcome(
        true,
        Objects.requireNonNull(notBefore),
        Objects.requireNonNull(notAfter),
        ariCertId,
        null,
        null,
        null);
  }

  /**
   * The renewal failed.
   *
   * @param problemType the ACME problem type, or null (not a CA problem)
   * @param detail what went wrong, without secrets
   * @param retryAfter the CA's Retry-After instant, or null
   * @return the outcome
   */
  public static RenewalOutcome failed(
      @Nullable String problemType, String detail, @Nullable Instant retryAfter) {
    return new RenewalOutcome(
        false, null, null, null, problemType, Objects.requireNonNull(detail), retryAfter);
  }
}
