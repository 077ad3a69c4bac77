package org.zonetrust.cli;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * A zone configuration file of {@code zonetrust manage} that cannot be used: names file and key.
 */
final class ZoneConfigException extends Exception {
  private static final long serialVersionUID = 1L;

  ZoneConfigException(Path file, String key, @Nullable String problem) {
    super(file + ": " + key + ": " + problem);
  }

  ZoneConfigException(Path file, String key, @Nullable String problem, Throwable cause) {
    super(file + ": " + key + ": " + problem, cause);
  }
}
