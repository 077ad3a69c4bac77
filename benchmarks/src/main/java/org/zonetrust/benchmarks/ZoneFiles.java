package org.zonetrust.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.Master;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/** Reading zone files and counting what a signed zone holds. */
final class ZoneFiles {
  private static final long DEFAULT_TTL = 3600;

  private ZoneFiles() {}

  static List<Record> read(Path file, Name origin) throws IOException {
    List<Record> records = new ArrayList<>();
    try (Master master = new Master(file.toString(), origin, DEFAULT_TTL)) {
      for (Record r = master.nextRecord(); r != null; r = master.nextRecord()) {
        records.add(r);
      }
    }
    return records;
  }

  static long signatures(List<Record> records) {
    return records.stream().filter(r -> r.getType() == Type.RRSIG).count();
  }

  static double millis(long fromNanos, long toNanos) {
    return (toNanos - fromNanos) / 1e6;
  }
}
