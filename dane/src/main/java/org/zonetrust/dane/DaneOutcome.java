package org.zonetrust.dane;

/** The result of checking one address of one host (or a failure before any address was known). */
public enum DaneOutcome {
  /** A usable TLSA record matched the certificate chain the server sent. */
  MATCHED,
  /** Usable TLSA records exist and none matched: a DANE client refuses this server. */
  MISMATCH,
  /** The TLSA RRset is securely absent: the service is not DANE-protected. */
  NO_TLSA,
  /** TLSA records exist but none is usable (unknown parameters, or PKIX usages for SMTP). */
  NO_USABLE_TLSA,
  /** A DNS answer on the way (MX, A/AAAA or TLSA) is insecure: DANE does not apply. */
  INSECURE,
  /** A DNS answer on the way failed validation: a DANE client must not connect. */
  BOGUS,
  /** The DNS status could not be established (resolver unreachable, timeout). */
  INDETERMINATE,
  /** The host has no address, or the domain publishes a null MX. */
  NO_ADDRESS,
  /** The TCP connection failed (refused, no route). */
  UNREACHABLE,
  /** The connection, STARTTLS dialog or handshake ran past the timeout. */
  TIMEOUT,
  /** The server did not offer or accept STARTTLS. */
  STARTTLS_REFUSED,
  /** The TLS handshake failed for a reason other than the TLSA match. */
  TLS_FAILED
}
