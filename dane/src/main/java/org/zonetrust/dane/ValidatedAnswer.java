package org.zonetrust.dane;

import java.util.List;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * An RRset as a {@link ValidatedResolver} found it, with its DNSSEC status. Empty {@code records}
 * with status {@link DnssecStatus#SECURE} is an authenticated denial (NXDOMAIN or NODATA).
 *
 * @param name the name asked for
 * @param type the type asked for, a dnsjava {@link Type} value
 * @param status the DNSSEC status of the answer
 * @param records the records of {@code type} (following CNAMEs in the answer), possibly empty
 * @param detail what the resolver said, e.g. the RCODE or the validation failure
 */
public record ValidatedAnswer(
    Name name, int type, DnssecStatus status, List<Record> records, String detail) {
  /**
   * Copies the records.
   *
   * @param name the name asked for
   * @param type the type asked for
   * @param status the DNSSEC status
   * @param records the records
   * @param detail the explanation
   */
  public ValidatedAnswer {
    records = List.copyOf(records);
  }

  /**
   * Whether the answer is secure.
   *
   * @return {@code true} when {@link #status()} is {@link DnssecStatus#SECURE}
   */
  public boolean secure() {
    return status == DnssecStatus.SECURE;
  }
}
