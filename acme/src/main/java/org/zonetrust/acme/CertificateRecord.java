package org.zonetrust.acme;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.zonetrust.acme.internal.StateKeys;

/**
 * What the renewal scheduler keeps about one certificate (key {@code acme/certificates/<id>} in the
 * {@code StateStore}): its names and validity, its ARI identity, the chosen renewal instant and the
 * failure history. Holds no secrets.
 *
 * @param id the certificate id (1-200 characters of {@code [A-Za-z0-9._-]}), also the key policy's
 *     id
 * @param names the DNS names, as ordered (e.g. {@code example.test}, {@code *.example.test})
 * @param notBefore the start of the current certificate's validity
 * @param notAfter the end of the current certificate's validity, after {@code notBefore}
 * @param ariCertId the RFC 9773 certificate identifier ({@code base64url(AKI) "."
 *     base64url(serial)}), or null if unknown
 * @param profile the ACME profile to ask for (e.g. {@code tlsserver}), or null for the CA default
 * @param window the last suggested ARI window, or null if none is known
 * @param ariNextPoll when to ask for renewal information again, or null to ask at the next scan
 * @param plannedRenewal the renewal instant chosen by {@link RenewalPolicy#plan}, or null if not
 *     chosen yet (cleared when the window changes or the certificate is renewed)
 * @param failures consecutive failed renewal attempts
 * @param lastFailure what the last failure was (no secrets), or null
 * @param retryNotBefore no attempt before this instant (failure backoff, Retry-After, local rate
 *     limit), or null
 * @param replacesRejected true once the CA answered {@code alreadyReplaced}: later orders go
 *     without {@code replaces}
 */
