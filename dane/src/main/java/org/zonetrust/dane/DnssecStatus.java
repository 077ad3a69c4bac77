package org.zonetrust.dane;

/**
 * The DNSSEC status of a DNS answer, in the terms of RFC 4035 section 4.3. DANE uses only {@link
 * #SECURE} answers: an insecure TLSA RRset proves nothing, and a bogus one is an attack or a broken
 * zone.
 */
public enum DnssecStatus {
  /** The answer (or its authenticated denial) validated from a trust anchor. */
  SECURE,
  /** The answer comes from a zone proven unsigned (no DS at an ancestor delegation). */
  INSECURE,
  /** Validation failed: a signature, key or denial did not check, or the resolver said SERVFAIL. */
  BOGUS,
  /** The status could not be established (timeout, unreachable resolver, truncated answer). */
  INDETERMINATE
}
