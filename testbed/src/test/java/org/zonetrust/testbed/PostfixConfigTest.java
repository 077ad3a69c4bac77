package org.zonetrust.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PostfixConfigTest {
  @Test
  void routesEachDomainThroughAnMxLookupOnItsPortWithDane() {
    Map<String, Integer> routes = new LinkedHashMap<>();
    routes.put("a.test.", 2525);
    routes.put("b.test", 2626);
    String main =
        PostfixConfig.mainCf(Path.of("/tmp/pf"), Path.of("/tmp/logs/postfix-1.log"), routes);
    assertThat(main)
        .contains("transport_maps = inline:{ a.test=smtp:a.test:2525, b.test=smtp:b.test:2626 }")
        .contains("smtp_tls_security_level = dane")
        .contains("smtp_dns_support_level = dnssec")
        .contains("queue_directory = /tmp/pf/queue")
        .contains("maillog_file = /tmp/logs/postfix-1.log")
        .contains("maillog_file_prefixes = /tmp/logs")
        .contains("inet_interfaces = 127.0.0.1");
    assertThat(main).doesNotContain("[a.test]");
  }

  @Test
  void masterRunsSmtpdOnItsPortAndNothingChrooted() {
    String master = PostfixConfig.masterCf(24567);
    assertThat(master).startsWith("127.0.0.1:24567 inet n - n - - smtpd\n");
    assertThat(master.lines()).allSatisfy(l -> assertThat(l.split("\\s+")[4]).as(l).isEqualTo("n"));
  }

  @Test
  void resolvConfPassesTheAdBit() {
    assertThat(PostfixConfig.resolvConf("127.0.0.9"))
        .isEqualTo("nameserver 127.0.0.9\noptions edns0 trust-ad\n");
  }
}
