package org.zonetrust.core.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

class DnsQueriesTest {
  private static final Name NAME = Name.fromConstantString("www.example.test.");

  /** Answers from a function; fails if asked without an executor (the common pool). */
  private static final class ScriptedResolver extends SimpleResolver {
    final List<Executor> executors = new CopyOnWriteArrayList<>();
    final List<String> threads = new CopyOnWriteArrayList<>();
    private final Function<Message, CompletableFuture<Message>> answer;

    ScriptedResolver(Function<Message, CompletableFuture<Message>> answer) {
      super(new InetSocketAddress(InetAddress.getLoopbackAddress(), 53));
      this.answer = answer;
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
      return answer
          .apply(query)
          .thenApplyAsync(
              m -> {
                threads.add(Thread.currentThread().getName());
                return m;
              },
              executor);
    }
  }

  private static Message query() {
    return Message.newQuery(Record.newRecord(NAME, Type.A, DClass.IN));
  }

  private static CompletableFuture<Message> answerA(Message query) {
    Message m = new Message(query.getHeader().getID());
    m.getHeader().setFlag(Flags.QR);
    m.addRecord(query.getQuestion(), Section.QUESTION);
    m.addRecord(new ARecord(NAME, DClass.IN, 60, InetAddress.getLoopbackAddress()), Section.ANSWER);
    return CompletableFuture.completedFuture(m);
  }

  @Test
  void answersAreHandledOnOneOwnThreadNeverOnTheCommonPool() throws Exception {
    ScriptedResolver first = new ScriptedResolver(DnsQueriesTest::answerA);
    ScriptedResolver second = new ScriptedResolver(DnsQueriesTest::answerA);
    DnsQueries queries = new DnsQueries();
    for (int i = 0; i < 5; i++) {
      assertThat(queries.send(first, query()).getSection(Section.ANSWER)).hasSize(1);
      assertThat(queries.sendAsync(second, query()).toCompletableFuture().get().getRcode())
          .isZero();
    }
    assertThat(first.executors).hasSize(5).doesNotContain(ForkJoinPool.commonPool());
    // One executor for every query and every resolver: no thread per query or per resolver.
    assertThat(second.executors).hasSize(5).containsOnly(first.executors.get(0));
    assertThat(first.threads).containsOnly("zonetrust-dns-answers");
    assertThat(second.threads).containsOnly("zonetrust-dns-answers");
  }

  @Test
  void aResolverErrorIsThrownAsIs() {
    SocketTimeoutException error = new SocketTimeoutException("no answer from 192.0.2.1");
    ScriptedResolver failing = new ScriptedResolver(q -> CompletableFuture.failedFuture(error));
    assertThatThrownBy(() -> new DnsQueries().send(failing, query())).isSameAs(error);
  }

  @Test
  void anotherFailureIsWrappedInAnIOException() {
    IllegalStateException error = new IllegalStateException("broken");
    ScriptedResolver failing = new ScriptedResolver(q -> CompletableFuture.failedFuture(error));
    assertThatThrownBy(() -> new DnsQueries().send(failing, query()))
        .isInstanceOf(IOException.class)
        .hasCause(error);
  }

  @Test
  void noAnswerWithinTheResolversTimeoutIsTheMessageOfResolverSend() {
    ScriptedResolver silent = new ScriptedResolver(q -> new CompletableFuture<>());
    silent.setTimeout(Duration.ofMillis(50));
    Message q = query();
    assertThatThrownBy(() -> new DnsQueries().send(silent, q))
        .isInstanceOf(IOException.class)
        .hasMessage(
            "Timed out while trying to resolve www.example.test./A, id=" + q.getHeader().getID());
  }
}
