package org.zonetrust.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.xbill.DNS.Master;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** The origin of a zone file when the operator gives no {@code -o}. */
final class ZoneOrigin {
  private ZoneOrigin() {}

  /** The owner of the file's first record, which must be the SOA (as in every signed zone dump). */
  static Name fromFirstSoa(CommandSpec spec, Path zoneFile) {
    if (!Files.isRegularFile(zoneFile)) {
      // let ZoneFile report the unreadable file with its own message
      return Name.root;
    }
    try (InputStream in = Files.newInputStream(zoneFile);
        Master master = new Master(in)) {
      master.disableIncludes(true);
      Record first = master.nextRecord();
      if (first != null && first.getType() == Type.SOA && first.getName().isAbsolute()) {
        return first.getName();
      }
    } catch (IOException | RuntimeException e) {
      throw new ParameterException(
          spec.commandLine(),
          "cannot tell the zone's origin from "
              + zoneFile
              + " ("
              + e.getMessage()
              + "): give -o ORIGIN");
    }
    throw new ParameterException(
        spec.commandLine(),
        "cannot tell the zone's origin: the first record of "
            + zoneFile
            + " is not an SOA; give -o ORIGIN");
  }
}
