package org.zonetrust.acme;

import java.io.IOException;

/**
 * Where a platform receives each issued certificate: write it to disk, push it into a control
 * panel, store it in a database. {@link PemFileSink} is the default.
 *
 * <p>Obligations of an implementation:
 *
 * <ul>
 *   <li><b>Called once per issued certificate</b>, from the thread running {@link
 *       AcmeDns01Client#issue}, after the certificate has been downloaded and before {@code issue}
 *       returns. Several certificates may be delivered concurrently: <b>thread-safe</b>.
 *   <li><b>Atomic:</b> a reader of the destination sees either the previous certificate and key or
 *       the new ones, never a key that does not match its certificate or a half-written file (as
 *       far as the destination allows; say so where it does not).
 *   <li><b>Idempotent:</b> delivering the same certificate again (a retry by the platform) leaves
 *       the same result.
 *   <li><b>Secret-safe:</b> the private key is stored readable by its owner only (files 0600) and
 *       is never logged.
 *   <li><b>Errors:</b> throwing (an {@link IOException} or a runtime exception) makes {@code issue}
 *       fail with an {@link AcmeException} naming the certificate; the certificate was issued but
 *       not delivered, so the platform should retry the delivery or the order.
 *   <li><b>Cancellation:</b> should return promptly when the thread is interrupted.
 * </ul>
 */
@FunctionalInterface
public interface CertificateSink {

  /**
   * Receives one issued certificate.
   *
   * @param delivery the certificate, its chain and private key
   * @throws IOException if it could not be stored; {@code issue} then reports the failure
   */
  void deliver(CertificateDelivery delivery) throws IOException;
}
