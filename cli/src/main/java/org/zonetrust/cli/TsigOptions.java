package org.zonetrust.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.zonetrust.core.dns.TsigAlgorithm;
import org.zonetrust.core.dns.TsigKey;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * TSIG options shared by commands that send DNS UPDATEs. The secret is read from a file or the
 * environment, never from the command line (where every user of the host could read it).
 */
final class TsigOptions {
  static final String SECRET_ENV = "ZONETRUST_TSIG_SECRET";

  @Spec(Spec.Target.MIXEE)
  picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--tsig-name",
      paramLabel = "NAME",
      description = "TSIG key name as configured on the server (e.g. update-key.)")
  @Nullable String name;

  @Option(
      names = "--tsig-algorithm",
      paramLabel = "ALG",
      defaultValue = "hmac-sha256",
      description = "hmac-sha256 (default), hmac-sha512 or hmac-sha1")
  String algorithm;

  @Option(
      names = "--tsig-secret-file",
      paramLabel = "FILE",
      description = "file holding the base64 TSIG secret (else env " + SECRET_ENV + ")")
  @Nullable Path secretFile;

  Optional<TsigKey> key(Map<String, String> env) {
    if (name == null) {
      if (secretFile != null) {
        throw new ParameterException(spec.commandLine(), "--tsig-secret-file needs --tsig-name");
      }
      return Optional.empty();
    }
    TsigAlgorithm alg;
    try {
      alg = TsigAlgorithm.fromDnsName(algorithm);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e, null, algorithm);
    }
    String secret;
    if (secretFile != null) {
      try {
        secret = CliSecrets.readFile(secretFile);
      } catch (IOException e) {
        throw new ParameterException(
            spec.commandLine(), "cannot read TSIG secret file " + secretFile + ": " + e);
      }
    } else if (env.containsKey(SECRET_ENV)) {
      secret = env.get(SECRET_ENV).strip();
    } else {
      throw new ParameterException(
          spec.commandLine(),
          "--tsig-name "
              + name
              + " needs its secret: --tsig-secret-file FILE or environment variable "
              + SECRET_ENV);
    }
    try {
      return Optional.of(TsigKey.of(name, alg, secret));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }
}
