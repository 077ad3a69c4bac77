package org.zonetrust.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Where the commands find secrets: one-line files, or environment variables. Never arguments. */
final class CliSecrets {
  /** Environment variable prefix of a registrar adapter's named secret. */
  static final String ENV_PREFIX = "ZONETRUST_SECRET_";

  /** The largest secret file read: a TSIG or API secret is a line of base64. */
  static final long MAX_FILE = 4096;

  private CliSecrets() {}

  /**
   * Reads a one-line secret file, stripped of surrounding white space.
   *
   * @throws IOException if it cannot be read or is larger than {@link #MAX_FILE} bytes (the message
   *     names the file, never its content)
   */
  static String readFile(Path file) throws IOException {
    if (Files.size(file) > MAX_FILE) {
      throw new IOException(file + " is larger than " + MAX_FILE + " bytes");
    }
    return Files.readString(file, StandardCharsets.UTF_8).strip();
  }

  /**
   * Finds an adapter's named secret in the environment: {@code ZONETRUST_SECRET_<NAME>} (upper
   * case, '-' as '_'), and for {@code tsig} also {@code ZONETRUST_TSIG_SECRET}.
   */
  static @Nullable String fromEnvironment(Map<String, String> env, String name) {
    String v = env.get(ENV_PREFIX + name.toUpperCase(Locale.ROOT).replace('-', '_'));
    if (v == null && name.equals("tsig")) {
      v = env.get(TsigOptions.SECRET_ENV);
    }
    return v == null ? null : v.strip();
  }
}
