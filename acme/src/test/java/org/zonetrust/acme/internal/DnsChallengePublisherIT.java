package org.zonetrust.acme.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.zonetrust.acme.internal.PublisherTestbed.addTxt;
import static org.zonetrust.acme.internal.PublisherTestbed.txt;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zonetrust.acme.AcmeException;
import org.zonetrust.acme.internal.ChallengePublisher.Challenge;
import org.zonetrust.acme.internal.ChallengePublisher.Publication;
import org.zonetrust.acme.internal.ChallengePublisher.PublishedRecord;
import org.zonetrust.core.dns.DnsChange;
import org.zonetrust.core.dns.PropagationChecker;
import org.zonetrust.core.state.StateStore;
import org.zonetrust.testbed.Testbed;
import org.zonetrust.testbed.WithTestbed;

@WithTestbed
class DnsChallengePublisherIT {

  @Test
  void publishesOneAddOnlyUpdatePerZoneWaitsForBothServersAndRemovesExactlyItsValues(
      Testbed tb, @TempDir Path dir) throws Exception {
    String a = tb.createZone("pub-a");
    String b = tb.createZone("pub-b");
    String apexOwner = "_acme-challenge." + a;
    addTxt(tb, a, apexOwner, "unrelated-value");
    StateStore store = PublisherTestbed.store(dir);
    PublisherTestbed.Recording updater =
        new PublisherTestbed.Recording(PublisherTestbed.updater(tb));
    PublisherTestbed.Events events = new PublisherTestbed.Events();
    try (PropagationChecker checker =
        PublisherTestbed.checker(tb, Duration.ofSeconds(60)).build()) {
      DnsChallengePublisher publisher =
          PublisherTestbed.publisher(tb, store, updater, checker).events(events).build();
      Publication p =
          publisher.publish(
              "order-1",
              List.of(
                  new Challenge(a, "apex-value"),
                  new Challenge("*." + a, "wildcard-value"),
                  new Challenge("www." + a, "www-value"),
                  new Challenge(b.substring(0, b.length() - 1), "b-value")));

      assertThat(p.records())
          .containsExactly(
              new PublishedRecord(a, apexOwner, List.of("apex-value", "wildcard-value")),
              new PublishedRecord(a, "_acme-challenge.www." + a, List.of("www-value")),
              new PublishedRecord(b, "_acme-challenge." + b, List.of("b-value")));
      assertThat(updater.updates).hasSize(2);
      assertThat(updater.updates)
          .allSatisfy(u -> assertThat(u.changes()).allMatch(c -> c instanceof DnsChange.Add));
      assertThat(updater.updates.get(0).changes()).hasSize(3);
      // publish returned: the held-back-free secondary must already serve everything, as BIND does
      for (var server : List.of(tb.bind(), tb.knot(), tb.knotIpv6(), tb.bindIpv6())) {
        assertThat(txt(server, apexOwner))
            .containsExactlyInAnyOrder("unrelated-value", "apex-value", "wildcard-value");
        assertThat(txt(server, "_acme-challenge.www." + a)).containsExactly("www-value");
        assertThat(txt(server, "_acme-challenge." + b)).containsExactly("b-value");
      }
      assertThat(store.list(ChallengeJournal.PREFIX)).containsExactly("acme/journal/order-1");
      String journal =
          new String(
              store.get("acme/journal/order-1").orElseThrow().value(), StandardCharsets.UTF_8);
      assertThat(journal).contains("apex-value", "wildcard-value", "www-value", "b-value");

      // another publisher of this (live) process must leave the live publication alone
      DnsChallengePublisher sibling =
          PublisherTestbed.publisher(tb, store, updater, checker).build();
      assertThat(sibling.recover()).isZero();
      assertThat(publisher.recover()).isZero();
      assertThat(txt(tb.bind(), "_acme-challenge." + b)).containsExactly("b-value");
      assertThat(updater.updates).hasSize(2);

      publisher.remove(p);

      assertThat(txt(tb.bind(), apexOwner)).containsExactly("unrelated-value");
      assertThat(txt(tb.bind(), "_acme-challenge.www." + a)).isEmpty();
      assertThat(txt(tb.bind(), "_acme-challenge." + b)).isEmpty();
      assertThat(updater.updates).hasSize(4);
      assertThat(updater.updates.subList(2, 4))
          .allSatisfy(u -> assertThat(u.changes()).allMatch(c -> c instanceof DnsChange.Delete));
      assertThat(store.list(ChallengeJournal.PREFIX)).isEmpty();
      assertThat(events.types())
          .containsExactly(
              "acme.challenge.published", "acme.challenge.propagated", "acme.challenge.removed");
      publisher.remove(p);
      assertThat(txt(tb.bind(), apexOwner)).containsExactly("unrelated-value");
    }
  }

