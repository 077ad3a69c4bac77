package org.zonetrust.core.dns;

import java.util.Objects;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * One change inside a {@link DnsUpdate}, in the terms of RFC 2136 section 2.5.
 *
 * <p>Adds never replace: adding a second TXT value to a name that has one leaves both (an apex and
 * a wildcard ACME challenge share one record name). Replacing is a {@link DeleteRRset} followed by
 * {@link Add}s in the same update, which the server applies atomically.
 */
public sealed interface DnsChange {

  /**
   * The owner name of the change.
   *
   * @return the owner name
   */
  Name name();

  /**
   * Adds one record to an RRset (RFC 2136 2.5.1). The record's TTL is the TTL used.
   *
   * @param record the record to add
   */
  record Add(Record record) implements DnsChange {
    /**
     * Validates.
     *
     * @param record see the record component
     */
    public Add {
      Objects.requireNonNull(record, "record");
    }

    @Override
    public Name name() {
      return record.getName();
    }
  }

  /**
   * Deletes one record, matched by name, type and data (RFC 2136 2.5.4); the TTL is ignored.
   *
   * @param record the record to delete
   */
  record Delete(Record record) implements DnsChange {
    /**
     * Validates.
     *
     * @param record see the record component
     */
    public Delete {
      Objects.requireNonNull(record, "record");
    }

    @Override
    public Name name() {
      return record.getName();
    }
  }

  /**
   * Deletes a whole RRset (RFC 2136 2.5.2).
   *
   * @param name owner name
   * @param type RR type, a dnsjava {@link Type} constant
   */
  record DeleteRRset(Name name, int type) implements DnsChange {
    /**
     * Validates.
     *
     * @param name see the record component
     * @param type see the record component
     */
    public DeleteRRset {
      Objects.requireNonNull(name, "name");
      Type.check(type);
    }
  }

  /**
   * Deletes every RRset at a name (RFC 2136 2.5.3).
   *
   * @param name owner name
   */
  record DeleteName(Name name) implements DnsChange {
    /**
     * Validates.
     *
     * @param name see the record component
     */
    public DeleteName {
      Objects.requireNonNull(name, "name");
    }
  }
}
