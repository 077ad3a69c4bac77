package org.zonetrust.acme;

/**
 * Orders one renewal; the {@link RenewalScheduler} calls it for each due certificate while it holds
 * that certificate's lease. The ACME client implements it (or is adapted to it): order the names
 * with {@link RenewalRequest#replaces()} and {@link RenewalRequest#profile()} if set, with the key
 * of the {@link CertificateKeyPolicy}, deliver the certificate, and report what happened.
 *
 * <p>Obligations: thread-safe (the scheduler calls it from several threads, never twice at once for
 * one certificate); finish well within the scheduler's lease time; report CA errors as {@link
 * RenewalOutcome#failed} with the ACME problem type and the Retry-After (429, 503) rather than
 * throwing; clean up published challenges before returning; respond to interruption.
 */
@FunctionalInterface
public interface Renewer {

  /**
   * Orders and delivers one renewal.
   *
   * @param request what to renew
   * @return the outcome
   * @throws AcmeException for an unexpected failure (counted like {@link RenewalOutcome#failed}
   *     without problem type and Retry-After)
   * @throws InterruptedException if interrupted; the scheduler stops
   */
  RenewalOutcome renew(RenewalRequest request) throws AcmeException, InterruptedException;
}
