package org.zonetrust.dane;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Name;
import org.xbill.DNS.TLSARecord;

/**
 * The DANE check of one address of one host, or of a host or domain that never got as far as an
 * address (then {@code address} is {@code null}, e.g. an insecure MX RRset).
 *
 * @param host the TLSA base name: the host (for mail, the MX host)
 * @param address the address connected to, or {@code null} when none was reached
 * @param port the TCP port
 * @param outcome the outcome
 * @param records each TLSA record's verdict (empty when no handshake took place)
 * @param detail a human-readable explanation
 */
public record AddressCheck(
    Name host,
    @Nullable InetAddress address,
    int port,
    DaneOutcome outcome,
    List<RecordCheck> records,
    String detail) {
  /**
   * Copies the record verdicts.
   *
   * @param host the TLSA base name
   * @param address the address, or {@code null}
   * @param port the TCP port
   * @param outcome the outcome
   * @param records each TLSA record's verdict
   * @param detail a human-readable explanation
   */
  public AddressCheck {
    records = List.copyOf(records);
  }

  /**
   * The first record that matched.
   *
   * @return the matching record, empty unless the outcome is {@link DaneOutcome#MATCHED}
   */
  public Optional<TLSARecord> matchedRecord() {
    return records.stream()
        .filter(r -> r.verdict() == RecordVerdict.MATCHED)
        .map(RecordCheck::record)
        .findFirst();
  }

  /**
   * One line for people: host, address, port, outcome and detail.
   *
   * @return the line
   */
  public String toLine() {
    String where = address == null ? "-" : address.getHostAddress();
    return host + " " + where + " port " + port + ": " + outcome + " (" + detail + ")";
  }
}
