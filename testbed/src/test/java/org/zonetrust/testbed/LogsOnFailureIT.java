package org.zonetrust.testbed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

/** Runs a deliberately failing {@link WithTestbed} test and looks for the copied logs. */
@WithTestbed
class LogsOnFailureIT {
  private static volatile boolean failOnPurpose;

  @Test
  void aFailingTestGetsTheServerLogsUnderTarget(Testbed testbed) throws Exception {
    assertThat(testbed.logDirectory().resolve("named.log")).exists();
    Path copied = Path.of("target/testbed-logs/LogsOnFailureIT$Failing/fails");
    deleteIfPresent(copied);

    SummaryGeneratingListener summary = new SummaryGeneratingListener();
    failOnPurpose = true;
    try {
      Launcher launcher = LauncherFactory.create();
      launcher.execute(
          LauncherDiscoveryRequestBuilder.request().selectors(selectClass(Failing.class)).build(),
          summary);
    } finally {
      failOnPurpose = false;
    }

    assertThat(summary.getSummary().getTotalFailureCount()).isEqualTo(1);
    for (String log : new String[] {"named.log", "knotd.log", "unbound.log", "pebble.log"}) {
      assertThat(copied.resolve(log)).isNotEmptyFile();
    }
    deleteIfPresent(copied);
    Files.deleteIfExists(copied.getParent());
  }

  private static void deleteIfPresent(Path dir) throws Exception {
    if (Files.isDirectory(dir)) {
      try (var files = Files.list(dir)) {
        for (Path f : (Iterable<Path>) files::iterator) {
          Files.delete(f);
        }
      }
      Files.delete(dir);
    }
  }

  /** Fails only when run by the test above (not discovered by Failsafe: nested class). */
  @WithTestbed
  static class Failing {
    @Test
    void fails() {
      assertThat(failOnPurpose).as("failing on purpose").isFalse();
    }
  }
}
