package org.zonetrust.acme.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.zonetrust.acme.internal.PublisherTestbed.addTxt;
import static org.zonetrust.acme.internal.PublisherTestbed.txt;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zonetrust.core.dns.PropagationChecker;
import org.zonetrust.core.state.StateStore;
import org.zonetrust.testbed.Testbed;
import org.zonetrust.testbed.WithTestbed;

/**
 * A real second JVM ({@link CrashingPublisherMain}) publishes and is killed with {@code
 * destroyForcibly()}; a new publisher over the same {@code FileStateStore} directory recovers.
 */
@WithTestbed
class RecoveryIT {

  private static Process start(Testbed tb, Path dir, Path log, String zone, String order)
      throws Exception {
    String cp = System.getProperty("java.class.path");
    String mp = System.getProperty("jdk.module.path");
    if (mp != null && !mp.isEmpty()) {
      cp = cp + File.pathSeparator + mp;
    }
    ProcessBuilder pb =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx128m",
            "-cp",
            cp,
            CrashingPublisherMain.class.getName(),
            dir.toString(),
            tb.bind().getAddress().getHostAddress(),
            Integer.toString(tb.bindPort()),
            Integer.toString(tb.knotPort()),
            tb.primaryNameServer(),
            tb.secondaryNameServer(),
            zone,
            order);
    pb.environment().put("ZT_TSIG_NAME", tb.tsigKeyName());
    pb.environment().put("ZT_TSIG_ALGORITHM", tb.tsigAlgorithm());
    pb.environment().put("ZT_TSIG_SECRET", tb.tsigSecret());
    pb.redirectError(log.toFile());
    return pb.start();
  }

  private static void kill(Process p) throws Exception {
    p.destroyForcibly();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
  }

  private static void await(BooleanSupplier condition, Duration timeout, String what) {
    long end = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime() < end).as("timed out waiting until " + what).isTrue();
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
    }
  }

  private static DnsChallengePublisher recoverer(
      Testbed tb, StateStore store, PropagationChecker checker, PublisherTestbed.Events events) {
    return PublisherTestbed.publisher(tb, store, PublisherTestbed.updater(tb), checker)
        .events(events)
        .build();
  }

  @Test
  void processKilledAfterPublishingIsCleanedUpByTheNextOne(Testbed tb, @TempDir Path tmp)
      throws Exception {
    String zone = tb.createZone("crash");
    String owner = "_acme-challenge." + zone;
    addTxt(tb, zone, owner, "unrelated-value");
    Path dir = Files.createDirectories(tmp.resolve("state"));
    Path log = tmp.resolve("child.log");
    Process child = start(tb, dir, log, zone, "crashed-order");
    try {
      BufferedReader out =
          new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
      String line = CompletableFuture.supplyAsync(() -> readLine(out)).get(60, TimeUnit.SECONDS);
      assertThat(line).as(() -> "child output, log:\n" + read(log)).isEqualTo("published");
      assertThat(txt(tb.knot(), owner))
          .containsExactlyInAnyOrder("unrelated-value", "crash-apex", "crash-wild");
    } finally {
      kill(child);
    }
    StateStore store = PublisherTestbed.store(dir);
    assertThat(store.list(ChallengeJournal.PREFIX)).containsExactly("acme/journal/crashed-order");
    PublisherTestbed.Events events = new PublisherTestbed.Events();
    try (PropagationChecker checker =
        PublisherTestbed.checker(tb, Duration.ofSeconds(30)).build()) {
      assertThat(recoverer(tb, store, checker, events).recover()).isEqualTo(1);
      assertThat(txt(tb.bind(), owner)).containsExactly("unrelated-value");
      assertThat(store.list(ChallengeJournal.PREFIX)).isEmpty();
      assertThat(events.types())
          .containsExactly("acme.challenge.removed", "acme.challenge.recovered");
      assertThat(recoverer(tb, store, checker, events).recover()).isZero();
    }
  }

  @Test
  void processKilledWhileWaitingForPropagationIsCleanedUpByTheNextOne(Testbed tb, @TempDir Path tmp)
      throws Exception {
    String zone = tb.createZone("crash-wait");
    String owner = "_acme-challenge." + zone;
    Path dir = Files.createDirectories(tmp.resolve("state"));
    Path log = tmp.resolve("child.log");
    StateStore store = PublisherTestbed.store(dir);
    tb.holdSecondary(zone);
    try {
      Process child = start(tb, dir, log, zone, "waiting-order");
      try {
        await(
            () -> {
              try {
                return txt(tb.bind(), owner).size() == 2
                    && !store.list(ChallengeJournal.PREFIX).isEmpty();
              } catch (Exception e) {
                return false;
              }
            },
            Duration.ofSeconds(60),
            "the child has journaled and sent its values");
        assertThat(child.isAlive()).as(() -> "child died early, log:\n" + read(log)).isTrue();
        assertThat(txt(tb.knot(), owner)).isEmpty();
      } finally {
        kill(child);
      }
    } finally {
      tb.releaseSecondary(zone);
    }
    try (PropagationChecker checker =
        PublisherTestbed.checker(tb, Duration.ofSeconds(30)).build()) {
      assertThat(recoverer(tb, store, checker, new PublisherTestbed.Events()).recover())
          .isEqualTo(1);
      assertThat(txt(tb.bind(), owner)).isEmpty();
      assertThat(store.list(ChallengeJournal.PREFIX)).isEmpty();
    }
  }

  private static String readLine(BufferedReader r) {
    try {
      String line = r.readLine();
      return line == null ? "<end of output>" : line;
    } catch (java.io.IOException e) {
      return "<" + e + ">";
    }
  }

  private static String read(Path log) {
    try {
      List<String> lines = Files.exists(log) ? Files.readAllLines(log) : new ArrayList<>();
      return String.join("\n", lines);
    } catch (java.io.IOException e) {
      return e.toString();
    }
  }
}
