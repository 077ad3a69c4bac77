package org.zonetrust.core.dns;

import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.xbill.DNS.Message;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Type;

/**
 * Sends DNS queries through dnsjava resolvers without starting a thread per query.
 *
 * <p>dnsjava 3.6's {@link Resolver#send(Message)} and {@link Resolver#sendAsync(Message)} hand each
 * answer to {@code ForkJoinPool.commonPool()}, which on machines with two CPUs or fewer starts a
 * new thread for every query (thousands of thread starts for a few hundred ACME orders). This class
 * calls {@link Resolver#sendAsync(Message, java.util.concurrent.Executor)} instead, with one daemon
 * thread it owns. Answer handling never blocks, so that one thread serves every caller; it exits
 * after ten idle seconds and starts again when needed, so nothing needs closing.
 *
 * <p>The resolver is given with each query, so code that makes one resolver per server (or per
 * call) shares one instance of this class and still gets one answer thread. Keep one instance per
 * component, not one per query. Thread-safe (each resolver must be, if shared between threads).
 */
public final class DnsQueries {
  private final ThreadPoolExecutor answers;

  /** Creates an instance with its own answer thread, started on the first query. */
  public DnsQueries() {
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
   * Sends a query and waits for the answer, as {@link Resolver#send(Message)} does: at most the
   * resolver's {@linkplain Resolver#getTimeout() timeout}, with the same exceptions and messages
   * (an {@code IOException} from the resolver is thrown as is; a timeout is an {@code IOException}
   * "Timed out while trying to resolve name/TYPE, id=N"; on interruption the thread's interrupt
   * flag is set again and an {@code IOException} is thrown).
   *
   * @param resolver the resolver to send through
   * @param query the query
   * @return the answer
   * @throws IOException on errors, on timeout and on interruption, as {@code Resolver.send}
   */
  public Message send(Resolver resolver, Message query) throws IOException {
    CompletableFuture<Message> f = sendAsync(resolver, query).toCompletableFuture();
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

  /**
   * Sends a query without waiting, as {@link Resolver#sendAsync(Message)} does, but with the answer
   * handled on this object's thread. The caller chooses how long to wait.
   *
   * @param resolver the resolver to send through
   * @param query the query
   * @return the answer, completed on this object's thread (or exceptionally, as dnsjava does)
   */
  public CompletionStage<Message> sendAsync(Resolver resolver, Message query) {
    Objects.requireNonNull(query, "query");
    return Objects.requireNonNull(resolver, "resolver").sendAsync(query, answers);
  }
}
