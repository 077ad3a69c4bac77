package org.zonetrust.acme;

import java.time.Instant;
import java.util.Objects;

/**
 * The key state of one certificate, without private material: what a DANE platform needs to publish
 * TLSA for the current and the next key.
 *
 * @param certId the certificate id
 * @param currentKeyId the id of the key in use (see {@link CertificateKey#keyId()})
 * @param currentInUseSince since when the current key is in use
 * @param rollDueAt from when a renewal switches to the next key (if the gate allows)
 * @param nextKeyId the id of the pre-generated next key
 */
public record CertificateKeyStatus(
    String certId,
    String currentKeyId,
    Instant currentInUseSince,
    Instant rollDueAt,
    String nextKeyId) {

  /**
   * Validates.
   *
   * @param certId see the record component
   * @param currentKeyId see the record component
   * @param currentInUseSince see the record component
   * @param rollDueAt see the record component
   * @param nextKeyId see the record component
   */
  public CertificateKeyStatus {
    Objects.requireNonNull(certId, "certId");
    Objects.requireNonNull(currentKeyId, "currentKeyId");
    Objects.requireNonNull(currentInUseSince, "currentInUseSince");
    Objects.requireNonNull(rollDueAt, "rollDueAt");
    Objects.requireNonNull(nextKeyId, "nextKeyId");
  }
}
