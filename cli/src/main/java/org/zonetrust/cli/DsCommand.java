package org.zonetrust.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.DSRecord;
import org.zonetrust.dnssec.BindKeyFiles;
import org.zonetrust.dnssec.DigestType;
import org.zonetrust.dnssec.KeyFileException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code zonetrust ds}: the DS records of key files, like {@code dnssec-dsfromkey}; with the
 * subcommands {@code push} and {@code check}, the DS at the parent.
 */
@Command(
    name = "ds",
    mixinStandardHelpOptions = true,
    subcommands = {DsPushCommand.class, DsCheckCommand.class},
    description = {
      "Print the DS records of BIND key files, one line each, as dnssec-dsfromkey does.",
      "Only the public .key file is read.",
      "Example: zonetrust ds -a SHA-256 -a SHA-384 Kexample.com.+013+12345.key",
      "Subcommands: 'ds push' makes the parent hold the DS, 'ds check' asks the parent's servers."
    })
final class DsCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @ParentCommand ZoneTrustCli parent;

  @Option(
      names = "-a",
      paramLabel = "DIGEST",
      description = "SHA-256 (default), SHA-384 or SHA-1 (or 2, 4, 1); repeat for several")
  List<String> digests = new ArrayList<>();

  @Option(names = "-1", description = "same as -a SHA-1")
  boolean sha1;

  @Option(names = "-2", description = "same as -a SHA-256")
  boolean sha256;

  @Option(names = "-T", paramLabel = "TTL", description = "print this TTL in the DS lines")
  @Nullable Long ttl;

  @Parameters(
      paramLabel = "KEYFILE",
      arity = "0..*",
      description = "K<zone>+<alg>+<tag>.key (or .private, or the base name)")
  List<Path> files = new ArrayList<>();

  @Override
  public Integer call() throws KeyFileException {
    if (files.isEmpty()) {
      // positional files are optional only so that 'ds push' and 'ds check' parse
      throw new ParameterException(
          spec.commandLine(),
          "Missing required parameter: 'KEYFILE' (or a subcommand: push, check)");
    }
    TreeSet<Integer> codes = new TreeSet<>();
    for (String d : digests) {
      codes.add(digest(d).code());
    }
    if (sha1) {
      codes.add(DigestType.SHA1.code());
    }
    if (sha256 || codes.isEmpty()) {
      codes.add(DigestType.SHA256.code());
    }
    Long shownTtl = ttl;
    if (shownTtl != null && (shownTtl < 0 || shownTtl > 0x7FFFFFFFL)) {
      throw new ParameterException(spec.commandLine(), "-T must be 0..2147483647");
    }
    PrintWriter out = spec.commandLine().getOut();
    for (Path file : files) {
      DNSKEYRecord dnskey = BindKeyFiles.readDnskey(file);
      for (int code : codes) {
        DSRecord ds =
            new DSRecord(
                dnskey.getName(), DClass.IN, shownTtl == null ? 0 : shownTtl, code, dnskey);
        out.println(
            dnskey.getName()
                + (shownTtl == null ? "" : " " + shownTtl)
                + " IN DS "
                + ds.rdataToString());
      }
    }
    return ExitCodes.OK;
  }

  /** The environment the command runs in, for the subcommands. */
  Map<String, String> environment() {
    return parent.environment();
  }

  private DigestType digest(String text) {
    String t = text.toUpperCase(Locale.ROOT).replace("-", "");
    return switch (t) {
      case "SHA1", "1" -> DigestType.SHA1;
      case "SHA256", "2" -> DigestType.SHA256;
      case "SHA384", "4" -> DigestType.SHA384;
      default ->
          throw new ParameterException(
              spec.commandLine(), "unknown digest " + text + "; use SHA-256, SHA-384 or SHA-1");
    };
  }
}
