package org.zonetrust.dnssec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZonePublishersTest {
  @TempDir Path dir;

  private SignedZone signed() throws Exception {
    return SignerFixtures.signer(DnssecAlgorithm.ECDSAP256SHA256, Denial.nsec())
        .build()
        .sign(SignerFixtures.ORIGIN, SignerFixtures.parse(SignerFixtures.APEX));
  }

  @Test
  void masterFileWritesTheZoneThenRunsTheCommand() throws Exception {
    Path file = dir.resolve("zone.db");
    Path marker = dir.resolve("reloaded");
    ZonePublishers.masterFile(file, List.of("touch", marker.toString()))
        .publish(signed(), List.of());
    assertThat(Files.readString(file)).contains("RRSIG").contains("SOA");
    assertThat(marker).exists();
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("zone.db", "reloaded");
    }
  }

  @Test
  void aFailingCommandGivesItsExitCodeAndOutput() throws Exception {
    ZonePublisher p =
        ZonePublishers.masterFile(
            dir.resolve("zone.db"), List.of("sh", "-c", "echo no such zone; exit 3"));
    assertThatThrownBy(() -> p.publish(signed(), List.of()))
        .isInstanceOf(ZonePublishException.class)
        .hasMessageContaining("example.test.")
        .hasMessageContaining("exited with 3")
        .hasMessageContaining("no such zone");
  }

  @Test
  void aHangingCommandIsKilledAfterTheTimeout() throws Exception {
    ZonePublisher p =
        ZonePublishers.masterFile(
            dir.resolve("zone.db"), List.of("sleep", "30"), Duration.ofMillis(300));
    long start = System.nanoTime();
    assertThatThrownBy(() -> p.publish(signed(), List.of())).hasMessageContaining("did not finish");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void anInterruptedCallerGetsAnExceptionPromptlyWithItsFlagSet() throws Exception {
    SignedZone zone = signed();
    ZonePublisher p = ZonePublishers.masterFile(dir.resolve("zone.db"), List.of("sleep", "30"));
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicReference<Boolean> flag = new AtomicReference<>();
    Thread t =
        new Thread(
            () -> {
              try {
                p.publish(zone, List.of());
              } catch (ZonePublishException e) {
                thrown.set(e);
                flag.set(Thread.currentThread().isInterrupted());
              }
            });
    t.start();
    t.interrupt();
    t.join(Duration.ofSeconds(10).toMillis());
    assertThat(t.isAlive()).isFalse();
    assertThat(thrown.get()).isInstanceOf(ZonePublishException.class);
    assertThat(flag.get()).isTrue();
  }
}
