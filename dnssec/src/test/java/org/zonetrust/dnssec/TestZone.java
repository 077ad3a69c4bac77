package org.zonetrust.dnssec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

/**
 * An unsigned test zone: an identifier for messages and file names, its origin and its records.
 *
 * @param id short identifier, e.g. {@code wildcards}
 * @param origin the zone apex
 * @param records every record, SOA first
 */
record TestZone(String id, Name origin, List<Record> records) {
  TestZone {
    records = List.copyOf(records);
  }

  /** One record per line, absolute names, RFC 3597 form for unknown types (dnsjava's format). */
  String masterFile() {
    StringBuilder out = new StringBuilder();
    for (Record r : records) {
      out.append(r).append('\n');
    }
    return out.toString();
  }

  /** Writes {@link #masterFile()} to {@code dir/<id>.zone} and returns the file. */
  Path write(Path dir) {
    Path file = dir.resolve(id + ".zone");
    try {
      Files.writeString(file, masterFile(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  @Override
  public String toString() {
    return id + " (" + origin + ", " + records.size() + " records)";
  }
}
