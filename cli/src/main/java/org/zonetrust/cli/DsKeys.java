package org.zonetrust.cli;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.Name;
import org.zonetrust.dnssec.BindKeyFiles;
import org.zonetrust.dnssec.KeyFileException;
import org.zonetrust.registrar.SecureDelegation;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** The desired delegation of a zone from the BIND key files in a directory. */
final class DsKeys {
  private DsKeys() {}

  /**
   * Reads the DNSKEY of every {@code K<zone>+*.key} file in a directory and computes the DS of the
   * key-signing keys.
   */
  static SecureDelegation delegation(CommandSpec spec, Name zone, Path dir, List<String> digests)
      throws KeyFileException {
    List<DNSKEYRecord> keys = new ArrayList<>();
    String prefix = "K" + zone.toString().toLowerCase(Locale.ROOT) + "+";
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.key")) {
      for (Path f : files) {
        String fileName = String.valueOf(f.getFileName());
        if (fileName.toLowerCase(Locale.ROOT).startsWith(prefix.toLowerCase(Locale.ROOT))) {
          keys.add(BindKeyFiles.readDnskey(f));
        }
      }
    } catch (IOException e) {
      throw new ParameterException(
          spec.commandLine(), "cannot read key directory " + dir + ": " + e);
    }
    if (keys.isEmpty()) {
      throw new ParameterException(spec.commandLine(), "no key file " + prefix + "*.key in " + dir);
    }
    try {
      return SecureDelegation.fromDnskeys(zone, keys, digestTypes(spec, digests));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  /** Digest type codes from names: SHA-256 (default), SHA-384, SHA-1, or 2, 4, 1. */
  static Set<Integer> digestTypes(CommandSpec spec, List<String> digests) {
    Set<Integer> codes = new LinkedHashSet<>();
    for (String d : digests) {
      String t = d.toUpperCase(Locale.ROOT).replace("-", "");
      codes.add(
          switch (t) {
            case "SHA1", "1" -> SecureDelegation.SHA1;
            case "SHA256", "2" -> SecureDelegation.SHA256;
            case "SHA384", "4" -> SecureDelegation.SHA384;
            default ->
                throw new ParameterException(
                    spec.commandLine(), "unknown digest " + d + "; use SHA-256, SHA-384 or SHA-1");
          });
    }
    if (codes.isEmpty()) {
      codes.add(SecureDelegation.SHA256);
    }
    return codes;
  }
}
