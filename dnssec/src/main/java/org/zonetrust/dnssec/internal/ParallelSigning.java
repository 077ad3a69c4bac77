package org.zonetrust.dnssec.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
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
 * Signs RRsets in chunks on a bounded number of threads. The caller adds jobs as it walks the zone;
 * at most a few chunks per thread are in flight, so memory stays bounded whatever the zone size.
 * Each job writes its signatures into its own entry, so the result does not depend on scheduling.
 *
 * <p>Not thread-safe: one producer thread adds jobs and then calls {@link #finish()}.
 */
final class ParallelSigning implements AutoCloseable {
  private static final int CHUNK = 256;

  private final Rrsigs rrsigs;
  private final KeyPlan plan;
  private final int threads;
  private final ArrayDeque<Future<?>> inFlight = new ArrayDeque<>();
  private @Nullable ExecutorService pool;
  private List<Job> chunk = new ArrayList<>(CHUNK);

  ParallelSigning(Rrsigs rrsigs, KeyPlan plan, int threads) {
    this.rrsigs = rrsigs;
    this.plan = plan;
    this.threads = threads;
  }

  /** Schedules the signing of one RRset (keeping its still-fresh signatures by the right keys). */
  void add(Name owner, RRsetEntry entry) throws DnssecException {
    chunk.add(new Job(owner, entry));
    if (chunk.size() == CHUNK) {
      submit();
    }
  }

  /** Waits until every added RRset is signed. */
  void finish() throws DnssecException {
    if (!chunk.isEmpty()) {
      if (pool == null) {
        run(chunk);
        chunk = new ArrayList<>(CHUNK);
      } else {
        submit();
      }
    }
    while (!inFlight.isEmpty()) {
      await(inFlight.poll());
    }
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }

  private void submit() throws DnssecException {
    List<Job> jobs = chunk;
    chunk = new ArrayList<>(CHUNK);
    if (threads == 1) {
      run(jobs);
      return;
    }
    ExecutorService p = pool;
    if (p == null) {
      p = Executors.newFixedThreadPool(threads, daemonThreads());
      pool = p;
    }
    inFlight.add(
        p.submit(
            () -> {
              run(jobs);
              return null;
            }));
    while (inFlight.size() > threads * 4) {
      await(inFlight.poll());
    }
  }

  private void run(List<Job> jobs) throws DnssecException {
    for (Job j : jobs) {
      j.entry.sigs(rrsigs.sign(j.owner, j.entry, plan.signers(j.entry.type())));
    }
  }

  private static void await(@Nullable Future<?> f) throws DnssecException {
    if (f == null) {
      return;
    }
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

  private record Job(Name owner, RRsetEntry entry) {}
}
