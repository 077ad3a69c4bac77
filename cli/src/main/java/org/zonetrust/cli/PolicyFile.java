package org.zonetrust.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.zonetrust.dnssec.KeyRolloverPolicy;

/**
 * A {@link KeyRolloverPolicy} in a properties file, in the format of {@link
 * KeyRolloverPolicy#fromProperties}.
 */
final class PolicyFile {
  private PolicyFile() {}

  /**
   * Reads a policy file.
   *
   * @throws IllegalArgumentException naming the file and the bad key, or the file it cannot read
   */
  static KeyRolloverPolicy read(Path file) {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException("cannot read policy file " + file + ": " + e, e);
    }
    try {
      return KeyRolloverPolicy.fromProperties(p);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("policy file " + file + ": " + e.getMessage(), e);
    }
  }
}
