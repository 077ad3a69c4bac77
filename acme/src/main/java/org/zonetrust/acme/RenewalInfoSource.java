package org.zonetrust.acme;

import java.util.Optional;

/**
 * Fetches ACME Renewal Information (RFC 9773) for a stored certificate; implemented by the ACME
 * client (with acme4j: {@code login.bindRenewalInfo(certificate)} and {@code fetch()}).
 *
 * <p>Obligations: thread-safe; one bounded HTTP request per call; no side effects beyond it.
 */
@FunctionalInterface
public interface RenewalInfoSource {

  /**
   * Fetches the renewal information of a certificate.
   *
   * @param certificate the stored certificate (its {@link CertificateRecord#ariCertId()} is set)
   * @return the answer, or empty if the CA offers no renewal information
   * @throws AcmeException if the request failed; the scheduler keeps the last window it had and
   *     asks again later
   * @throws InterruptedException if interrupted
   */
  Optional<AriResponse> fetch(CertificateRecord certificate)
      throws AcmeException, InterruptedException;
}
