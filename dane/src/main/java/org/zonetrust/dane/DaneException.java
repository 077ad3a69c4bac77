package org.zonetrust.dane;

import org.jspecify.annotations.Nullable;
import org.zonetrust.core.ZoneTrustException;

/**
 * Root of the DANE module's checked exceptions: a certificate, key or CSR that cannot be used, or a
 * TLSA request that the RFCs forbid. Messages never contain private key material.
 */
public class DaneException extends ZoneTrustException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message that says what failed and what to do.
   *
   * @param message what failed
   */
  public DaneException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message and the underlying cause.
   *
   * @param message what failed
   * @param cause the underlying failure, or {@code null}
   */
  public DaneException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
