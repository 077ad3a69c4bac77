package org.zonetrust.testbed;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;

/**
 * A resolver answering from memory that fails every query sent without an executor. dnsjava hands
 * such answers to {@code ForkJoinPool.commonPool()}, which starts a new thread per query on
 * machines with two CPUs or fewer; code that must not do that is tested with this resolver. It
 * records the executors it was given, so a test can check they are the caller's own.
 */
public final class ExecutorCheckingResolver extends SimpleResolver {
  private final Function<Message, Message> answers;
  private final List<Executor> executors = new CopyOnWriteArrayList<>();

  /**
   * Creates the resolver.
   *
   * @param answers makes the answer to a query; {@link #reply} starts one
   */
  public ExecutorCheckingResolver(Function<Message, Message> answers) {
    super(new InetSocketAddress(InetAddress.getLoopbackAddress(), 53));
    this.answers = answers;
  }

  /**
   * Starts an answer to {@code query}: same id, QR set, the question copied.
   *
   * @param query the query
   * @return the answer without records
   */
  public static Message reply(Message query) {
    Message m = new Message(query.getHeader().getID());
    m.getHeader().setFlag(Flags.QR);
    m.addRecord(query.getQuestion(), Section.QUESTION);
    return m;
  }

  /**
   * Returns the executors queries were sent with, in order.
   *
   * @return the executors
   */
  public List<Executor> executors() {
    return List.copyOf(executors);
  }

  @Override
  public Message send(Message query) {
    throw new AssertionError("send without an executor: " + query.getQuestion());
  }

  @Override
  public CompletionStage<Message> sendAsync(Message query) {
    throw new AssertionError("sendAsync without an executor: " + query.getQuestion());
  }

  @Override
  public CompletionStage<Message> sendAsync(Message query, Executor executor) {
    executors.add(executor);
    return CompletableFuture.supplyAsync(() -> answers.apply(query), executor);
  }
}
