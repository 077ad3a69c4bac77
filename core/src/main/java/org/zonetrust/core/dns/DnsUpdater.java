package org.zonetrust.core.dns;

/**
 * Applies changes to the records of one DNS zone: the way every ZoneTrust module publishes ACME
 * challenge TXT records, TLSA records, CDS/CDNSKEY and DS records.
 *
 * <p>ZoneTrust ships {@code Rfc2136Updater} (RFC 2136 DNS UPDATE with TSIG). A platform whose DNS
 * lives elsewhere (a database behind PowerDNS, a provider's REST API) implements this interface
 * itself.
 *
 * <p>Obligations of an implementation:
 *
 * <ul>
 *   <li><b>Atomic:</b> all changes of one {@link DnsUpdate} take effect together or not at all; if
 *       a prerequisite fails, nothing changes.
 *   <li><b>Idempotent:</b> adding a record that exists or deleting one that does not is not an
 *       error, so a caller may retry after a timeout without first finding out whether the first
 *       attempt landed.
 *   <li><b>Thread-safe:</b> may be called concurrently; updates of different zones must not block
 *       each other longer than a network round trip.
 *   <li><b>Cancellation:</b> an interrupted caller gets a {@link DnsUpdateException} promptly with
 *       the interrupt flag set; the update may or may not have been applied (retry is safe).
 *   <li><b>Errors:</b> every failure is a {@link DnsUpdateException} naming the zone, the server
 *       and, where there is one, the response code; never a secret.
 * </ul>
 */
public interface DnsUpdater {

  /**
   * Applies one update to one zone, atomically.
   *
   * @param update the zone, optional prerequisites and the changes
   * @throws DnsUpdateException if the server refused the update, a prerequisite failed, the server
   *     could not be reached or did not answer in time
   */
  void apply(DnsUpdate update) throws DnsUpdateException;
}
