package org.zonetrust.acme;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zonetrust.core.dns.PropagationChecker;
import org.zonetrust.core.event.ZoneTrustEvent;
import org.zonetrust.testbed.Testbed;
import org.zonetrust.testbed.WithTestbed;

/** One client, one account, many threads: at most maxConcurrentOrders orders at a time. */
@WithTestbed
class ConcurrentOrdersIT {
  @TempDir Path dir;

  @Test
  void manyThreadsShareOneClient(Testbed tb) throws Exception {
    String zone = tb.createZone("many");
    String base = zone.substring(0, zone.length() - 1);
    AtomicInteger running = new AtomicInteger();
    AtomicInteger peak = new AtomicInteger();
    try (PropagationChecker checker = AcmeTestbed.checker(tb)) {
      AcmeDns01Client client =
          AcmeTestbed.client(tb, AcmeTestbed.ca(tb), checker, dir)
              .maxConcurrentOrders(3)
              .events(
                  (ZoneTrustEvent e) -> {
                    if (e.type().equals("acme.order.created")) {
                      peak.accumulateAndGet(running.incrementAndGet(), Math::max);
                    } else if (e.type().equals("acme.certificate.delivered")
                        || e.type().equals("acme.order.failed")) {
                      running.decrementAndGet();
                    }
                  })
              .build();
      ExecutorService pool = Executors.newFixedThreadPool(8);
      try {
        List<Future<IssuedCertificate>> results = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
          String name = "h" + i + "." + base;
          results.add(
              pool.submit(
                  () ->
                      client.issue(CertificateRequest.builder().names(name, "*." + name).build())));
        }
        List<String> issued = new ArrayList<>();
        for (Future<IssuedCertificate> f : results) {
          IssuedCertificate c = f.get();
          AcmeDns01ClientIT.assertIssued(c, c.names(), CertificateKeyType.EC_P256);
          issued.add(c.names().get(0));
        }
        assertThat(issued).hasSize(8).doesNotHaveDuplicates();
        assertThat(peak.get()).isBetween(1, 3);
        for (String n : issued) {
          AcmeTestbed.assertNoChallengesLeft(tb, List.of(n));
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }
}
