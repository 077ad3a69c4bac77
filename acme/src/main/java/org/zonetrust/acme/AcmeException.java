package org.zonetrust.acme;

import org.jspecify.annotations.Nullable;
import org.zonetrust.core.ZoneTrustException;

/** An ACME operation failed; the message names the order, the names and what the CA said. */
public class AcmeException extends ZoneTrustException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed, without secrets
   */
  public AcmeException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param message what failed, without secrets
   * @param cause the underlying failure
   */
  public AcmeException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