public record CertificateRecord(
    String id,
    List<String> names,
    Instant notBefore,
    Instant notAfter,
    @Nullable String ariCertId,
    @Nullable String profile,
    @Nullable RenewalWindow window,
    @Nullable Instant ariNextPoll,
    @Nullable Instant plannedRenewal,
    int failures,
    @Nullable String lastFailure,
    @Nullable Instant retryNotBefore,
    boolean replacesRejected) {

  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._=-]{1,512}");

  /**
   * Validates and copies.
   *
   * @param id see the record component
   * @param names see the record component
   * @param notBefore see the record component
   * @param notAfter see the record component
   * @param ariCertId see the record component
   * @param profile see the record component
   * @param window see the record component
   * @param ariNextPoll see the record component
   * @param plannedRenewal see the record component
   * @param failures see the record component
   * @param lastFailure see the record component
   * @param retryNotBefore see the record component
   * @param replacesRejected see the record component
   * @throws IllegalArgumentException if the id, names, validity, ARI certID (base64url "."
   *     base64url) or profile name ({@code [A-Za-z0-9._=-]}) are not valid
   */
  public CertificateRecord {
    StateKeys.checkCertId(id);
    names = List.copyOf(names);
    if (names.isEmpty()) {
      throw new IllegalArgumentException("certificate " + id + " has no names");
    }
    for (String n : names) {
      if (n.isEmpty() || n.indexOf(',') >= 0 || n.chars().anyMatch(Character::isWhitespace)) {
        throw new IllegalArgumentException("certificate " + id + ": not a DNS name: " + n);
      }
    }
    Objects.requireNonNull(notBefore, "notBefore");
    Objects.requireNonNull(notAfter, "notAfter");
    if (!notAfter.isAfter(notBefore)) {
      throw new IllegalArgumentException(
          "certificate " + id + ": notAfter " + notAfter + " is not after notBefore " + notBefore);
    }
    if (ariCertId != null && !TOKEN.matcher(ariCertId).matches()) {
      throw new IllegalArgumentException("certificate " + id + ": malformed ARI certID");
    }
    if (profile != null && !TOKEN.matcher(profile).matches()) {
      throw new IllegalArgumentException("certificate " + id + ": malformed profile name");
    }
    if (failures < 0) {
      throw new IllegalArgumentException("failures must be >= 0, got " + failures);
    }
    if (lastFailure != null) {
      String flat = lastFailure.replaceAll("[\\r\\n]+", " ");
      lastFailure = flat.length() > 500 ? flat.substring(0, 500) : flat;
    }
  }

  /**
   * A freshly issued certificate with no renewal history.
   *
   * @param id the certificate id
   * @param names the DNS names
   * @param notBefore the start of validity
   * @param notAfter the end of validity
   * @param ariCertId the RFC 9773 certificate identifier, or null
   * @return the record
   */
  public static CertificateRecord of(
      String id,
      List<String> names,
      Instant notBefore,
      Instant notAfter,
      @Nullable String ariCertId) {
    return new CertificateRecord(
        id, names, notBefore, notAfter, ariCertId, null, null, null, null, 0, null, null, false);
  }

  /**
   * This record with a profile to request.
   *
   * @param profile the profile name, or null for the CA default
   * @return the copy
   */
  public CertificateRecord withProfile(@Nullable String profile) {
    return new CertificateRecord(
        id,
        names,
        notBefore,
        notAfter,
        ariCertId,
        profile,
        window,
        ariNextPoll,
        plannedRenewal,
        failures,
        lastFailure,
        retryNotBefore,
        replacesRejected);
  }

  /**
   * This record with a new ARI answer; the planned renewal is cleared if the window changed.
   *
   * @param newWindow the window, or null if the CA gave none
   * @param nextPoll when to ask again
   * @return the copy
   */
  public CertificateRecord withWindow(@Nullable RenewalWindow newWindow, Instant nextPoll) {
    Instant planned = Objects.equals(newWindow, window) ? plannedRenewal : null;
    return new CertificateRecord(
        id,
        names,
        notBefore,
        notAfter,
        ariCertId,
        profile,
        newWindow,
        nextPoll,
        planned,
        failures,
        lastFailure,
        retryNotBefore,
        replacesRejected);
  }

  /**
   * This record with a chosen renewal instant.
   *
   * @param planned the instant
   * @return the copy
   */
  public CertificateRecord withPlannedRenewal(Instant planned) {
    return new CertificateRecord(
        id,
        names,
        notBefore,
        notAfter,
        ariCertId,
        profile,
        window,
        ariNextPoll,
        planned,
        failures,
        lastFailure,
        retryNotBefore,
        replacesRejected);
  }

  /**
   * This record after a failed attempt.
   *
   * @param what the failure (no secrets)
   * @param retryAt no new attempt before this
   * @param rejectedReplaces true if the CA answered {@code alreadyReplaced}
   * @return the copy, with {@code failures} one higher
   */
  public CertificateRecord withFailure(String what, Instant retryAt, boolean rejectedReplaces) {
    return new CertificateRecord(
        id,
        names,
        notBefore,
        notAfter,
        ariCertId,
        profile,
        window,
        ariNextPoll,
        plannedRenewal,
        failures + 1,
        what,
        retryAt,
        replacesRejected || rejectedReplaces);
  }

  /**
   * This record with an attempt postponed without counting as a failure (the local rate-limit
   * ledger refused the order).
   *
   * @param retryAt no attempt before this
   * @param why the reason
   * @return the copy
   */
  public CertificateRecord deferredUntil(Instant retryAt, String why) {
    return new CertificateRecord(
        id,
        names,
        notBefore,
        notAfter,
        ariCertId,
        profile,
        window,
        ariNextPoll,
        plannedRenewal,
        failures,
        why,
        retryAt,
        replacesRejected);
  }

  /**
   * This record with later orders going without {@code replaces} (the CA answered {@code
   * alreadyReplaced}); not counted as a failure.
   *
   * @return the copy
   */
  public CertificateRecord withReplacesRejected() {
    return new CertificateRecord(
        id,
        names,
        notBefore,
        notAfter,
        ariCertId,
        profile,
        window,
        ariNextPoll,
        plannedRenewal,
        failures,
        lastFailure,
        retryNotBefore,
        true);
  }

  /**
   * The record of the certificate that replaced this one: same id, names and profile, no history.
   *
   * @param newNotBefore the new certificate's notBefore
   * @param newNotAfter the new certificate's notAfter
   * @param newAriCertId the new certificate's RFC 9773 identifier, or null
   * @return the new record
   */
  public CertificateRecord renewed(
      Instant newNotBefore, Instant newNotAfter, @Nullable String newAriCertId) {
    return new CertificateRecord(
        id,
        names,
        newNotBefore,
        newNotAfter,
        newAriCertId,
        profile,
        null,
        null,
        null,
        0,
        null,
        null,
        false);
  }
}
