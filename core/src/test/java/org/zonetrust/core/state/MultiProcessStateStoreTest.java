package org.zonetrust.core.state;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several JVMs share one store directory: no lost update, one lease holder at a time. */
class MultiProcessStateStoreTest {

  static final int PROCESSES = 3;
  static final int INCREMENTS = 60;
  static final int LEASE_ROUNDS = 15;

  @TempDir Path dir;

  @Test
  void compareAndSetLosesNoUpdateAndLeasesAreExclusiveAcrossProcesses() throws Exception {
    List<Process> children = new ArrayList<>();
    try {
      for (int i = 0; i < PROCESSES; i++) {
        children.add(
            ChildJvm.start(
                ConcurrentCounterMain.class,
                dir.resolve("out-" + i),
                dir.resolve("err-" + i),
                dir.toString(),
                "p" + i,
                Integer.toString(INCREMENTS),
                Integer.toString(LEASE_ROUNDS)));
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      for (int i = 0; i < PROCESSES; i++) {
        while (!Files.exists(dir.resolve("ready-p" + i))) {
          assertThat(children.get(i).isAlive() || Files.exists(dir.resolve("ready-p" + i)))
              .as("child %d died before starting: %s", i, stderr(i))
              .isTrue();
          assertThat(System.nanoTime()).as("children start in time").isLessThan(deadline);
          Thread.sleep(10);
        }
      }
      Files.createFile(dir.resolve("go"));
      Set<Long> tokens = new HashSet<>();
      for (int i = 0; i < PROCESSES; i++) {
        Process p = children.get(i);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("child %d finishes", i).isTrue();
        List<String> out = Files.readAllLines(dir.resolve("out-" + i));
        assertThat(p.exitValue()).as("child %d: %s %s", i, out, stderr(i)).isZero();
        for (String line : out) {
          assertThat(tokens.add(Long.parseLong(line.substring("token ".length()))))
              .as("fencing token %s granted twice", line)
              .isTrue();
        }
      }
      assertThat(tokens).hasSize(PROCESSES * LEASE_ROUNDS);

      FileStateStore store = FileStateStore.open(dir.resolve("store"), Clock.systemUTC());
      Versioned counter = store.get("counter").orElseThrow();
      assertThat(new String(counter.value(), US_ASCII))
          .isEqualTo(Integer.toString(PROCESSES * INCREMENTS));
      assertThat(counter.version()).isEqualTo(PROCESSES * INCREMENTS);
      try (Lease next =
          store
              .tryAcquire("locks/shared", "parent", java.time.Duration.ofSeconds(5))
              .orElseThrow()) {
        assertThat(next.fencingToken())
            .isGreaterThan(tokens.stream().mapToLong(t -> t).max().orElseThrow());
      }
    } finally {
      for (Process p : children) {
        p.destroyForcibly();
      }
    }
  }

  private String stderr(int i) throws java.io.IOException {
    Path err = dir.resolve("err-" + i);
    return Files.exists(err) ? Files.readString(err) : "";
  }
}
