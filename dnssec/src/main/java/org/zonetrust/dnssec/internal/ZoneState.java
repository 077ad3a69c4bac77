package org.zonetrust.dnssec.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

/** The indexed state behind a signed zone. */
public final class ZoneState {
  private final Name origin;
  private final List<Record> records = new java.util.ArrayList<>();

  /**
   * Creates an empty state.
   *
   * @param origin the zone apex
   */
  public ZoneState(Name origin) {
    this.origin = origin;
  }

  /**
   * Returns the apex.
   *
   * @return the origin
   */
  public Name origin() {
    return origin;
  }

  /**
   * Returns all records in canonical order.
   *
   * @return the records
   */
  public List<Record> records() {
    return List.copyOf(records);
  }

  /**
   * Returns the master file text.
   *
   * @return the master file
   */
  public String toMasterFile() {
    StringBuilder sb = new StringBuilder();
    records.forEach(r -> sb.append(r).append('\n'));
    return sb.toString();
  }

  /**
   * Writes the master file atomically.
   *
   * @param file the target
   * @throws IOException if writing fails
   */
  public void writeMasterFile(Path file) throws IOException {
    java.nio.file.Files.writeString(file, toMasterFile());
  }
}
