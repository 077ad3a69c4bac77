package org.zonetrust.dane;

import java.util.List;
import org.xbill.DNS.Name;
import org.xbill.DNS.TLSARecord;

/**
 * The TLSA RRset at one owner name as a {@link TlsaLookup} found it, with its DNSSEC status. An
 * empty {@code records} list with status {@link DnssecStatus#SECURE} is an authenticated denial (no
 * TLSA: the service is not DANE-protected, RFC 7672 section 2.2).
 *
 * @param owner the owner name looked up, e.g. {@code _25._tcp.mx1.example.}
 * @param status the DNSSEC status of the answer; only {@code SECURE} records may be used
 * @param records the TLSA records (empty when none exist or the answer is unusable)
 * @param detail a human-readable explanation, e.g. the resolver's RCODE or the validation failure
 */
public record TlsaLookupResult(
    Name owner, DnssecStatus status, List<TLSARecord> records, String detail) {
  /**
   * Copies the records.
   *
   * @param owner the owner name
   * @param status the DNSSEC status
   * @param records the records
   * @param detail the explanation
   */
  public TlsaLookupResult {
    records = List.copyOf(records);
  }

  /**
   * Whether the records may be used for DANE: the answer is secure.
   *
   * @return {@code true} when {@link #status()} is {@link DnssecStatus#SECURE}
   */
  public boolean usable() {
    return status == DnssecStatus.SECURE;
  }
}
