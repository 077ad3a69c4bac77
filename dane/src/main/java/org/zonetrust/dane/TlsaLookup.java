package org.zonetrust.dane;

import org.xbill.DNS.Name;

/**
 * Looks up a TLSA RRset and says whether DNSSEC validated it. Implementations obtain the status
 * only through a validated path (a validating resolver's AD bit over a trusted link, or validation
 * in process from a configured trust anchor) and never report {@link DnssecStatus#SECURE} for an
 * answer they did not validate.
 *
 * <p>Contract: thread-safe; never throws for a DNS-level failure (a timeout, SERVFAIL or validation
 * failure is a result with status {@code INDETERMINATE} or {@code BOGUS} and a detail).
 */
@FunctionalInterface
public interface TlsaLookup {
  /**
   * Looks up the TLSA RRset at {@code owner}.
   *
   * @param owner the owner name, e.g. {@code _443._tcp.www.example.}
   * @return the records and their DNSSEC status
   */
  TlsaLookupResult lookup(Name owner);
}
