package org.zonetrust.core.dns;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.xbill.DNS.Record;

/**
 * The state a {@link PropagationChecker} waits for at every authoritative server of a zone. Create
 * with {@link #contains(Record)}, {@link #exactly(Collection)} or {@link #absent()}.
 *
 * <p>Records are compared by type and data only: owner name (the checker may have followed a
 * CNAME), class and TTL are ignored.
 */
public sealed interface Expectation {

  /**
   * The RRset contains this record (and maybe others): what an ACME DNS-01 challenge needs.
   *
   * @param record the record whose type and data must be present
   * @return the expectation
   */
  static Expectation contains(Record record) {
    return new Contains(record);
  }

  /**
   * The RRset consists of exactly these records (compared by data).
   *
   * @param records the complete RRset, at least one record, all of one type
   * @return the expectation
   */
  static Expectation exactly(Collection<? extends Record> records) {
    return new Exactly(List.copyOf(records));
  }

  /**
   * The RRset does not exist: the name does not exist (NXDOMAIN) or has no record of the type
   * (NODATA).
   *
   * @return the expectation
   */
  static Expectation absent() {
    return new Absent();
  }

  /**
   * The RRset contains a record with this type and data.
   *
   * @param record the record to look for
   */
  record Contains(Record record) implements Expectation {
    /**
     * Validates.
     *
     * @param record the record to look for
     */
    public Contains {
      Objects.requireNonNull(record, "record");
    }

    @Override
    public String toString() {
      return "contains " + record.rdataToString();
    }
  }

  /**
   * The RRset is exactly these records.
   *
   * @param records the records, all of one type
   */
  record Exactly(List<Record> records) implements Expectation {
    /**
     * Validates and copies.
     *
     * @param records the records, all of one type, at least one
     */
    public Exactly {
      records = List.copyOf(records);
      if (records.isEmpty()) {
        throw new IllegalArgumentException(
            "exactly(...) needs at least one record: use absent() to wait for an empty RRset");
      }
      int type = records.get(0).getType();
      if (records.stream().anyMatch(r -> r.getType() != type)) {
        throw new IllegalArgumentException(
            "exactly(...) records must all have the same type: " + records);
      }
    }

    @Override
    public String toString() {
      return records.stream()
          .map(Record::rdataToString)
          .collect(Collectors.joining(", ", "exactly {", "}"));
    }
  }

  /** The RRset does not exist (NXDOMAIN or NODATA). */
  record Absent() implements Expectation {
    @Override
    public String toString() {
      return "absent";
    }
  }
}
