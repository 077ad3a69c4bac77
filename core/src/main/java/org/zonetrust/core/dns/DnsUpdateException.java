package org.zonetrust.core.dns;

import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.zonetrust.core.ZoneTrustException;

/**
 * A DNS update was not applied, or it is unknown whether it was. The message names the zone, the
 * server and the response code; it never contains a TSIG secret.
 *
 * <p>{@link #reason()} tells the kind of failure as a value a program can branch on. After {@link
 * Reason#TIMEOUT} the update may have been applied; since updates are idempotent, retrying is safe.
 */
public class DnsUpdateException extends ZoneTrustException {
  private static final long serialVersionUID = 1L;

  /** The kind of failure. */
  public enum Reason {
    /** The server refused the update (RCODE REFUSED), e.g. an update policy forbids it. */
    REFUSED,
    /** The server is not authoritative for the zone, or rejected the TSIG (RCODE NOTAUTH). */
    NOT_AUTHORITATIVE,
    /** TSIG failed: unknown key (BADKEY), wrong signature (BADSIG) or clock skew (BADTIME). */
    TSIG_REJECTED,
    /** A prerequisite did not hold (YXDOMAIN, YXRRSET, NXDOMAIN, NXRRSET); nothing changed. */
    PREREQUISITE_FAILED,
    /** A name is outside the zone (NOTZONE). */
    NOT_ZONE,
    /** Any other error RCODE (FORMERR, SERVFAIL, NOTIMP, ...). */
    SERVER_ERROR,
    /** No answer in time; the update may or may not have been applied. */
    TIMEOUT,
    /** The server could not be reached (connection refused, no route). */
    UNREACHABLE,
    /** The answer could not be parsed or did not match the request (e.g. wrong message id). */
    BAD_RESPONSE,
    /**
     * The update does not fit in one DNS message (65535 bytes including the TSIG record); nothing
     * was sent. Split it into several updates.
     */
    TOO_LARGE,
    /**
     * The calling thread was interrupted (its interrupt flag is set again); the update may or may
     * not have been applied.
     */
    INTERRUPTED
  }

  private final String zone;
  private final String server;
  private final Reason reason;
  private final @Nullable String rcode;

  /**
   * Creates the exception.
   *
   * @param zone the zone (presentation format)
   * @param server the server address and port, e.g. {@code 127.0.0.1:53}
   * @param reason the kind of failure
   * @param rcode the response code's mnemonic (e.g. {@code REFUSED}, {@code BADSIG}), or null if
   *     the server did not answer
   * @param message a human-readable explanation (never a secret)
   * @param cause the underlying failure, or null
   */
  public DnsUpdateException(
      String zone,
      String server,
      Reason reason,
      @Nullable String rcode,
      String message,
      @Nullable Throwable cause) {
    super(
        "DNS update of zone "
            + zone
            + " at "
            + server
            + " failed"
            + (rcode != null ? " with " + rcode : "")
            + ": "
            + message,
        cause);
    this.zone = zone;
    this.server = server;
    this.reason = reason;
    this.rcode = rcode;
  }

  /**
   * The zone that was to be updated.
   *
   * @return the zone name in presentation format
   */
  public String zone() {
    return zone;
  }

  /**
   * The server the update went to.
   *
   * @return address and port
   */
  public String server() {
    return server;
  }

  /**
   * The kind of failure.
   *
   * @return the reason
   */
  public Reason reason() {
    return reason;
  }

  /**
   * The response code the server sent, as its mnemonic (including TSIG errors such as {@code
   * BADSIG}).
   *
   * @return the mnemonic, or empty if the server did not answer
   */
  public Optional<String> rcode() {
    return Optional.ofNullable(rcode);
  }
}
