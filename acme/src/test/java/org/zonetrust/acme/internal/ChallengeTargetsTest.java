package org.zonetrust.acme.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
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
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

class ChallengeTargetsTest {
  private static final Name ZONE = Name.fromConstantString("example.test.");
  private static final Name NS1 = Name.fromConstantString("ns1.example.test.");

  /**
   * A resolver answering from memory for one zone; it fails the lookup if asked without an
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
      return CompletableFuture.supplyAsync(() -> answer(query), executor);
    }

    private static Message answer(Message query) {
      Record q = query.getQuestion();
      Message m = new Message(query.getHeader().getID());
      m.getHeader().setFlag(Flags.QR);
      m.addRecord(q, Section.QUESTION);
      if (q.getType() == Type.NS && q.getName().equals(ZONE)) {
        m.addRecord(new NSRecord(ZONE, DClass.IN, 60, NS1), Section.ANSWER);
      } else if (q.getType() == Type.A && q.getName().equals(NS1)) {
        m.addRecord(
            new ARecord(NS1, DClass.IN, 60, InetAddress.getLoopbackAddress()), Section.ANSWER);
      } else if (q.getType() == Type.SOA) {
        m.addRecord(
            new SOARecord(ZONE, DClass.IN, 60, NS1, NS1, 1, 3600, 600, 86400, 60),
            Section.AUTHORITY);
      }
      return m;
    }
  }

  @Test
  void answersAreNeverHandledOnTheCommonPool() throws Exception {
    RecordingResolver resolver = new RecordingResolver();
    ChallengeTargets targets = new ChallengeTargets(resolver, Map.of());
    Name challenge = Name.fromConstantString("_acme-challenge.www.example.test.");
    ChallengeTargets.Target t =
        targets.resolve(Name.fromConstantString("www.example.test."), challenge);
    assertThat(t).isEqualTo(new ChallengeTargets.Target(challenge, challenge, ZONE, "direct"));
    // CNAME, SOA, NS, A and AAAA: every query went through an executor the lookup owns.
    assertThat(resolver.executors)
        .hasSizeGreaterThanOrEqualTo(5)
        .doesNotContain(ForkJoinPool.commonPool());
  }
}
