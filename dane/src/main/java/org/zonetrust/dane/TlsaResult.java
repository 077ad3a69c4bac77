package org.zonetrust.dane;

import java.util.List;
import org.xbill.DNS.TLSARecord;

/**
 * TLSA records made by {@link TlsaGenerator}, with the warnings it raised (also logged).
 *
 * @param records the records, grouped by owner name in the order requested, without duplicates
 * @param warnings human-readable warnings, e.g. an RRset larger than {@value
 *     TlsaGenerator#RECORDS_PER_NAME_WARNING} records
 */
public record TlsaResult(List<TLSARecord> records, List<String> warnings) {
  /**
   * Copies the lists.
   *
   * @param records the records
   * @param warnings the warnings
   */
  public TlsaResult {
    records = List.copyOf(records);
    warnings = List.copyOf(warnings);
  }

  /**
   * The records in master-file form, one per line.
   *
   * @return the records as text
   */
  public String toMasterFile() {
    StringBuilder sb = new StringBuilder();
    for (TLSARecord r : records) {
      sb.append(r).append('\n');
    }
    return sb.toString();
  }
}
