package org.zonetrust.dnssec.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Name;
import org.zonetrust.dnssec.DnssecException;

/**
 * Signs RRsets on a bounded number of threads. The caller adds RRsets (kept in two flat arrays, not
 * one object per job) and {@linkplain #flush() starts} the batch; the threads then claim small
 * chunks of it from a shared counter, so none waits while another has work, and the caller is free
 * to prepare the next batch meanwhile (the NSEC or NSEC3 chain while the data is being signed).
 * Each RRset's signatures go into its own entry, so the result does not depend on scheduling.
 *
 * <p>Not thread-safe: one thread adds, flushes and finally calls {@link #finish()}.
 */
final class ParallelSigning implements AutoCloseable {
  /** RRsets a thread claims at a time: small enough to balance, large enough to be cheap. */
  private static final int CHUNK = 32;

  private final Rrsigs rrsigs;
  private final KeyPlan plan;
  private final int threads;
  private final List<Future<?>> running = new ArrayList<>();
  private @Nullable ExecutorService pool;
  private @Nullable Name[] owners = new Name[64];
  private @Nullable RRsetEntry[] entries = new RRsetEntry[64];
  private int size;
  private volatile boolean closed;

  ParallelSigning(Rrsigs rrsigs, KeyPlan plan, int threads) {
    this.rrsigs = rrsigs;
    this.plan = plan;
    this.threads = threads;
  }

  /** Adds the signing of one RRset (keeping its still-fresh signatures by the right keys). */
  void add(Name owner, RRsetEntry entry) {
    if (size == owners.length) {
      owners = Arrays.copyOf(owners, size * 2);
      entries = Arrays.copyOf(entries, size * 2);
    }
    owners[size] = owner;
    entries[size] = entry;
    size++;
  }

  /**
   * Starts signing what was added since the last flush and returns without waiting (a small batch
   * with no thread started yet, or a single thread, is signed at once on the calling thread).
   */
  void flush() throws DnssecException {
    if (size == 0) {
      return;
    }
    Batch batch = new Batch(owners, entries, size);
    owners = new Name[64];
    entries = new RRsetEntry[64];
    size = 0;
    if (threads == 1 || (pool == null && batch.size <= CHUNK)) {
      batch.run();
      return;
    }
    ExecutorService p = pool;
    if (p == null) {
      p = Executors.newFixedThreadPool(threads, daemonThreads());
      pool = p;
    }
    int tasks = Math.min(threads, (batch.size + CHUNK - 1) / CHUNK);
    for (int i = 0; i < tasks; i++) {
      running.add(
          p.submit(
              () -> {
                batch.run();
                return null;
              }));
    }
  }

  /** Signs what is left and waits until every added RRset is signed. */
  void finish() throws DnssecException {
    flush();
    DnssecException failure = null;
    for (Future<?> f : running) {
      try {
        await(f);
      } catch (DnssecException e) {
        if (failure == null) {
          failure = e;
        }
      }
    }
    running.clear();
    if (failure != null) {
      throw failure;
    }
  }

  /** Stops the threads; chunks not yet claimed are left unsigned (the caller failed or is done). */
  @Override
  public void close() {
    closed = true;
    if (pool != null) {
      pool.shutdownNow();
    }
  }

  private static void await(Future<?> f) throws DnssecException {
    try {
      f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DnssecException("signing interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof DnssecException d) {
        throw d;
      }
      throw new DnssecException("signing failed: " + e.getCause(), e.getCause());
    }
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "zonetrust-signer-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** RRsets to sign; every thread working on the batch claims chunks until none is left. */
  private final class Batch {
    private final @Nullable Name[] owners;
    private final @Nullable RRsetEntry[] entries;
    private final int size;
    private final AtomicInteger next = new AtomicInteger();

    Batch(@Nullable Name[] owners, @Nullable RRsetEntry[] entries, int size) {
      this.owners = owners;
      this.entries = entries;
      this.size = size;
    }

    void run() throws DnssecException {
      for (int start = next.getAndAdd(CHUNK);
          start < size && !closed;
          start = next.getAndAdd(CHUNK)) {
        int end = Math.min(size, start + CHUNK);
        for (int i = start; i < end; i++) {
          Name owner = owners[i];
          RRsetEntry e = entries[i];
          if (owner == null || e == null) {
            throw new IllegalStateException("signing batch slot " + i + " is empty");
          }
          e.sigs(rrsigs.sign(owner, e, plan.signers(e.type())));
        }
      }
    }
  }
}
