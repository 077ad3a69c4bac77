package org.zonetrust.acme.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;
import org.zonetrust.testbed.ExecutorCheckingResolver;

class ChallengeTargetsTest {
  private static final Name ZONE = Name.fromConstantString("example.test.");
  private static final Name NS1 = Name.fromConstantString("ns1.example.test.");

  private static Message answer(Message query) {
    Record q = query.getQuestion();
    Message m = ExecutorCheckingResolver.reply(query);
    if (q.getType() == Type.NS && q.getName().equals(ZONE)) {
      m.addRecord(new NSRecord(ZONE, DClass.IN, 60, NS1), Section.ANSWER);
    } else if (q.getType() == Type.A && q.getName().equals(NS1)) {
      m.addRecord(
          new ARecord(NS1, DClass.IN, 60, InetAddress.getLoopbackAddress()), Section.ANSWER);
    } else if (q.getType() == Type.SOA) {
      m.addRecord(
          new SOARecord(ZONE, DClass.IN, 60, NS1, NS1, 1, 3600, 600, 86400, 60), Section.AUTHORITY);
    }
    return m;
  }

  @Test
  void answersAreNeverHandledOnTheCommonPool() throws Exception {
    ExecutorCheckingResolver resolver = new ExecutorCheckingResolver(ChallengeTargetsTest::answer);
    ChallengeTargets targets = new ChallengeTargets(resolver, Map.of());
    Name challenge = Name.fromConstantString("_acme-challenge.www.example.test.");
    ChallengeTargets.Target t =
        targets.resolve(Name.fromConstantString("www.example.test."), challenge);
    assertThat(t).isEqualTo(new ChallengeTargets.Target(challenge, challenge, ZONE, "direct"));
    // CNAME, SOA, NS, A and AAAA: every query went through an executor the lookup owns.
    assertThat(resolver.executors())
        .hasSizeGreaterThanOrEqualTo(5)
        .doesNotContain(ForkJoinPool.commonPool());
  }
}
