package org.zonetrust.acme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zonetrust.acme.internal.StoredKey;
import org.zonetrust.core.state.FileStateStore;
import org.zonetrust.core.state.Lease;
import org.zonetrust.core.state.StateStore;
import org.zonetrust.core.state.StateStoreException;
import org.zonetrust.core.state.Versioned;

class CertificateKeyPolicyTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Duration LIFETIME = Duration.ofDays(90);

  @TempDir Path dir;
  private final MutableClock clock = new MutableClock(T0);

  private CertificateKeyPolicy policy(StateStore store) {
    return CertificateKeyPolicy.builder()
        .stateStore(store)
        .keyLifetime(LIFETIME)
        .clock(clock)
        .build();
  }

  @Test
  void firstCallMakesCurrentAndNextKeyAndRenewalsReuseTheCurrentKey() throws Exception {
    CertificateKeyPolicy keys = policy(new MemoryStateStore(clock));
    PublicKey next = keys.nextKey("shop");
    CertificateKey first = keys.keyFor("shop", KeySwitchGate.always());
    clock.advance(Duration.ofDays(30));
    CertificateKey second = keys.keyFor("shop", KeySwitchGate.always());

    assertThat(first.slot()).isEqualTo(CertificateKey.Slot.CURRENT);
    assertThat(second.keyId()).isEqualTo(first.keyId());
    assertThat(second.keyPair().getPublic()).isEqualTo(first.keyPair().getPublic());
    assertThat(StoredKey.keyId(next)).isNotEqualTo(first.keyId());
    CertificateKeyStatus status = keys.status("shop").orElseThrow();
    assertThat(status.currentKeyId()).isEqualTo(first.keyId());
    assertThat(status.nextKeyId()).isEqualTo(StoredKey.keyId(next));
    assertThat(status.rollDueAt()).isEqualTo(T0.plus(LIFETIME));
    assertThat(keys.status("other")).isEmpty();
  }

  @Test
  void rollsOnlyWhenTheLifetimeIsOverAndTheGateAllows() throws Exception {
    CertificateKeyPolicy keys = policy(new MemoryStateStore(clock));
    String current = keys.keyFor("shop", KeySwitchGate.always()).keyId();
    PublicKey next = keys.nextKey("shop");
    AtomicInteger asked = new AtomicInteger();
    KeySwitchGate counting =
        (id, key) -> {
          asked.incrementAndGet();
          assertThat(key).isEqualTo(next);
          return true;
        };

    clock.set(T0.plus(LIFETIME).minusSeconds(1));
    assertThat(keys.keyFor("shop", counting).keyId()).isEqualTo(current);
    assertThat(asked).hasValue(0);

    clock.set(T0.plus(LIFETIME));
    assertThat(keys.keyFor("shop", KeySwitchGate.never()).keyId()).isEqualTo(current);
    assertThat(keys.keyFor("shop", KeySwitchGate.of(() -> false)).slot())
        .isEqualTo(CertificateKey.Slot.CURRENT);
    CertificateKey rolled = keys.keyFor("shop", counting);
    assertThat(asked).hasValue(1);
    assertThat(rolled.slot()).isEqualTo(CertificateKey.Slot.NEXT);
    assertThat(rolled.keyPair().getPublic()).isEqualTo(next);
    // keyFor never switches by itself: the current key stays current until keyInstalled
    assertThat(keys.status("shop").orElseThrow().currentKeyId()).isEqualTo(current);
  }

  @Test
  void installingTheNextKeyPromotesItAndPregeneratesANewNextKey() throws Exception {
    CertificateKeyPolicy keys = policy(new MemoryStateStore(clock));
    CertificateKey old = keys.keyFor("shop", KeySwitchGate.always());
    clock.advance(LIFETIME);
    CertificateKey rolled = keys.keyFor("shop", KeySwitchGate.always());

    keys.keyInstalled("shop", rolled.keyPair().getPublic());
    keys.keyInstalled("shop", rolled.keyPair().getPublic()); // idempotent

    CertificateKeyStatus status = keys.status("shop").orElseThrow();
    assertThat(status.currentKeyId()).isEqualTo(rolled.keyId());
    assertThat(status.currentInUseSince()).isEqualTo(clock.instant());
    assertThat(status.rollDueAt()).isEqualTo(clock.instant().plus(LIFETIME));
    assertThat(status.nextKeyId()).isNotIn(old.keyId(), rolled.keyId());
    assertThat(keys.keyFor("shop", KeySwitchGate.always()).keyId()).isEqualTo(rolled.keyId());
    assertThatThrownBy(() -> keys.keyInstalled("shop", old.keyPair().getPublic()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("neither the current nor the next key");
  }

  @Test
  void keysSurviveARestartInOwnerOnlyFiles() throws Exception {
    StateStore store = FileStateStore.open(dir, clock);
    CertificateKey key = policy(store).keyFor("shop", KeySwitchGate.always());
    PublicKey next = policy(store).nextKey("shop");

    CertificateKeyPolicy reopened = policy(FileStateStore.open(dir, clock));
    CertificateKey again = reopened.keyFor("shop", KeySwitchGate.always());
    assertThat(again.keyPair().getPrivate()).isEqualTo(key.keyPair().getPrivate());
    assertThat(reopened.nextKey("shop")).isEqualTo(next);

    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir)) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    List<Path> keyFiles = files.stream().filter(p -> p.toString().contains("keys")).toList();
    assertThat(keyFiles).isNotEmpty();
    for (Path p : keyFiles) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p)))
          .as(p.toString())
          .isEqualTo("rw-------");
    }
  }

  @Test
  void aKeyIsStoredBeforeItIsHandedOutAndAFailedSwitchKeepsTheCurrentKey() throws Exception {
    MemoryStateStore memory = new MemoryStateStore(clock);
    FailingStore failing = new FailingStore(memory);
    List<KeyPair> generated = new ArrayList<>();
    CertificateKeyPolicy keys =
        CertificateKeyPolicy.builder()
            .stateStore(failing)
            .keyLifetime(LIFETIME)
            .clock(clock)
            .keyGenerator(
                () -> {
                  KeyPair k = ecKey();
                  generated.add(k);
                  return k;
                })
            .build();

    failing.failWrites = true;
    assertThatThrownBy(() -> keys.keyFor("shop", KeySwitchGate.always()))
        .isInstanceOf(AcmeException.class)
        .hasMessageContaining("acme/keys/shop");
    assertThat(generated).hasSize(2);
    assertThat(memory.get("acme/keys/shop")).isEmpty();

    failing.failWrites = false;
    CertificateKey current = keys.keyFor("shop", KeySwitchGate.always());
    assertThat(generated.subList(2, 4).stream().map(KeyPair::getPublic))
        .contains(current.keyPair().getPublic());
    clock.advance(LIFETIME);
    CertificateKey next = keys.keyFor("shop", KeySwitchGate.always());

    failing.failWrites = true; // the process "crashes" while switching
    assertThatThrownBy(() -> keys.keyInstalled("shop", next.keyPair().getPublic()))
        .isInstanceOf(AcmeException.class);
    failing.failWrites = false;
    CertificateKeyPolicy restarted = policy(memory);
    assertThat(restarted.status("shop").orElseThrow().currentKeyId()).isEqualTo(current.keyId());
    assertThat(restarted.keyFor("shop", KeySwitchGate.always()).keyId()).isEqualTo(next.keyId());
  }

  @Test
  void privateKeysAppearInNoToStringAndNoLogLine() throws Exception {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    CertificateKey key;
    CertificateKeyPolicy keys = policy(new MemoryStateStore(clock));
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      key = keys.keyFor("shop", KeySwitchGate.always());
      clock.advance(LIFETIME);
      CertificateKey next = keys.keyFor("shop", KeySwitchGate.always());
      keys.keyInstalled("shop", next.keyPair().getPublic());
    } finally {
      System.setErr(original);
    }
    String log = captured.toString(StandardCharsets.UTF_8);
    byte[] secret = key.keyPair().getPrivate().getEncoded();
    assertThat(log).contains(key.keyId()); // the capture works: key ids are logged
    assertThat(log)
        .doesNotContain(Base64.getEncoder().encodeToString(secret))
        .doesNotContain(HexFormat.of().formatHex(secret));
    assertThat(key.toString())
        .isEqualTo("CertificateKey[CURRENT, " + key.keyId() + "]")
        .doesNotContain(Base64.getEncoder().encodeToString(secret));
  }

  @Test
  void concurrentFirstCallsAgreeOnOneKey() throws Exception {
    StateStore store = FileStateStore.open(dir, clock);
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(6);
    try {
      List<java.util.concurrent.Future<String>> ids = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        // a separate policy per task, as separate processes would have
        CertificateKeyPolicy keys = policy(store);
        ids.add(pool.submit(() -> keys.keyFor("shop", KeySwitchGate.always()).keyId()));
      }
      java.util.Set<String> distinct = new java.util.HashSet<>();
      for (java.util.concurrent.Future<String> f : ids) {
        distinct.add(f.get());
      }
      assertThat(distinct).hasSize(1);
      assertThat(policy(store).status("shop").orElseThrow().currentKeyId())
          .isEqualTo(distinct.iterator().next());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void builderNamesWhatIsMissing() {
    assertThatThrownBy(() -> CertificateKeyPolicy.builder().clock(clock).build())
        .hasMessageContaining("stateStore");
    assertThatThrownBy(
            () -> CertificateKeyPolicy.builder().stateStore(new MemoryStateStore(clock)).build())
        .hasMessageContaining("clock");
    assertThatThrownBy(
            () ->
                CertificateKeyPolicy.builder()
                    .stateStore(new MemoryStateStore(clock))
                    .clock(clock)
                    .keyLifetime(Duration.ZERO)
                    .build())
        .hasMessageContaining("keyLifetime");
    assertThatThrownBy(() -> policy(new MemoryStateStore(clock)).nextKey("../x"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  static KeyPair ecKey() {
    try {
      java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("EC");
      g.initialize(256);
      return g.generateKeyPair();
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Delegates, failing every write while {@code failWrites} is set (a crash before the write). */
  static final class FailingStore implements StateStore {
    private final StateStore delegate;
    volatile boolean failWrites;

    FailingStore(StateStore delegate) {
      this.delegate = delegate;
    }

    private void check(String key) throws StateStoreException {
      if (failWrites) {
        throw new StateStoreException("simulated crash writing " + key);
      }
    }

    @Override
    public Optional<Versioned> get(String key) throws StateStoreException {
      return delegate.get(key);
    }

    @Override
    public Optional<Versioned> compareAndSet(String key, long expectedVersion, byte[] value)
        throws StateStoreException {
      check(key);
      return delegate.compareAndSet(key, expectedVersion, value);
    }

    @Override
    public Versioned put(String key, byte[] value) throws StateStoreException {
      check(key);
      return delegate.put(key, value);
    }

    @Override
    public boolean delete(String key, long expectedVersion) throws StateStoreException {
      check(key);
      return delegate.delete(key, expectedVersion);
    }

    @Override
    public List<String> list(String prefix) throws StateStoreException {
      return delegate.list(prefix);
    }

    @Override
    public Optional<Lease> tryAcquire(String name, String holder, Duration ttl)
        throws StateStoreException {
      return delegate.tryAcquire(name, holder, ttl);
    }
  }
}
