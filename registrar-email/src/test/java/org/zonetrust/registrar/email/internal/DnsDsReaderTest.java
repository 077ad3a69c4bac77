package org.zonetrust.registrar.email.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSSEC;
import org.xbill.DNS.DSRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Section;
import org.zonetrust.registrar.SecureDelegation;
import org.zonetrust.testbed.ExecutorCheckingResolver;

class DnsDsReaderTest {
  private static final Name DOMAIN = Name.fromConstantString("example.test.");
  private static final DSRecord DS =
      new DSRecord(DOMAIN, DClass.IN, 3600, 12345, 13, DNSSEC.Digest.SHA256, new byte[32]);

  private static Message answer(Message query) {
    Message m = ExecutorCheckingResolver.reply(query);
    m.addRecord(DS, Section.ANSWER);
    return m;
  }

  @Test
  void answersAreNeverHandledOnTheCommonPool() throws Exception {
    ExecutorCheckingResolver resolver = new ExecutorCheckingResolver(DnsDsReaderTest::answer);
    DnsDsReader reader = new DnsDsReader(resolver, Duration.ofSeconds(5), "test resolver");
    assertThat(reader.read(DOMAIN)).isEqualTo(SecureDelegation.ofDsRecords(List.of(DS)));
    assertThat(reader.read(DOMAIN)).isEqualTo(SecureDelegation.ofDsRecords(List.of(DS)));
    assertThat(resolver.executors())
        .hasSize(2)
        .doesNotContain(ForkJoinPool.commonPool())
        .containsOnly(resolver.executors().get(0));
  }
}
