package org.zonetrust.registrar;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;
import org.zonetrust.registrar.internal.observer.DsProbe;

/**
 * {@link DsProbe} makes a resolver per server, so no recording resolver can be injected; this
 * counts the threads started instead. dnsjava's {@code Resolver.send} handles each answer on {@code
 * ForkJoinPool.commonPool()}, which on machines with two CPUs or fewer starts a thread per query.
 */
class DsProbeThreadsTest {
  private static final Name NS1 = Name.fromConstantString("ns1.example.");
  private static final Name CHILD = Name.fromConstantString("child.example.");

  @Test
  void askingDoesNotStartAThreadPerQuery() throws Exception {
    try (FakeAuthServer server = new FakeAuthServer()) {
      InetSocketAddress address =
          new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port());
      DsProbe probe = new DsProbe(Duration.ofSeconds(5));
      // Warm up: dnsjava's selector thread and the probe's answer thread start here.
      assertThat(probe.ask(NS1, address, CHILD).kind()).isEqualTo(ServerAnswer.Kind.NODATA);
      long createdBefore = threadsCreated();
      for (int i = 0; i < 50; i++) {
        // Each NODATA is an answer from the server: 50 queries went out.
        assertThat(probe.ask(NS1, address, CHILD).kind()).isEqualTo(ServerAnswer.Kind.NODATA);
      }
      long created = threadsCreated() - createdBefore - 1;
      assertThat(created).isLessThanOrEqualTo(3);
    }
  }

  /**
   * How many threads this JVM has created so far: thread ids are handed out in creation order, and
   * the probe thread (never started) takes the next one.
   */
  @SuppressWarnings("deprecation") // Thread.getId(), deprecated only from Java 19
  private static long threadsCreated() {
    return new Thread(() -> {}).getId();
  }
}
