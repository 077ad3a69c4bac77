package org.zonetrust.dnssec.internal;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Type;
import org.zonetrust.core.dns.DnsChange;
import org.zonetrust.core.dns.DnsPrerequisite;
import org.zonetrust.dnssec.ZoneChange;
import org.zonetrust.dnssec.ZoneFile;
import org.zonetrust.dnssec.ZoneFileException;

/**
 * The unsigned records of a managed zone (no DNSKEY, CDS, CDNSKEY, RRSIG, NSEC, NSEC3 or
 * NSEC3PARAM: the key setup and the signer make those), with RFC 2136 semantics for prerequisites
 * and changes. Immutable.
 */
public final class UnsignedZone {
  private static final Comparator<Record> ORDER =
      Comparator.comparing(Record::getName)
          .thenComparingInt(Record::getType)
          .thenComparing(Record::rdataToString);

  private final Name origin;
  private final List<Record> records;

  private UnsignedZone(Name origin, List<Record> records) {
    this.origin = origin;
    List<Record> sorted = new ArrayList<>(new LinkedHashSet<>(records));
    sorted.sort(ORDER);
    this.records = List.copyOf(sorted);
  }

  /**
   * Takes the records of a zone, dropping those the key manager and the signer own.
   *
   * @param origin the apex
   * @param records the records
   * @return the zone
   */
  public static UnsignedZone of(Name origin, List<? extends Record> records) {
    List<Record> kept = new ArrayList<>();
    for (Record r : records) {
      if (!keyManaged(r.getType())) {
        kept.add(r);
      }
    }
    return new UnsignedZone(origin, kept);
  }

  /**
   * Parses the stored master file text.
   *
   * @param origin the apex
   * @param text the text {@link #toText()} made
   * @param source where it came from, for messages
   * @return the zone
   * @throws ZoneFileException if the text cannot be parsed
   */
  public static UnsignedZone parse(Name origin, String text, String source)
      throws ZoneFileException {
    return of(origin, ZoneFile.read(new StringReader(text), source, origin));
  }

  /**
   * Tells whether records of this type are the key manager's or the signer's.
   *
   * @param type an RR type
   * @return true for DNSKEY, CDS, CDNSKEY, RRSIG, NSEC, NSEC3 and NSEC3PARAM
   */
  public static boolean keyManaged(int type) {
    return type == Type.DNSKEY
        || type == Type.CDS
        || type == Type.CDNSKEY
        || type == Type.RRSIG
        || type == Type.NSEC
        || type == Type.NSEC3
        || type == Type.NSEC3PARAM;
  }

  /**
   * Returns the records, sorted by name, type and data.
   *
   * @return the records
   */
  public List<Record> records() {
    return records;
  }

  /**
   * Returns the records as master file text with absolute names.
   *
   * @return the text
   */
  public String toText() {
    return MasterFileWriter.toText(sink -> records.forEach(sink));
  }

  /**
   * Returns the SOA record.
   *
   * @return the SOA, or null if the zone has none
   */
  public @Nullable SOARecord soa() {
    for (Record r : records) {
      if (r instanceof SOARecord soa && r.getName().equals(origin)) {
        return soa;
      }
    }
    return null;
  }

  /**
   * Returns this zone with the SOA serial set.
   *
   * @param serial the serial
   * @return the zone (this one if the serial is the same or there is no SOA)
   */
  public UnsignedZone withSerial(long serial) {
    SOARecord soa = soa();
    if (soa == null || soa.getSerial() == serial) {
      return this;
    }
    List<Record> out = new ArrayList<>(records);
    out.remove(soa);
    out.add(ZoneBuilder.withSerial(soa, serial));
    return new UnsignedZone(origin, out);
  }

  /**
   * Checks RFC 2136 prerequisites.
   *
   * @param prerequisites the prerequisites
   * @return the first that fails with the RCODE a server would give, or null if all hold
   */
  public @Nullable String failedPrerequisite(List<DnsPrerequisite> prerequisites) {
    for (DnsPrerequisite p : prerequisites) {
      String failure = check(p);
      if (failure != null) {
        return failure + " (prerequisite " + p + " does not hold)";
      }
    }
    return null;
  }

