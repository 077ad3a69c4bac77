package org.zonetrust.dane;

/** What one TLSA record said about a server's certificate chain. */
public enum RecordVerdict {
  /** The record matched (and, for DANE-TA and PKIX usages, the chain and name checks passed). */
  MATCHED,
  /** The record is usable but did not match, or its chain or name checks failed. */
  NOT_MATCHED,
  /**
   * The record cannot be used: an unknown usage, selector or matching type, a digest of the wrong
   * length, a PKIX usage for SMTP (RFC 7672 section 3.1.3), or a digest superseded by a stronger
   * one (RFC 7671 section 9).
   */
  UNUSABLE
}
