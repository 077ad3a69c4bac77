package org.zonetrust.core.dns;

import java.util.List;
import java.util.Objects;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * A condition that must hold on the primary server for a {@link DnsUpdate} to be applied (RFC 2136
 * section 2.4). If any prerequisite fails, the server changes nothing.
 */
public sealed interface DnsPrerequisite {

  /**
   * The owner name the condition is about.
   *
   * @return the owner name
   */
  Name name();

  /**
   * The RRset exists, whatever its data (RFC 2136 2.4.1).
   *
   * @param name owner name
   * @param type RR type, a dnsjava {@link Type} constant
   */
  record RRsetExists(Name name, int type) implements DnsPrerequisite {
    /**
     * Validates.
     *
     * @param name see the record component
     * @param type see the record component
     */
    public RRsetExists {
      Objects.requireNonNull(name, "name");
      Type.check(type);
    }
  }

  /**
   * The RRset exists and equals exactly these records (RFC 2136 2.4.2).
   *
   * @param records the complete RRset: one name, one type, at least one record
   */
  record RRsetEquals(List<Record> records) implements DnsPrerequisite {
    /**
     * Validates and copies.
     *
     * @param records see the record component
     */
    public RRsetEquals {
      records = List.copyOf(records);
      if (records.isEmpty()) {
        throw new IllegalArgumentException("RRsetEquals needs at least one record");
      }
      Record first = records.get(0);
      for (Record r : records) {
        if (!r.getName().equals(first.getName()) || r.getType() != first.getType()) {
          throw new IllegalArgumentException(
              "RRsetEquals records must share name and type, got " + first + " and " + r);
        }
      }
    }

    @Override
    public Name name() {
      return records.get(0).getName();
    }
  }

  /**
   * No RRset of this name and type exists (RFC 2136 2.4.3).
   *
   * @param name owner name
   * @param type RR type, a dnsjava {@link Type} constant
   */
  record RRsetAbsent(Name name, int type) implements DnsPrerequisite {
    /**
     * Validates.
     *
     * @param name see the record component
     * @param type see the record component
     */
    public RRsetAbsent {
      Objects.requireNonNull(name, "name");
      Type.check(type);
    }
  }

  /**
   * The name has at least one RRset (RFC 2136 2.4.4).
   *
   * @param name owner name
   */
  record NameInUse(Name name) implements DnsPrerequisite {
    /**
     * Validates.
     *
     * @param name see the record component
     */
    public NameInUse {
      Objects.requireNonNull(name, "name");
    }
  }

  /**
   * The name has no RRset at all (RFC 2136 2.4.5).
   *
   * @param name owner name
   */
  record NameNotInUse(Name name) implements DnsPrerequisite {
    /**
     * Validates.
     *
     * @param name see the record component
     */
    public NameNotInUse {
      Objects.requireNonNull(name, "name");
    }
  }
}
