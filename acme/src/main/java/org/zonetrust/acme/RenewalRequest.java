package org.zonetrust.acme;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One renewal the {@link RenewalScheduler} asks a {@link Renewer} to order.
 *
 * @param certificate the stored record of the certificate being replaced
 * @param replaces the RFC 9773 certificate identifier for the order's {@code replaces} field, or
 *     null to order without it (no ARI, or the CA answered {@code alreadyReplaced})
 * @param profile the ACME profile to ask for, or null for the CA default
 * @param fencingToken the fencing token of the certificate's lease, for stores that check it
 */
public record RenewalRequest(
    CertificateRecord certificate,
    @Nullable String replaces,
    @Nullable String profile,
    long fencingToken) {

  /**
   * Validates.
   *
   * @param certificate see the record component
   * @param replaces see the record component
   * @param profile see the record component
   * @param fencingToken see the record component
   */
  public RenewalRequest {
    Objects.requireNonNull(certificate, "certificate");
  }
}
