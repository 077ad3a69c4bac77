package org.zonetrust.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Name;
import org.zonetrust.dnssec.BindKeyFiles;
import org.zonetrust.dnssec.DnssecAlgorithm;
import org.zonetrust.dnssec.KeyFileException;
import org.zonetrust.dnssec.KeyRole;
import org.zonetrust.dnssec.SigningKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code zonetrust keygen}: a new DNSSEC key in BIND's key files, like {@code dnssec-keygen}. */
@Command(
    name = "keygen",
    mixinStandardHelpOptions = true,
    description = {
      "Generate a DNSSEC key and write it as BIND key files (K<zone>+<alg>+<tag>.key and"
          + " .private, mode 0600), then print the base name, like dnssec-keygen.",
      "Example: zonetrust keygen -a ECDSAP256SHA256 -f KSK -K /etc/zonetrust/keys example.com"
    })
final class KeygenCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "-a",
      paramLabel = "ALG",
      defaultValue = "ECDSAP256SHA256",
      description =
          "algorithm: RSASHA256, ECDSAP256SHA256, ECDSAP384SHA384, ED25519, ED448 or its number"
              + " (default ${DEFAULT-VALUE})")
  String algorithm;

  @Option(
      names = "-f",
      paramLabel = "KSK|ZSK|CSK",
      defaultValue = "ZSK",
      description = "role: KSK and CSK get DNSKEY flags 257, ZSK 256 (default ${DEFAULT-VALUE})")
  String role;

  @Option(
      names = "-b",
      paramLabel = "BITS",
      description = "RSA modulus size, 2048 to 4096 (default 2048); only for RSASHA256")
  @Nullable Integer bits;

  @Option(
      names = "-K",
      paramLabel = "DIR",
      defaultValue = ".",
      description = "directory for the key files (default: the current directory)")
  Path directory;

  @Parameters(paramLabel = "ZONE", description = "the zone the key is for")
  String zone;

  @Override
  public Integer call() throws KeyFileException {
    Name origin = Arguments.absoluteName(spec, "zone", zone);
    DnssecAlgorithm alg = algorithm(spec, algorithm);
    KeyRole keyRole;
    try {
      keyRole = KeyRole.valueOf(role.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "-f must be KSK, ZSK or CSK, not " + role);
    }
    Integer rsaBits = bits;
    if (rsaBits != null && alg != DnssecAlgorithm.RSASHA256) {
      throw new ParameterException(
          spec.commandLine(), "-b applies to RSASHA256 only; " + alg + " keys have a fixed size");
    }
    int size = rsaBits == null ? 2048 : rsaBits;
    if (size < 2048 || size > 4096) {
      throw new ParameterException(spec.commandLine(), "-b must be 2048 to 4096, not " + size);
    }
    SigningKey key = SigningKey.generate(origin, alg, keyRole, size);
    BindKeyFiles.write(key, directory, Clock.systemUTC());
    spec.commandLine().getOut().println(BindKeyFiles.baseName(key));
    return ExitCodes.OK;
  }

  /** A mnemonic (any case) or an algorithm number. */
  static DnssecAlgorithm algorithm(CommandSpec spec, String text) {
    for (DnssecAlgorithm a : DnssecAlgorithm.values()) {
      if (a.mnemonic().equalsIgnoreCase(text) || Integer.toString(a.code()).equals(text)) {
        return a;
      }
    }
    throw new ParameterException(
        spec.commandLine(),
        "unknown algorithm "
            + text
            + "; use one of "
            + Arrays.stream(DnssecAlgorithm.values())
                .map(a -> a.mnemonic() + " (" + a.code() + ")")
                .collect(Collectors.joining(", ")));
  }
}
