package org.zonetrust.core.internal.dns;

import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;
import org.zonetrust.core.dns.DnsChange;
import org.zonetrust.core.dns.DnsPrerequisite;
import org.zonetrust.core.dns.DnsUpdate;

/**
 * Encodes a {@link DnsUpdate} as one RFC 2136 UPDATE message. The classes and TTLs follow RFC 2136
 * sections 2.4 and 2.5 exactly (dnsjava's {@code Update.present(Record)} keeps the record's TTL,
 * which servers reject with FORMERR, so this class does the encoding itself).
 */
public final class UpdateMessages {
  private UpdateMessages() {}

  /**
   * Builds the UPDATE message (unsigned).
   *
   * @param update the update
   * @return a message with opcode UPDATE, the zone in the zone section, prerequisites and changes
   */
  public static Message build(DnsUpdate update) {
    Message m = new Message();
    m.getHeader().setOpcode(Opcode.UPDATE);
    m.addRecord(Record.newRecord(update.zone(), Type.SOA, DClass.IN), Section.ZONE);
    for (DnsPrerequisite p : update.prerequisites()) {
      for (Record r : prerequisite(p)) {
        m.addRecord(r, Section.PREREQ);
      }
    }
    for (DnsChange c : update.changes()) {
      m.addRecord(change(c), Section.UPDATE);
    }
    return m;
  }

  static Record[] prerequisite(DnsPrerequisite p) {
    if (p instanceof DnsPrerequisite.RRsetExists e) {
      return new Record[] {empty(e.name(), e.type(), DClass.ANY)};
    } else if (p instanceof DnsPrerequisite.RRsetEquals e) {
      return e.records().stream().map(r -> reclass(r, DClass.IN, 0)).toArray(Record[]::new);
    } else if (p instanceof DnsPrerequisite.RRsetAbsent e) {
      return new Record[] {empty(e.name(), e.type(), DClass.NONE)};
    } else if (p instanceof DnsPrerequisite.NameInUse e) {
      return new Record[] {empty(e.name(), Type.ANY, DClass.ANY)};
    } else if (p instanceof DnsPrerequisite.NameNotInUse e) {
      return new Record[] {empty(e.name(), Type.ANY, DClass.NONE)};
    }
    throw new IllegalArgumentException("unknown prerequisite " + p);
  }

  static Record change(DnsChange c) {
    if (c instanceof DnsChange.Add a) {
      return reclass(a.record(), DClass.IN, a.record().getTTL());
    } else if (c instanceof DnsChange.Delete d) {
      return reclass(d.record(), DClass.NONE, 0);
    } else if (c instanceof DnsChange.DeleteRRset d) {
      return empty(d.name(), d.type(), DClass.ANY);
    } else if (c instanceof DnsChange.DeleteName d) {
      return empty(d.name(), Type.ANY, DClass.ANY);
    }
    throw new IllegalArgumentException("unknown change " + c);
  }

  private static Record empty(Name name, int type, int dclass) {
    return Record.newRecord(name, type, dclass, 0);
  }

  /** Copies a record with another class and TTL, keeping its data byte for byte. */
  private static Record reclass(Record r, int dclass, long ttl) {
    byte[] wire = r.toWire(Section.ANSWER);
    int at = r.getName().length() + 2; // owner name, type
    wire[at] = (byte) (dclass >>> 8);
    wire[at + 1] = (byte) dclass;
    wire[at + 2] = (byte) (ttl >>> 24);
    wire[at + 3] = (byte) (ttl >>> 16);
    wire[at + 4] = (byte) (ttl >>> 8);
    wire[at + 5] = (byte) ttl;
    try {
      return Record.fromWire(wire, Section.ANSWER);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot re-encode " + r, e);
    }
  }
}