  private @Nullable String check(DnsPrerequisite p) {
    if (p instanceof DnsPrerequisite.RRsetExists e) {
      return rrset(e.name(), e.type()).isEmpty() ? "NXRRSET" : null;
    } else if (p instanceof DnsPrerequisite.RRsetAbsent a) {
      return rrset(a.name(), a.type()).isEmpty() ? null : "YXRRSET";
    } else if (p instanceof DnsPrerequisite.NameInUse n) {
      return inUse(n.name()) ? null : "NXDOMAIN";
    } else if (p instanceof DnsPrerequisite.NameNotInUse n) {
      return inUse(n.name()) ? "YXDOMAIN" : null;
    } else if (p instanceof DnsPrerequisite.RRsetEquals e) {
      Record first = e.records().get(0);
      Set<Record> have = new HashSet<>(rrset(first.getName(), first.getType()));
      return have.equals(new HashSet<>(e.records())) ? null : "NXRRSET";
    }
    throw new IllegalArgumentException("unknown prerequisite " + p);
  }

  /**
   * Applies RFC 2136 changes: adds never duplicate and give the whole RRset the added TTL; an added
   * SOA replaces the SOA; the SOA and the apex NS RRset are never deleted (RFC 2136 3.4.2).
   *
   * @param changes the changes, in order; none may concern a {@linkplain #keyManaged key-managed}
   *     type
   * @return the changed zone
   */
  public UnsignedZone apply(List<DnsChange> changes) {
    List<Record> out = new ArrayList<>(records);
    for (DnsChange c : changes) {
      if (c instanceof DnsChange.Add a) {
        add(out, a.record());
      } else if (c instanceof DnsChange.Delete d) {
        Record r = d.record();
        boolean lastApexNs =
            r.getName().equals(origin)
                && r.getType() == Type.NS
                && out.stream()
                        .filter(o -> o.getName().equals(origin) && o.getType() == Type.NS)
                        .count()
                    <= 1;
        if (!lastApexNs && !(r.getName().equals(origin) && r.getType() == Type.SOA)) {
          out.remove(r);
        }
      } else if (c instanceof DnsChange.DeleteRRset d) {
        if (!protectedAtApex(d.name(), d.type())) {
          out.removeIf(r -> r.getName().equals(d.name()) && r.getType() == d.type());
        }
      } else if (c instanceof DnsChange.DeleteName d) {
        out.removeIf(
            r -> r.getName().equals(d.name()) && !protectedAtApex(r.getName(), r.getType()));
      }
    }
    return new UnsignedZone(origin, out);
  }

  /**
   * The change that turns this zone into {@code next}: deletions of records it lacks or whose TTL
   * changed, additions of the others.
   *
   * @param next the changed zone
   * @return the change, empty lists if none
   */
  public ZoneChange changeTo(UnsignedZone next) {
    Map<Record, Long> ttls = new HashMap<>();
    records.forEach(r -> ttls.put(r, r.getTTL()));
    Set<Record> now = new HashSet<>(next.records);
    List<Record> additions = new ArrayList<>();
    List<Record> deletions = new ArrayList<>();
    for (Record r : records) {
      if (!now.contains(r)) {
        deletions.add(r);
      }
    }
    for (Record r : next.records) {
      Long ttl = ttls.get(r);
      if (ttl == null) {
        additions.add(r);
      } else if (ttl != r.getTTL()) {
        deletions.add(r);
        additions.add(r);
      }
    }
    return ZoneChange.of(additions, deletions);
  }

  private void add(List<Record> out, Record record) {
    if (record.getType() == Type.SOA) {
      out.removeIf(r -> r.getType() == Type.SOA);
      out.add(record);
      return;
    }
    List<Record> same = new ArrayList<>();
    for (Record r : out) {
      if (r.getName().equals(record.getName()) && r.getType() == record.getType()) {
        same.add(r);
      }
    }
    out.removeAll(same);
    for (Record r : same) {
      if (!r.equals(record)) {
        out.add(
            Record.newRecord(
                r.getName(),
                r.getType(),
                r.getDClass(),
                record.getTTL(),
                r.rdataToWireCanonical()));
      }
    }
    out.add(record);
  }

  private boolean protectedAtApex(Name name, int type) {
    return name.equals(origin) && (type == Type.SOA || type == Type.NS);
  }

  private List<Record> rrset(Name name, int type) {
    List<Record> out = new ArrayList<>();
    for (Record r : records) {
      if (r.getName().equals(name) && (type == Type.ANY || r.getType() == type)) {
        out.add(r);
      }
    }
    return out;
  }

  private boolean inUse(Name name) {
    return records.stream().anyMatch(r -> r.getName().equals(name));
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof UnsignedZone z
        && origin.equals(z.origin)
        && records.equals(z.records)
        && records.stream()
            .mapToLong(Record::getTTL)
            .boxed()
            .toList()
            .equals(z.records.stream().mapToLong(Record::getTTL).boxed().toList());
  }

  @Override
  public int hashCode() {
    return records.hashCode();
  }
}
