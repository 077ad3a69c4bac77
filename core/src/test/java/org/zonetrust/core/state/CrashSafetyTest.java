package org.zonetrust.core.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A writer killed at a random instant leaves the old or the new value, whole, never a torn one;
 * every write that returned survives; the store stays writable afterwards.
 */
class CrashSafetyTest {

  static final int ITERATIONS = 20;
  static final String KEY = "acme/accounts/big";
  static final long SEED = 42;

  @TempDir Path dir;

  @Test
  void killedWriterLeavesAWholeValue() throws Exception {
    Random random = new Random(7);
    long lastSeen = 0;
    int strayTemps = 0;
    for (int i = 0; i < ITERATIONS; i++) {
      Process child =
          ChildJvm.builder(
                  CrashWriterMain.class,
                  dir.resolve("err"),
                  dir.resolve("store").toString(),
                  KEY,
                  Long.toString(SEED))
              .start();
      AtomicLong lastReported = new AtomicLong();
      CountDownLatch firstWrite = new CountDownLatch(1);
      Thread reader = new Thread(() -> readSequence(child, lastReported, firstWrite));
      reader.start();
      try {
        assertThat(firstWrite.await(20, TimeUnit.SECONDS))
            .as("writer wrote once: %s", Files.readString(dir.resolve("err")))
            .isTrue();
        Thread.sleep(random.nextInt(40));
      } finally {
        child.destroyForcibly();
        assertThat(child.waitFor(20, TimeUnit.SECONDS)).isTrue();
        reader.join(5000);
      }
      strayTemps += countTemps();

      FileStateStore store = FileStateStore.open(dir.resolve("store"), Clock.systemUTC());
      assertThat(countTemps()).as("temp files removed on open").isZero();
      Versioned v = store.get(KEY).orElseThrow();
      long seq = CrashWriterMain.check(SEED, v.value());
      assertThat(seq).as("a returned write survives").isGreaterThanOrEqualTo(lastReported.get());
      assertThat(seq).isGreaterThanOrEqualTo(lastSeen);
      assertThat(v.version()).as("one version per write, none reused").isEqualTo(seq);
      lastSeen = seq;

      Versioned next = store.put(KEY, CrashWriterMain.valueFor(SEED, seq + 1));
      assertThat(next.version()).isEqualTo(seq + 1);
      assertThat(CrashWriterMain.check(SEED, store.get(KEY).orElseThrow().value()))
          .isEqualTo(seq + 1);
    }
    System.out.printf(
        "CrashSafetyTest: %d kills, %d writes in all, %d stray temp files cleaned%n",
        ITERATIONS, lastSeen, strayTemps);
  }

  private static void readSequence(Process child, AtomicLong last, CountDownLatch first) {
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII))) {
      String line;
      while ((line = r.readLine()) != null) {
        last.set(Long.parseLong(line.trim()));
        first.countDown();
      }
    } catch (java.io.IOException | NumberFormatException e) {
      // the pipe breaks when the child is killed; the last complete line counts
    }
  }

  private int countTemps() throws java.io.IOException {
    try (Stream<Path> all = Files.walk(dir.resolve("store"))) {
      return (int) all.filter(p -> p.getFileName().toString().startsWith(",tmp-")).count();
    }
  }
}
