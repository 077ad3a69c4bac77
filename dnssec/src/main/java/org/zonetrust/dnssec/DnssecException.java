package org.zonetrust.dnssec;

import org.jspecify.annotations.Nullable;
import org.zonetrust.core.ZoneTrustException;

/**
 * Root of the DNSSEC module's checked exceptions: a zone, key file or signature that cannot be
 * used. Messages name the zone, file and line involved, never private key material.
 */
public class DnssecException extends ZoneTrustException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message that says what failed and where.
   *
   * @param message what failed, naming the zone or file involved
   */
  public DnssecException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message and the underlying cause.
   *
   * @param message what failed, naming the zone or file involved
   * @param cause the underlying failure, or {@code null}
   */
  public DnssecException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
