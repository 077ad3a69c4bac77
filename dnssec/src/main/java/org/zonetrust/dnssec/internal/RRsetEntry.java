package org.zonetrust.dnssec.internal;

import java.util.List;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.Record;

/**
 * One RRset of a signed zone: its records in canonical form and canonical RDATA order, and its
 * signatures. The records never change; the signatures are replaced when the set is re-signed.
 */
final class RRsetEntry {
  private final int type;
  private final long ttl;
  private final List<Record> records;
  private List<RRSIGRecord> sigs = List.of();

  RRsetEntry(int type, long ttl, List<Record> records) {
    this.type = type;
    this.ttl = ttl;
    this.records = List.copyOf(records);
  }

  int type() {
    return type;
  }

  long ttl() {
    return ttl;
  }

  List<Record> records() {
    return records;
  }

  List<RRSIGRecord> sigs() {
    return sigs;
  }

  void sigs(List<RRSIGRecord> sigs) {
    this.sigs = List.copyOf(sigs);
  }

  /** Tells whether another entry has the same TTL and records (signatures are not compared). */
  boolean sameData(RRsetEntry other) {
    return other.type == type && other.ttl == ttl && other.records.equals(records);
  }
}
