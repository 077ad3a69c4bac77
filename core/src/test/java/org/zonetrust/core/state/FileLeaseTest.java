package org.zonetrust.core.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileLeaseTest {

  static final Duration TTL = Duration.ofSeconds(30);

  @TempDir Path dir;
  MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  FileStateStore store;

  @BeforeEach
  void open() throws Exception {
    store = FileStateStore.open(dir, clock);
  }

  @Test
  void heldLeaseExcludesOthersUntilItExpiresByTheClock() throws Exception {
    Lease a = store.tryAcquire("locks/zone/example.com", "host-a", TTL).orElseThrow();
    assertThat(a.name()).isEqualTo("locks/zone/example.com");
    assertThat(a.expiresAt()).isEqualTo(clock.instant().plus(TTL));
    assertThat(store.tryAcquire("locks/zone/example.com", "host-b", TTL)).isEmpty();

    clock.advance(TTL.minusMillis(1));
    assertThat(store.tryAcquire("locks/zone/example.com", "host-b", TTL)).isEmpty();
    clock.advance(Duration.ofMillis(1));
    Lease b = store.tryAcquire("locks/zone/example.com", "host-b", TTL).orElseThrow();
    assertThat(b.fencingToken()).isGreaterThan(a.fencingToken());

    assertThat(a.renew(TTL)).isFalse();
    a.close(); // lost lease: releasing must not release b's grant
    assertThat(store.tryAcquire("locks/zone/example.com", "host-c", TTL)).isEmpty();
  }

  @Test
  void renewExtendsWhileHeld() throws Exception {
    Lease a = store.tryAcquire("l", "a", TTL).orElseThrow();
    clock.advance(Duration.ofSeconds(20));
    assertThat(a.renew(TTL)).isTrue();
    assertThat(a.expiresAt()).isEqualTo(clock.instant().plus(TTL));
    clock.advance(Duration.ofSeconds(20));
    assertThat(store.tryAcquire("l", "b", TTL)).isEmpty();
    clock.advance(Duration.ofSeconds(10));
    assertThat(a.renew(TTL)).as("expired").isFalse();
  }

  @Test
  void closeReleasesIsIdempotentAndTokensKeepIncreasing() throws Exception {
    long last = 0;
    for (int i = 0; i < 5; i++) {
      Lease l = store.tryAcquire("l", "h" + i, TTL).orElseThrow();
      assertThat(l.fencingToken()).isGreaterThan(last);
      last = l.fencingToken();
      l.close();
      l.close();
      assertThat(l.renew(TTL)).isFalse();
    }
    // persisted: a new store instance (a restarted process) continues the sequence
    FileStateStore reopened = FileStateStore.open(dir, clock);
    try (Lease l = reopened.tryAcquire("l", "x", TTL).orElseThrow()) {
      assertThat(l.fencingToken()).isGreaterThan(last);
    }
  }

  @Test
  void leasesAndKeysDoNotCollideAndLeasesAreNotListed() throws Exception {
    store.put("l", new byte[] {1});
    try (Lease l = store.tryAcquire("l", "h", TTL).orElseThrow()) {
      assertThat(store.list("")).containsExactly("l");
      assertThat(store.get("l").orElseThrow().version()).isEqualTo(1);
      assertThat(l.fencingToken()).isEqualTo(1);
    }
  }

  @Test
  void validatesArguments() {
    assertThatThrownBy(() -> store.tryAcquire("../x", "h", TTL))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.tryAcquire("x", "h", Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
