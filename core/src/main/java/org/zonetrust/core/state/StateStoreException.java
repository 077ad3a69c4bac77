package org.zonetrust.core.state;

import org.zonetrust.core.ZoneTrustException;

/**
 * The state storage could not be read or written. The message names the key (or lease) and the
 * storage location, never a stored value.
 */
public class StateStoreException extends ZoneTrustException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed, naming the key and the storage location
   */
  public StateStoreException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param message what failed, naming the key and the storage location
   * @param cause the underlying failure
   */
  public StateStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
