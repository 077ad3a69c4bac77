package org.zonetrust.dnssec;

import org.jspecify.annotations.Nullable;

/**
 * A signed zone could not be published: the master file could not be written, the reload command
 * failed or timed out, or the server refused the signed update. The message names the zone and, for
 * a command, its exit code and output; never key material.
 */
public class ZonePublishException extends DnssecException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed, naming the zone
   */
  public ZonePublishException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what failed, naming the zone
   * @param cause the underlying failure, or {@code null}
   */
  public ZonePublishException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
