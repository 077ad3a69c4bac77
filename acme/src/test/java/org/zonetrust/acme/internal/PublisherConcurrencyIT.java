package org.zonetrust.acme.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.zonetrust.acme.internal.PublisherTestbed.txt;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zonetrust.acme.internal.ChallengePublisher.Challenge;
import org.zonetrust.acme.internal.ChallengePublisher.Publication;
import org.zonetrust.core.dns.DnsUpdate;
import org.zonetrust.core.dns.DnsUpdateException;
import org.zonetrust.core.dns.DnsUpdater;
import org.zonetrust.core.dns.PropagationChecker;
import org.zonetrust.core.state.StateStore;
import org.zonetrust.testbed.Testbed;
import org.zonetrust.testbed.WithTestbed;

@WithTestbed
class PublisherConcurrencyIT {
  private static final int ORDERS = 6;

  /** Counts updates in flight at once; fails nothing, only observes. */
  private static final class Overlap implements DnsUpdater {
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxInFlight = new AtomicInteger();
    private final DnsUpdater delegate;

    Overlap(DnsUpdater delegate) {
      this.delegate = delegate;
    }

    @Override
    public void apply(DnsUpdate update) throws DnsUpdateException {
      maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      try {
        delegate.apply(update);
      } finally {
        inFlight.decrementAndGet();
      }
    }
  }

  @Test
  void concurrentOrdersInOneZoneAreSerialisedAndAllCleanUp(Testbed tb, @TempDir Path dir)
      throws Exception {
    String zone = tb.createZone("conc");
    String apex = "_acme-challenge." + zone;
    StateStore store = PublisherTestbed.store(dir);
    Overlap updater = new Overlap(PublisherTestbed.updater(tb));
    ExecutorService pool = Executors.newFixedThreadPool(ORDERS);
    try (PropagationChecker checker =
        PublisherTestbed.checker(tb, Duration.ofSeconds(60)).build()) {
      DnsChallengePublisher publisher =
          PublisherTestbed.publisher(tb, store, updater, checker).build();
      CountDownLatch start = new CountDownLatch(1);
      List<CompletableFuture<Publication>> published = new ArrayList<>();
      for (int i = 0; i < ORDERS; i++) {
        int n = i;
        published.add(
            CompletableFuture.supplyAsync(
                () -> {
                  try {
                    start.await();
                    return publisher.publish(
                        "conc-" + n,
                        List.of(
                            new Challenge(zone, "apex-" + n),
                            new Challenge("h" + n + "." + zone, "host-" + n)));
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                },
                pool));
      }
      start.countDown();
      List<Publication> publications = new ArrayList<>();
      for (CompletableFuture<Publication> f : published) {
        publications.add(f.get(60, TimeUnit.SECONDS));
      }
      List<String> apexValues = new ArrayList<>();
      for (int i = 0; i < ORDERS; i++) {
        apexValues.add("apex-" + i);
        assertThat(txt(tb.knot(), "_acme-challenge.h" + i + "." + zone))
            .containsExactly("host-" + i);
      }
      assertThat(txt(tb.knot(), apex)).containsExactlyInAnyOrderElementsOf(apexValues);
      assertThat(store.list(ChallengeJournal.PREFIX)).hasSize(ORDERS);

      List<CompletableFuture<Void>> removed = new ArrayList<>();
      for (Publication p : publications) {
        removed.add(
            CompletableFuture.runAsync(
                () -> {
                  try {
                    publisher.remove(p);
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                },
                pool));
      }
      for (CompletableFuture<Void> f : removed) {
        f.get(60, TimeUnit.SECONDS);
      }
      assertThat(txt(tb.bind(), apex)).isEmpty();
      for (int i = 0; i < ORDERS; i++) {
        assertThat(txt(tb.bind(), "_acme-challenge.h" + i + "." + zone)).isEmpty();
      }
      assertThat(store.list(ChallengeJournal.PREFIX)).isEmpty();
      assertThat(updater.maxInFlight.get()).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void interruptWhileWaitingRemovesTheValuesAndThrowsInterruptedException(
      Testbed tb, @TempDir Path dir) throws Exception {
    String zone = tb.createZone("interrupt");
    String owner = "_acme-challenge." + zone;
    StateStore store = PublisherTestbed.store(dir);
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    try (PropagationChecker checker =
        PublisherTestbed.checker(tb, Duration.ofSeconds(60)).build()) {
      DnsChallengePublisher publisher =
          PublisherTestbed.publisher(tb, store, PublisherTestbed.updater(tb), checker).build();
      tb.holdSecondary(zone);
      try {
        Thread t =
            new Thread(
                () -> {
                  try {
                    publisher.publish("interrupted", List.of(new Challenge(zone, "v")));
                    thrown.set(new AssertionError("publish returned"));
                  } catch (Throwable e) {
                    thrown.set(e);
                  }
                });
        t.start();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (txt(tb.bind(), owner).isEmpty()) {
          assertThat(System.nanoTime()).isLessThan(end);
          LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        t.interrupt();
        t.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(t.isAlive()).isFalse();
      } finally {
        tb.releaseSecondary(zone);
      }
      assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
      assertThat(thrown.get().getSuppressed()).isEmpty();
      assertThat(txt(tb.bind(), owner)).isEmpty();
      assertThat(store.list(ChallengeJournal.PREFIX)).isEmpty();
    }
  }

  @Test
  void removeCleansUpOnAnInterruptedThreadAndKeepsTheFlag(Testbed tb, @TempDir Path dir)
      throws Exception {
    String zone = tb.createZone("cancelled");
    String owner = "_acme-challenge." + zone;
    StateStore store = PublisherTestbed.store(dir);
    try (PropagationChecker checker =
        PublisherTestbed.checker(tb, Duration.ofSeconds(60)).build()) {
      DnsChallengePublisher publisher =
          PublisherTestbed.publisher(tb, store, PublisherTestbed.updater(tb), checker).build();
      Publication p = publisher.publish("cancelled", List.of(new Challenge(zone, "v")));
      Thread.currentThread().interrupt();
      try {
        publisher.remove(p);
      } finally {
        assertThat(Thread.interrupted()).isTrue();
      }
      assertThat(txt(tb.bind(), owner)).isEmpty();
      assertThat(store.list(ChallengeJournal.PREFIX)).isEmpty();
    }
  }
}
