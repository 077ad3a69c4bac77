package org.zonetrust.core.internal.state;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zonetrust.core.state.Lease;
import org.zonetrust.core.state.StateStoreException;
import org.zonetrust.core.state.Versioned;

/**
 * The commit point of a write is the rename. An interrupt before it fails the write with nothing
 * written; an interrupt after it (during the directory fsync or the lock release) leaves the write
 * successful. Either way the interrupt flag is kept, and never is an exception reported for a value
 * that was written.
 */
class InterruptedWriteTest {

  static final Duration TTL = Duration.ofMinutes(5);

  @TempDir Path dir;
  FileStoreEngine engine;

  @BeforeEach
  void open() throws Exception {
    engine =
        FileStoreEngine.open(
            dir.resolve("state"),
            Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
  }

  @AfterEach
  void clearInterrupt() {
    Thread.interrupted();
  }

  static byte[] b(String s) {
    return s.getBytes(UTF_8);
  }

  @Test
  void interruptBeforeTheCallFailsCleanlyWithNothingWrittenAndKeepsTheFlag() throws Exception {
    engine.put("existing", b("1"));
    List<ThrowingCallable> writes =
        List.of(
            () -> engine.put("k", b("v")),
            () -> engine.compareAndSet("k", Versioned.ABSENT, b("v")),
            () -> engine.put("existing", b("2")),
            () -> engine.delete("existing", 1),
            () -> engine.tryAcquire("lease", "me", TTL));
    for (ThrowingCallable write : writes) {
      Thread.currentThread().interrupt();
      assertThatThrownBy(write)
          .isInstanceOf(StateStoreException.class)
          .hasMessageContaining("interrupted");
      assertThat(Thread.interrupted()).as("interrupt flag kept").isTrue();
    }
    assertThat(engine.get("k")).isEmpty();
    assertThat(engine.get("existing").orElseThrow().version()).isEqualTo(1);
    Optional<Lease> lease = engine.tryAcquire("lease", "me", TTL);
    assertThat(lease.orElseThrow().fencingToken()).isEqualTo(1);
    assertThat(tempFiles()).isEmpty();
  }

  @Test
  void interruptAfterTheRenameReportsSuccessAndKeepsTheFlag() throws Exception {
    engine.afterRenameForTests(() -> Thread.currentThread().interrupt());

    Versioned v1 = engine.put("k", b("one"));
    assertThat(Thread.interrupted()).isTrue();
    assertThat(engine.get("k")).contains(v1);

    Optional<Versioned> v2 = engine.compareAndSet("k", 1, b("two"));
    assertThat(Thread.interrupted()).isTrue();
    assertThat(v2).isPresent();
    assertThat(engine.get("k")).isEqualTo(v2);

    Optional<Lease> lease = engine.tryAcquire("lease", "me", TTL);
    assertThat(Thread.interrupted()).isTrue();
    assertThat(lease).isPresent();
    assertThat(lease.orElseThrow().renew(TTL)).isTrue();
    assertThat(Thread.interrupted()).isTrue();

    assertThat(engine.delete("k", 2)).isTrue();
    assertThat(Thread.interrupted()).isTrue();
    assertThat(engine.get("k")).isEmpty();

    engine.afterRenameForTests(() -> {});
    assertThat(engine.tryAcquire("lease", "other", TTL)).as("the lease is held").isEmpty();
    lease.orElseThrow().close();
    assertThat(engine.tryAcquire("lease", "other", TTL).orElseThrow().fencingToken()).isEqualTo(2);
    assertThat(tempFiles()).isEmpty();
  }

  @Test
  void closeOnAnInterruptedThreadReleasesTheLeaseAndKeepsTheFlag() throws Exception {
    Lease lease = engine.tryAcquire("lease", "me", TTL).orElseThrow();
    Thread.currentThread().interrupt();
    lease.close();
    assertThat(Thread.interrupted()).as("interrupt flag kept").isTrue();
    Lease next = engine.tryAcquire("lease", "other", TTL).orElseThrow();
    assertThat(next.fencingToken()).isEqualTo(2);
    Thread.currentThread().interrupt();
    lease.close(); // idempotent, also when interrupted
    assertThat(Thread.interrupted()).isTrue();
    assertThat(engine.tryAcquire("lease", "third", TTL)).as("next is still held").isEmpty();
    assertThat(tempFiles()).isEmpty();
  }

  @Test
  @SuppressWarnings("try") // the lease is held for the body; the resource is not referenced
  void closeInATryWithResourcesBlockOfACancelledTaskReleasesTheLease() throws Exception {
    CountDownLatch acquired = new CountDownLatch(1);
    AtomicBoolean flagAfterClose = new AtomicBoolean();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread task =
        new Thread(
            () -> {
              try {
                try (Lease l = engine.tryAcquire("job", "task", TTL).orElseThrow()) {
                  acquired.countDown();
                  try {
                    Thread.sleep(60_000); // cancelled here
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt(); // as a cancelled task should
                  }
                } // close() runs with the interrupt flag set
                flagAfterClose.set(Thread.currentThread().isInterrupted());
              } catch (Throwable t) {
                failure.set(t);
              }
            });
    task.start();
    assertThat(acquired.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(engine.tryAcquire("job", "other", TTL)).isEmpty();
    task.interrupt();
    task.join(10_000);
    assertThat(task.isAlive()).isFalse();
    assertThat(failure.get()).isNull();
    assertThat(flagAfterClose.get()).isTrue();
    assertThat(engine.tryAcquire("job", "other", TTL).orElseThrow().fencingToken()).isEqualTo(2);
  }

  @Test
  void renewOnAnInterruptedThreadIsStillRefused() throws Exception {
    Lease lease = engine.tryAcquire("lease", "me", TTL).orElseThrow();
    Thread.currentThread().interrupt();
    assertThatThrownBy(() -> lease.renew(TTL))
        .isInstanceOf(StateStoreException.class)
        .hasMessageContaining("interrupted");
    assertThat(Thread.interrupted()).isTrue();
    lease.close();
    assertThat(engine.tryAcquire("lease", "other", TTL)).isPresent();
  }

  private List<Path> tempFiles() throws Exception {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(KeyLayout::isTemp).toList();
    }
  }
}
