package org.zonetrust.core;

import org.jspecify.annotations.Nullable;

/**
 * Root of every checked exception that ZoneTrust throws for a failure outside the caller's control:
 * a remote server refused, timed out or answered something unusable, or local state could not be
 * read or written.
 *
 * <p>Each module has its own small hierarchy under this class, so a platform can catch one type at
 * its outermost layer and still inspect the specific subtype where it cares. Contract violations by
 * the caller (a {@code null}, an invalid builder value) are reported with unchecked exceptions
 * instead. Messages name the object and the server involved, never a secret.
 */
public class ZoneTrustException extends Exception {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message that says what failed and where.
   *
   * @param message what failed, naming the zone, server or file involved (never a secret)
   */
  public ZoneTrustException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message and the underlying cause.
   *
   * @param message what failed, naming the zone, server or file involved (never a secret)
   * @param cause the underlying failure, or {@code null}
   */
  public ZoneTrustException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
