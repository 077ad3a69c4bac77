package org.zonetrust.dnssec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.Master;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/** Reads, writes and damages signed zone files for the interop tests. */
final class SignedZoneFiles {
  private SignedZoneFiles() {}

  static List<Record> read(Path file, Name origin) {
    List<Record> records = new ArrayList<>();
    try (Master master = new Master(file.toString(), origin)) {
      for (Record r = master.nextRecord(); r != null; r = master.nextRecord()) {
        records.add(r);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(file.toString(), e);
    }
    return records;
  }

  static Path write(Path file, List<Record> records) {
    StringBuilder out = new StringBuilder();
    for (Record r : records) {
      out.append(r).append('\n');
    }
    try {
      Files.writeString(file, out, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  /**
   * Returns {@code records} with one bit flipped in the middle of every RRSIG signature at {@code
   * owner} covering {@code type}.
   *
   * @throws IllegalArgumentException when there is no such RRSIG
   */
  static List<Record> corruptSignature(List<Record> records, Name owner, int type) {
    List<Record> out = new ArrayList<>();
    int corrupted = 0;
    for (Record r : records) {
      if (r instanceof RRSIGRecord sig
          && sig.getName().equals(owner)
          && sig.getTypeCovered() == type) {
        byte[] signature = sig.getSignature().clone();
        signature[signature.length / 2] ^= 0x01;
        out.add(
            new RRSIGRecord(
                sig.getName(),
                sig.getDClass(),
                sig.getTTL(),
                sig.getTypeCovered(),
                sig.getAlgorithm(),
                sig.getOrigTTL(),
                sig.getExpire(),
                sig.getTimeSigned(),
                sig.getFootprint(),
                sig.getSigner(),
                signature));
        corrupted++;
      } else {
        out.add(r);
      }
    }
    if (corrupted == 0) {
      throw new IllegalArgumentException("no RRSIG " + Type.string(type) + " at " + owner);
    }
    return out;
  }
}
