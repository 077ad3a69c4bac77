package org.zonetrust.testbed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Copies the server logs somewhere a developer will look after a failed test. */
final class LogCopier {
  private static final Logger LOG = LoggerFactory.getLogger(LogCopier.class);

  private LogCopier() {}

  /** Copies every regular file of {@code logs} into {@code target} (created if needed). */
  static void copy(Path logs, Path target) {
    try (Stream<Path> files = Files.list(logs)) {
      Files.createDirectories(target);
      for (Path file : (Iterable<Path>) files::iterator) {
        if (Files.isRegularFile(file)) {
          Files.copy(file, target.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException e) {
      LOG.warn("could not copy the server logs from {} to {}: {}", logs, target, e.toString());
    }
  }

  /** A file-name-safe version of a test or class name. */
  static String safe(String name) {
    String safe = name.replaceAll("[^A-Za-z0-9._$-]+", "_");
    return safe.length() > 120 ? safe.substring(0, 120) : safe;
  }
}
