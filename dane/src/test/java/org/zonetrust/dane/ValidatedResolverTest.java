package org.zonetrust.dane;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

class ValidatedResolverTest {
  private static final Name NAME = Name.fromConstantString("mx.example.test.");

  /**
   * A validating resolver answering from memory with AD set; it fails the query if asked without an
   * executor, which makes dnsjava handle the answer on {@code ForkJoinPool.commonPool()} (a new
   * thread per query on machines with two CPUs or fewer).
   */
  private static final class RecordingResolver extends SimpleResolver {
    final List<Executor> executors = new CopyOnWriteArrayList<>();

    RecordingResolver() {
      super(new InetSocketAddress(InetAddress.getLoopbackAddress(), 53));
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
      return CompletableFuture.supplyAsync(
          () -> {
            Message m = new Message(query.getHeader().getID());
            m.getHeader().setFlag(Flags.QR);
            m.getHeader().setFlag(Flags.AD);
            m.addRecord(query.getQuestion(), Section.QUESTION);
            m.addRecord(
                new ARecord(NAME, DClass.IN, 60, InetAddress.getLoopbackAddress()), Section.ANSWER);
            return m;
          },
          executor);
    }
  }

  @Test
  void answersAreNeverHandledOnTheCommonPool() {
    RecordingResolver upstream = new RecordingResolver();
    ValidatedResolver resolver =
        new ValidatedResolver(upstream, false, Duration.ofSeconds(5), "test resolver");
    for (int i = 0; i < 3; i++) {
      ValidatedAnswer a = resolver.query(NAME, Type.A);
      assertThat(a.status()).isEqualTo(DnssecStatus.SECURE);
      assertThat(a.records()).hasSize(1);
    }
    assertThat(upstream.executors)
        .hasSize(3)
        .doesNotContain(ForkJoinPool.commonPool())
        .containsOnly(upstream.executors.get(0));
  }
}