  @Test
  void doesNotReturnWhileTheSecondaryIsHeldBack(Testbed tb, @TempDir Path dir) throws Exception {
    String zone = tb.createZone("pub-held");
    String owner = "_acme-challenge." + zone;
    // Counts finished checker tasks: a round's task, then one per address probed; rounds follow
    // each other, so 8 finished tasks mean the held-back Knot was asked at least twice.
    ExecutorService pool = Executors.newFixedThreadPool(4);
    ExecutorService caller = Executors.newSingleThreadExecutor();
    AtomicInteger finished = new AtomicInteger();
    try (PropagationChecker checker =
        PublisherTestbed.checker(tb, Duration.ofSeconds(60))
            .executor(
                task ->
                    pool.execute(
                        () -> {
                          try {
                            task.run();
                          } finally {
                            finished.incrementAndGet();
                          }
                        }))
            .build()) {
      DnsChallengePublisher publisher =
          PublisherTestbed.publisher(
                  tb, PublisherTestbed.store(dir), PublisherTestbed.updater(tb), checker)
              .build();
      CompletableFuture<Publication> f;
      tb.holdSecondary(zone);
      try {
        f =
            CompletableFuture.supplyAsync(
                () -> {
                  try {
                    return publisher.publish("held", List.of(new Challenge(zone, "late-value")));
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                },
                caller);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (finished.get() < 8 && System.nanoTime() < end) {
          LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        assertThat(finished.get()).isGreaterThanOrEqualTo(8);
        assertThat(txt(tb.bind(), owner)).containsExactly("late-value");
        assertThat(txt(tb.knot(), owner)).isEmpty();
        assertThat(f).isNotDone();
      } finally {
        tb.releaseSecondary(zone);
      }
      Publication p = f.get(30, TimeUnit.SECONDS);
      assertThat(txt(tb.knot(), owner)).containsExactly("late-value");
      assertThat(txt(tb.knotIpv6(), owner)).containsExactly("late-value");
      publisher.remove(p);
      assertThat(txt(tb.bind(), owner)).isEmpty();
    } finally {
      pool.shutdownNow();
      caller.shutdownNow();
    }
  }

  @Test
  void wrongTsigKeyFailsClearlyAndLeavesNothing(Testbed tb, @TempDir Path dir) throws Exception {
    String zone = tb.createZone("pub-badkey");
    String owner = "_acme-challenge." + zone;
    addTxt(tb, zone, owner, "unrelated-value");
    StateStore store = PublisherTestbed.store(dir);
    try (PropagationChecker checker =
        PublisherTestbed.checker(tb, Duration.ofSeconds(30)).build()) {
      DnsChallengePublisher publisher =
          PublisherTestbed.publisher(tb, store, PublisherTestbed.wrongKeyUpdater(tb), checker)
              .build();

      assertThatThrownBy(
              () -> publisher.publish("badkey", List.of(new Challenge(zone, "never-value"))))
          .isInstanceOf(AcmeException.class)
          .hasMessageContaining("order badkey")
          .hasMessageContaining("zone " + zone)
          .hasMessageContaining(tb.bind().getPort() + "")
          .hasMessageContaining("BADSIG")
          .hasMessageNotContaining(tb.tsigSecret())
          .hasMessageNotContaining(PublisherTestbed.WRONG_SECRET)
          .satisfies(e -> assertThat(e.getSuppressed()).isEmpty());

      assertThat(txt(tb.bind(), owner)).containsExactly("unrelated-value");
      assertThat(store.list(ChallengeJournal.PREFIX)).isEmpty();
    }
  }

  @Test
  void failureInTheSecondZoneRemovesWhatTheFirstZoneGot(Testbed tb, @TempDir Path dir)
      throws Exception {
    String good = tb.createZone("pub-good");
    String bad = tb.createZone("pub-bad");
    StateStore store = PublisherTestbed.store(dir);
    var goodUpdater = PublisherTestbed.updater(tb);
    var badUpdater = PublisherTestbed.wrongKeyUpdater(tb);
    PublisherTestbed.Recording recording = new PublisherTestbed.Recording(goodUpdater);
    try (PropagationChecker checker =
        PublisherTestbed.checker(tb, Duration.ofSeconds(30)).build()) {
      DnsChallengePublisher publisher =
          PublisherTestbed.publisher(tb, store, goodUpdater, checker)
              .dnsUpdaters(zone -> zone.equals(PublisherTestbed.name(bad)) ? badUpdater : recording)
              .build();

      assertThatThrownBy(
              () ->
                  publisher.publish(
                      "two-zones",
                      List.of(new Challenge(good, "good-value"), new Challenge(bad, "bad-value"))))
          .isInstanceOf(AcmeException.class)
          .hasMessageContaining("zone " + bad);

      assertThat(recording.updates).hasSize(2);
      assertThat(recording.updates.get(1).changes())
          .singleElement()
          .isInstanceOf(DnsChange.Delete.class);
      assertThat(txt(tb.bind(), "_acme-challenge." + good)).isEmpty();
      assertThat(txt(tb.bind(), "_acme-challenge." + bad)).isEmpty();
      assertThat(store.list(ChallengeJournal.PREFIX)).isEmpty();
    }
  }
}
