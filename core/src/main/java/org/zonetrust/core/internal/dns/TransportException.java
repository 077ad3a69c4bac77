package org.zonetrust.core.internal.dns;

import java.io.IOException;
import org.jspecify.annotations.Nullable;

/** A DNS exchange failed below the level of response codes. */
public final class TransportException extends IOException {
  private static final long serialVersionUID = 1L;

  /** What went wrong. */
  public enum Kind {
    /** No (acceptable) answer within the timeout. */
    TIMEOUT,
    /** ICMP port unreachable, connection refused, no route. */
    UNREACHABLE,
    /** Unparsable bytes, wrong message id, or an answer that does not match the question. */
    BAD_RESPONSE,
    /** The calling thread was interrupted; its interrupt flag is set. */
    INTERRUPTED
  }

  private final Kind kind;

  /**
   * Creates the exception.
   *
   * @param kind what went wrong
   * @param message explanation naming the server
   * @param cause underlying failure, or null
   */
  public TransportException(Kind kind, String message, @Nullable Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  /**
   * What went wrong.
   *
   * @return the kind
   */
  public Kind kind() {
    return kind;
  }
}
