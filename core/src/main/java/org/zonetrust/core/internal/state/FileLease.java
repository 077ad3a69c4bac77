package org.zonetrust.core.internal.state;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.zonetrust.core.internal.state.FileStoreEngine.Area;
import org.zonetrust.core.state.Lease;
import org.zonetrust.core.state.StateStoreException;

/**
 * A lease of the file store. The lease record ({@code leases/NAME,v}) is never deleted: releasing
 * marks it released, so the fencing token of the next grant continues from the last one. All
 * changes happen under the lease name's stripe lock, with expiry judged by the store's clock.
 */
final class FileLease implements Lease {

  private final FileStoreEngine store;
  private final String name;
  private final String holder;
  private final long token;
  private volatile Instant expiresAt;
  private boolean closed;

  private FileLease(
      FileStoreEngine store, String name, String holder, long token, Instant expiresAt) {
    this.store = store;
    this.name = name;
    this.holder = holder;
    this.token = token;
    this.expiresAt = expiresAt;
  }

  static Optional<Lease> tryAcquire(FileStoreEngine store, String name, String holder, Duration ttl)
      throws StateStoreException {
    KeyLayout.requireValid("lease name", name);
    Objects.requireNonNull(holder, "holder");
    if (holder.length() > 1000) {
      throw new IllegalArgumentException(
          "lease holder must have at most 1000 characters, got " + holder.length());
    }
    requirePositive(ttl);
    return store.locked(
        Area.LEASES,
        name,
        "acquire",
        () -> {
          StoredRecord cur = store.read(Area.LEASES, name);
          State state = cur == null ? null : decode(store, name, cur);
          Instant now = store.clock().instant();
          if (state != null && state.heldAt(now)) {
            return Optional.empty();
          }
          long token = state == null ? 1 : Math.addExact(state.token, 1);
          Instant expiry = now.plus(ttl);
          write(store, name, cur, new State(token, expiry, false, holder));
          return Optional.of(new FileLease(store, name, holder, token, expiry));
        });
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
    return expiresAt;
  }

  @Override
  public synchronized boolean renew(Duration ttl) throws StateStoreException {
    requirePositive(ttl);
    if (closed) {
      return false;
    }
    return store.locked(
        Area.LEASES,
        name,
        "renew",
        () -> {
          StoredRecord cur = store.read(Area.LEASES, name);
          State state = cur == null ? null : decode(store, name, cur);
          Instant now = store.clock().instant();
          if (state == null || state.token != token || !state.heldAt(now)) {
            return false;
          }
          Instant expiry = now.plus(ttl);
          write(store, name, cur, new State(token, expiry, false, holder));
          expiresAt = expiry;
          return true;
        });
  }

  /**
   * Releases the lease, also on an interrupted thread (a {@code try}-with-resources block in a
   * cancelled task): the interrupt flag is cleared for the duration of the release, so neither the
   * up-front refusal of {@link FileStoreEngine#locked} nor an interruptible channel fails it, and
   * it is set again afterwards, whether the release succeeded or threw. An interrupt that arrives
   * during the release may still fail it.
   */
  @Override
  public synchronized void close() throws StateStoreException {
    if (closed) {
      return;
    }
    boolean interrupted = Thread.interrupted();
    try {
      store.locked(
          Area.LEASES,
          name,
          "release",
          () -> {
            StoredRecord cur = store.read(Area.LEASES, name);
            State state = cur == null ? null : decode(store, name, cur);
            if (state == null || state.token != token || state.released) {
              return false;
            }
            write(store, name, cur, new State(token, state.expiresAt, true, holder));
            return true;
          });
      closed = true;
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public String toString() {
    return "Lease[" + name + ", token=" + token + ", holder=" + holder + "]";
  }

  private static void requirePositive(Duration ttl) {
    Objects.requireNonNull(ttl, "ttl");
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("lease ttl must be positive, got " + ttl);
    }
  }

  private static void write(
      FileStoreEngine store, String name, @Nullable StoredRecord cur, State state)
      throws IOException {
    long version = cur == null ? 1 : Math.addExact(cur.version(), 1);
    store.writeRecord(Area.LEASES, new StoredRecord(name, version, false, state.encode()));
  }

  private static State decode(FileStoreEngine store, String name, StoredRecord record)
      throws StateStoreException {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(record.value()))) {
      long token = in.readLong();
      Instant expiry = Instant.ofEpochSecond(in.readLong(), in.readInt());
      boolean released = in.readBoolean();
      String holder = in.readUTF();
      if (in.available() != 0 || token < 1) {
        throw new IOException("unexpected lease data");
      }
      return new State(token, expiry, released, holder);
    } catch (IOException | RuntimeException e) {
      throw new StateStoreException(
          "Lease file "
              + store.fileOf(Area.LEASES, name)
              + " of lease '"
              + name
              + "' is corrupt ("
              + e
              + "); delete it only when no process uses the lease",
          e);
    }
  }

  /** What the lease record holds. */
  private record State(long token, Instant expiresAt, boolean released, String holder) {

    boolean heldAt(Instant now) {
      return !released && now.isBefore(expiresAt);
    }

    byte[] encode() throws IOException {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (DataOutputStream out = new DataOutputStream(bytes)) {
        out.writeLong(token);
        out.writeLong(expiresAt.getEpochSecond());
        out.writeInt(expiresAt.getNano());
        out.writeBoolean(released);
        out.writeUTF(holder);
      }
      return bytes.toByteArray();
    }
  }
}
