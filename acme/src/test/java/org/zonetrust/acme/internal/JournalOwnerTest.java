package org.zonetrust.acme.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class JournalOwnerTest {
  private static final Instant NOW = Instant.parse("2026-11-27T08:00:00Z");
  private static final Duration AGE = Duration.ofHours(1);
  private final JournalOwner self = JournalOwner.current();

  @Test
  void ownInstanceIsAbandonedSinceTheCallerSkipsItsLivePublications() {
    assertThat(self.considersAbandoned(self, NOW, NOW, AGE)).isTrue();
  }

  @Test
  void anotherPublisherOfThisLiveProcessIsNotAbandoned() {
    JournalOwner sibling = JournalOwner.current();
    assertThat(self.considersAbandoned(sibling, Instant.EPOCH, NOW, AGE)).isFalse();
  }

  @Test
  void aGoneProcessOfThisHostIsAbandonedAtOnce() throws Exception {
    Process p = new ProcessBuilder("true").start();
    long pid = p.pid();
    long started = p.info().startInstant().map(Instant::toEpochMilli).orElse(-1L);
    assertThat(p.waitFor()).isZero();
    JournalOwner gone = new JournalOwner(self.host(), pid, started, "x");
    assertThat(self.considersAbandoned(gone, NOW, NOW, AGE)).isTrue();
  }

  @Test
  void aReusedPidIsAbandoned() {
    JournalOwner earlierSelf = new JournalOwner(self.host(), self.pid(), self.started() - 1, "x");
    assertThat(self.considersAbandoned(earlierSelf, NOW, NOW, AGE)).isTrue();
  }

  @Test
  void anotherHostIsAbandonedOnlyAfterTheAge() {
    JournalOwner remote = new JournalOwner("elsewhere.invalid", self.pid(), self.started(), "x");
    assertThat(self.considersAbandoned(remote, NOW.minus(AGE).plusSeconds(1), NOW, AGE)).isFalse();
    assertThat(self.considersAbandoned(remote, NOW.minus(AGE), NOW, AGE)).isTrue();
  }
}
