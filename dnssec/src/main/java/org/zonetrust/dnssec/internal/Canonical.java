package org.zonetrust.dnssec.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * Canonical form of records (RFC 4034 section 6.2, as amended by RFC 6840 section 5.1): owner names
 * and the names embedded in the RDATA of the listed types in lower case; RRsets in canonical RDATA
 * order without duplicates.
 */
final class Canonical {
  private Canonical() {}

  /** Returns the record in canonical form with the given TTL. */
  static Record of(Record r, long ttl) {
    return Record.newRecord(
        r.getName().canonicalize(), r.getType(), r.getDClass(), ttl, r.rdataToWireCanonical());
  }

  /** Returns the record in canonical form (the record itself when it is in that form already). */
  static Record of(Record r) {
    if (noNamesInRdata(r.getType()) && isLowerCase(r.getName())) {
      return r;
    }
    return of(r, r.getTTL());
  }

  /** Types whose RDATA holds no domain name, so that their canonical form is their only form. */
  private static boolean noNamesInRdata(int type) {
    return switch (type) {
      case Type.A,
          Type.AAAA,
          Type.TXT,
          Type.TLSA,
          Type.SMIMEA,
          Type.DS,
          Type.CDS,
          Type.DNSKEY,
          Type.CDNSKEY,
          Type.SSHFP,
          Type.CAA,
          Type.OPENPGPKEY ->
          true;
      default -> false;
    };
  }

  @SuppressWarnings(
      "ReferenceEquality") // canonicalize() returns the name itself when it is lower case
  private static boolean isLowerCase(Name n) {
    return n.canonicalize() == n;
  }

  /** Returns the records (of one RRset, in canonical form) sorted by RDATA, without duplicates. */
  static List<Record> sortRdata(List<Record> records) {
    if (records.size() == 1) {
      return records;
    }
    Keyed[] keyed = new Keyed[records.size()];
    for (int i = 0; i < keyed.length; i++) {
      Record r = records.get(i);
      keyed[i] = new Keyed(r.rdataToWireCanonical(), r);
    }
    Arrays.sort(keyed, (a, b) -> Arrays.compareUnsigned(a.rdata, b.rdata));
    List<Record> out = new ArrayList<>(keyed.length);
    for (int i = 0; i < keyed.length; i++) {
      if (i == 0 || !Arrays.equals(keyed[i].rdata, keyed[i - 1].rdata)) {
        out.add(keyed[i].record);
      }
    }
    return out;
  }

  /** Returns the name in lower case (the form every name of a signed zone takes). */
  static Name name(Name n) {
    return n.canonicalize();
  }

  private static final class Keyed {
    final byte[] rdata;
    final Record record;

    Keyed(byte[] rdata, Record record) {
      this.rdata = rdata;
      this.record = record;
    }
  }
}
