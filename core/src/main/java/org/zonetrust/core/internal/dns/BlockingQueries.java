package org.zonetrust.core.internal.dns;

import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.xbill.DNS.Message;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Type;

/**
 * Sends a query through a resolver and waits for the answer, like {@link Resolver#send(Message)}
 * (same timeout, same exceptions and messages), but runs dnsjava's answer handling on one daemon
 * thread this object owns instead of {@code ForkJoinPool.commonPool()}. On machines with two CPUs
 * or fewer the common pool starts a new thread for every query, which made each ACME order start
 * dozens of threads. The answer handling never blocks, so one thread serves every caller; it exits
 * after a few idle seconds, so nothing needs closing. Thread-safe if the resolver is.
 */
final class BlockingQueries {
  private final Resolver resolver;
  private final ThreadPoolExecutor answers;

  BlockingQueries(Resolver resolver) {
    this.resolver = Objects.requireNonNull(resolver, "resolver");
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            1,
            1,
            10,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, "zonetrust-dns-answers");
              t.setDaemon(true);
              return t;
            });
    pool.allowCoreThreadTimeOut(true);
    this.answers = pool;
  }

  /**
   * Sends a query and waits at most the resolver's timeout for the answer.
   *
   * @param query the query
   * @return the answer
   * @throws IOException as {@link Resolver#send(Message)} does, on errors and on timeout
   */
  Message send(Message query) throws IOException {
    CompletableFuture<Message> f = resolver.sendAsync(query, answers).toCompletableFuture();
    try {
      return f.get(resolver.getTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      throw cause == null ? new IOException(e) : new IOException(cause);
    } catch (TimeoutException e) {
      throw new IOException(
          "Timed out while trying to resolve "
              + query.getQuestion().getName()
              + "/"
              + Type.string(query.getQuestion().getType())
              + ", id="
              + query.getHeader().getID(),
          e);
    }
  }
}
