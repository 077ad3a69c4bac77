package org.zonetrust.testbed;

import org.jspecify.annotations.Nullable;

/** A testbed server could not be started, queried, changed or stopped. */
public class TestbedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message.
   *
   * @param message what went wrong
   */
  public TestbedException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message and a cause.
   *
   * @param message what went wrong
   * @param cause the underlying failure, or {@code null}
   */
  public TestbedException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
