package org.zonetrust.registrar.email.internal;

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
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSSEC;
import org.xbill.DNS.DSRecord;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.zonetrust.registrar.SecureDelegation;

class DnsDsReaderTest {
  private static final Name DOMAIN = Name.fromConstantString("example.test.");
  private static final DSRecord DS =
      new DSRecord(DOMAIN, DClass.IN, 3600, 12345, 13, DNSSEC.Digest.SHA256, new byte[32]);

  /**
   * A resolver answering from memory; it fails the query if asked without an executor, which makes
   * dnsjava handle the answer on {@code ForkJoinPool.commonPool()} (a new thread per query on
   * machines with two CPUs or fewer).
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
            m.addRecord(query.getQuestion(), Section.QUESTION);
            m.addRecord(DS, Section.ANSWER);
            return m;
          },
          executor);
    }
  }

  @Test
  void answersAreNeverHandledOnTheCommonPool() throws Exception {
    RecordingResolver resolver = new RecordingResolver();
    DnsDsReader reader = new DnsDsReader(resolver, Duration.ofSeconds(5), "test resolver");
    assertThat(reader.read(DOMAIN)).isEqualTo(SecureDelegation.ofDsRecords(List.of(DS)));
    assertThat(reader.read(DOMAIN)).isEqualTo(SecureDelegation.ofDsRecords(List.of(DS)));
    assertThat(resolver.executors)
        .hasSize(2)
        .doesNotContain(ForkJoinPool.commonPool())
        .containsOnly(resolver.executors.get(0));
  }
}
