package org.zonetrust.acme;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.zonetrust.core.state.Lease;
import org.zonetrust.core.state.StateStore;
import org.zonetrust.core.state.Versioned;

/**
 * An in-memory {@link StateStore} for fast tests and properties (the file store fsyncs every
 * write). Also counts writes so that tests can fail them on demand.
 */
final class MemoryStateStore implements StateStore {
  private final Clock clock;
  private final TreeMap<String, Versioned> values = new TreeMap<>();
  private final Map<String, Long> tokens = new HashMap<>();
  private final Map<String, Held> leases = new HashMap<>();

  MemoryStateStore(Clock clock) {
    this.clock = clock;
  }

  private record Held(String holder, Instant expires, long token) {}

  @Override
  public synchronized Optional<Versioned> get(String key) {
    return Optional.ofNullable(values.get(key));
  }

  @Override
  public synchronized Optional<Versioned> compareAndSet(String key, long expected, byte[] value) {
    Versioned cur = values.get(key);
    long version = cur == null ? Versioned.ABSENT : cur.version();
    if (version != expected) {
      return Optional.empty();
    }
    Versioned next = new Versioned(key, version + 1, value);
    values.put(key, next);
    return Optional.of(next);
  }

  @Override
  public synchronized Versioned put(String key, byte[] value) {
    Versioned cur = values.get(key);
    Versioned next = new Versioned(key, cur == null ? 1 : cur.version() + 1, value);
    values.put(key, next);
    return next;
  }

  @Override
  public synchronized boolean delete(String key, long expected) {
    Versioned cur = values.get(key);
    if (cur == null || cur.version() != expected) {
      return false;
    }
    values.remove(key);
    return true;
  }

  @Override
  public synchronized List<String> list(String prefix) {
    return values.keySet().stream().filter(k -> k.startsWith(prefix)).toList();
  }

  @Override
  public synchronized Optional<Lease> tryAcquire(String name, String holder, Duration ttl) {
    Held h = leases.get(name);
    Instant now = clock.instant();
    if (h != null && h.expires.isAfter(now)) {
      return Optional.empty();
    }
    long token = tokens.merge(name, 1L, Long::sum);
    leases.put(name, new Held(holder, now.plus(ttl), token));
    return Optional.of(new MemoryLease(name, holder, token));
  }

  synchronized boolean leaseHeld(String name) {
    Held h = leases.get(name);
    return h != null && h.expires.isAfter(clock.instant());
  }

  private final class MemoryLease implements Lease {
    private final String name;
    private final String holder;
    private final long token;

    MemoryLease(String name, String holder, long token) {
      this.name = name;
      this.holder = holder;
      this.token = token;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public long fencingToken() {
      return token;
    }

    @Override
    public Instant expiresAt() {
      synchronized (MemoryStateStore.this) {
        Held h = leases.get(name);
        return h == null ? Instant.MIN : h.expires;
      }
    }

    @Override
    public boolean renew(Duration ttl) {
      synchronized (MemoryStateStore.this) {
        Held h = leases.get(name);
        if (h == null || h.token != token || !h.expires.isAfter(clock.instant())) {
          return false;
        }
        leases.put(name, new Held(holder, clock.instant().plus(ttl), token));
        return true;
      }
    }

    @Override
    public void close() {
      synchronized (MemoryStateStore.this) {
        Held h = leases.get(name);
        if (h != null && h.token == token) {
          leases.remove(name);
        }
      }
    }
  }
}
