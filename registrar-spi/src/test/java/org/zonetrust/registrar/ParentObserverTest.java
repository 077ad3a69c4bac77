package org.zonetrust.registrar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

class ParentObserverTest {
  private static final Name PARENT = Name.fromConstantString("example.");
  private static final Name CHILD = Name.fromConstantString("shop.example.");
  private static final Name NS1 = Name.fromConstantString("ns1.example.");
  private static final Name NS2 = Name.fromConstantString("ns2.example.");

  static Resolver resolver() throws Exception {
    // Only sendAsync with an executor answers: the locator must never send through dnsjava's
    // common-pool paths (send, sendAsync without an executor).
    Resolver r = mock(Resolver.class);
    when(r.getTimeout()).thenReturn(Duration.ofSeconds(5));
    when(r.sendAsync(any(), any(Executor.class)))
        .thenAnswer(
            inv -> {
              Message q = inv.getArgument(0);
              Message a = new Message(q.getHeader().getID());
              a.getHeader().setFlag(Flags.QR);
              a.addRecord(q.getQuestion(), Section.QUESTION);
              Name name = q.getQuestion().getName();
              int type = q.getQuestion().getType();
              if (type == Type.SOA && name.equals(PARENT)) {
                a.addRecord(
                    new SOARecord(PARENT, DClass.IN, 60, NS1, NS1, 1, 60, 60, 60, 60),
                    Section.ANSWER);
              } else if (type == Type.NS && name.equals(PARENT)) {
                a.addRecord(new NSRecord(PARENT, DClass.IN, 60, NS1), Section.ANSWER);
                a.addRecord(new NSRecord(PARENT, DClass.IN, 60, NS2), Section.ANSWER);
              } else if (type == Type.A) {
                a.addRecord(
                    new ARecord(name, DClass.IN, 60, InetAddress.getLoopbackAddress()),
                    Section.ANSWER);
              }
              return CompletableFuture.completedFuture(a);
            });
    return r;
  }

  @Test
  void aLaggingServerKeepsAwaitWaitingUntilItServesTheNewSet() throws Exception {
    SecureDelegation old =
        SecureDelegation.fromDnskeys(CHILD, List.of(TestKeys.ksk(CHILD, 1)), Set.of(2));
    SecureDelegation next =
        SecureDelegation.fromDnskeys(CHILD, List.of(TestKeys.ksk(CHILD, 2)), Set.of(2));
    try (FakeAuthServer fresh = new FakeAuthServer();
        FakeAuthServer lagging = new FakeAuthServer();
        ParentObserver observer =
            ParentObserver.builder()
                .resolver(resolver())
                .port((ns, a) -> ns.equals(NS1) ? fresh.port() : lagging.port())
                .backoff(Duration.ofMillis(20), Duration.ofMillis(50))
                .queryTimeout(Duration.ofSeconds(1))
                .build()) {
      fresh.serve(next.dsRecords(CHILD, 60));
      lagging.serve(old.dsRecords(CHILD, 60));

      ParentObservation now = observer.observe(CHILD);
      assertThat(now.parentZone()).isEqualTo(PARENT);
      assertThat(now.servers()).hasSize(2);
      assertThat(now.servers().get(0).delegation()).isEqualTo(next.dsOnly());
      assertThat(now.servers().get(1).delegation()).isEqualTo(old.dsOnly());
      assertThat(now.agreed()).isEmpty();

      assertThatThrownBy(() -> observer.await(CHILD, next, Duration.ofMillis(300)))
          .isInstanceOfSatisfying(
              RegistrarException.class,
              e -> assertThat(e.reason()).isEqualTo(RegistrarException.Reason.TIMEOUT))
          .hasMessageContaining("ns1.example. 127.0.0.1 port " + fresh.port() + ": DS")
          .hasMessageContaining("ns2.example. 127.0.0.1 port " + lagging.port() + ": DS")
          .hasMessageContaining(old.ds().iterator().next().toString());

      int before = lagging.queries();
      CompletableFuture<ParentObservation> waiting =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return observer.await(CHILD, next, Duration.ofSeconds(20));
                } catch (RegistrarException e) {
                  throw new IllegalStateException(e);
                }
              });
      while (lagging.queries() < before + 3) {
        assertThat(waiting).isNotDone();
        Thread.onSpinWait();
      }
      assertThat(waiting).isNotDone();
      int freshBefore = fresh.queries();
      lagging.serve(next.dsRecords(CHILD, 60));
      ParentObservation done = waiting.get(20, TimeUnit.SECONDS);
      assertThat(done.allServe(next)).isTrue();
      assertThat(done.agreed()).contains(next.dsOnly());
      // the fresh server was confirmed in the first round and not asked again
      assertThat(fresh.queries()).isEqualTo(freshBefore);
    }
  }

  @Test
  void insecureIsNoDsAndErrorsAreReported() throws Exception {
    try (FakeAuthServer one = new FakeAuthServer();
        ParentObserver observer =
            ParentObserver.builder()
                .resolver(resolver())
                .port((ns, a) -> ns.equals(NS1) ? one.port() : 1)
                .queryTimeout(Duration.ofMillis(300))
                .build()) {
      ParentObservation seen = observer.observe(CHILD);
      assertThat(seen.servers().get(0).kind()).isEqualTo(ServerAnswer.Kind.NODATA);
      assertThat(seen.servers().get(0).serves(SecureDelegation.insecure())).isTrue();
      assertThat(seen.servers().get(1).kind()).isEqualTo(ServerAnswer.Kind.ERROR);
      assertThat(seen.allServe(SecureDelegation.insecure())).isFalse();
      assertThat(seen.agreed()).isEmpty();
    }
  }
}
