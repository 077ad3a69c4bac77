package org.zonetrust.dane;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;
import org.zonetrust.testbed.ExecutorCheckingResolver;

class ValidatedResolverTest {
  private static final Name NAME = Name.fromConstantString("mx.example.test.");

  /** A validating resolver's answer from memory, with AD set. */
  private static Message answer(Message query) {
    Message m = ExecutorCheckingResolver.reply(query);
    m.getHeader().setFlag(Flags.AD);
    m.addRecord(new ARecord(NAME, DClass.IN, 60, InetAddress.getLoopbackAddress()), Section.ANSWER);
    return m;
  }

  @Test
  void answersAreNeverHandledOnTheCommonPool() {
    ExecutorCheckingResolver upstream = new ExecutorCheckingResolver(ValidatedResolverTest::answer);
    ValidatedResolver resolver =
        new ValidatedResolver(upstream, false, Duration.ofSeconds(5), "test resolver");
    for (int i = 0; i < 3; i++) {
      ValidatedAnswer a = resolver.query(NAME, Type.A);
      assertThat(a.status()).isEqualTo(DnssecStatus.SECURE);
      assertThat(a.records()).hasSize(1);
    }
    assertThat(upstream.executors())
        .hasSize(3)
        .doesNotContain(ForkJoinPool.commonPool())
        .containsOnly(upstream.executors().get(0));
  }
}
