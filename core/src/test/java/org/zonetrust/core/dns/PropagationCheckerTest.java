package org.zonetrust.core.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.zonetrust.core.dns.FakeZones.name;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;
import org.zonetrust.core.event.ZoneTrustEvent;

class PropagationCheckerTest {
  private static final Name ZONE = name("example.test.");
  private static final Name NS1 = name("ns1.example.test.");
  private static final Name NS2 = name("ns2.example.test.");
  private static final Name OWNER = name("_acme-challenge.example.test.");
  private static final TXTRecord TOKEN = new TXTRecord(OWNER, DClass.IN, 60, "token");

  private final FakeZones.Zone primary = new FakeZones.Zone(ZONE);
  private final FakeZones.Zone secondary = new FakeZones.Zone(ZONE);
  private final List<ZoneTrustEvent> events = new CopyOnWriteArrayList<>();
  private FakeDnsServer primaryServer;
  private FakeDnsServer secondaryServer;
  private FakeDnsServer recursiveServer;
  private FakeZones.Recursive recursive;
  private PropagationChecker checker;

  @BeforeEach
  void start() throws Exception {
    primaryServer = new FakeDnsServer(primary);
    secondaryServer = new FakeDnsServer(secondary);
    Map<Name, List<InetAddress>> ns = new LinkedHashMap<>();
    ns.put(NS1, List.of(InetAddress.getLoopbackAddress()));
    ns.put(NS2, List.of(InetAddress.getLoopbackAddress()));
    recursive = new FakeZones.Recursive(ZONE, ns);
    recursiveServer = new FakeDnsServer(recursive);
    checker = checker(Duration.ofSeconds(5));
  }

  private PropagationChecker checker(Duration timeout) {
    return checker(timeout, Duration.ofMillis(500));
  }

  private PropagationChecker checker(Duration timeout, Duration queryTimeout) {
    SimpleResolver resolver = new SimpleResolver(recursiveServer.address());
    resolver.setTimeout(Duration.ofSeconds(2));
    return PropagationChecker.builder()
        .resolver(resolver)
        .port(
            (nsName, address) ->
                nsName.equals(NS1)
                    ? primaryServer.address().getPort()
                    : secondaryServer.address().getPort())
        .queryTimeout(queryTimeout)
        .backoff(Duration.ofMillis(20), Duration.ofMillis(80))
        .timeout(timeout)
        .eventListener(events::add)
        .build();
  }

  @AfterEach
  void stop() {
    checker.close();
    primaryServer.close();
    secondaryServer.close();
    recursiveServer.close();
  }

  private static <T> T get(java.util.concurrent.CompletionStage<T> stage) throws Exception {
    return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void completesWhenEveryServerServesTheRecord() throws Exception {
    primary.records.add(TOKEN);
    secondary.records.add(TOKEN);
    primary.serial = 7;
    secondary.serial = 7;
    PropagationResult r = get(checker.await(OWNER, Type.TXT, Expectation.contains(TOKEN)));
    assertThat(r.zone()).isEqualTo(ZONE);
    assertThat(r.checkedName()).isEqualTo(OWNER);
    assertThat(r.rounds()).isEqualTo(1);
    assertThat(r.servers())
        .extracting(ServerStatus::nameServer, ServerStatus::confirmed, ServerStatus::soaSerial)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(NS1, true, OptionalLong.of(7)),
            org.assertj.core.groups.Tuple.tuple(NS2, true, OptionalLong.of(7)));
    assertThat(r.servers().get(0).lastAnswer()).isEqualTo("NOERROR \"token\"");
    assertThat(r.report()).contains("ns1.example.test. 127.0.0.1:", "confirmed");
    assertThat(events).extracting(ZoneTrustEvent::type).containsExactly("dns.propagation.complete");
  }

  @Test
  void waitsForTheLaggingServerWithoutReaskingConfirmedOnes() throws Exception {
    primary.records.add(TOKEN);
    CompletableFuture<PropagationResult> f =
        checker.await(OWNER, Type.TXT, Expectation.contains(TOKEN)).toCompletableFuture();
    // two rounds have asked the lagging secondary, and the check still waits
    awaitAtLeast(() -> secondary.queries("TXT", OWNER), 2);
    assertThat(f).isNotDone();
    // The probe asks SOA then TXT: add the record only once a probe has started after the
    // serial change, so no probe can pair the old serial with the new record.
    secondary.serial = 2;
    int soaQueries = secondary.queries("SOA", ZONE);
    awaitAtLeast(() -> secondary.queries("SOA", ZONE), soaQueries + 1);
    secondary.records.add(TOKEN);
    PropagationResult r = f.get(15, TimeUnit.SECONDS);
    assertThat(r.rounds()).isGreaterThan(1);
    assertThat(primary.queries("TXT", OWNER)).isEqualTo(1);
    assertThat(secondary.queries("TXT", OWNER)).isEqualTo(r.rounds());
    assertThat(r.servers().get(1).soaSerial()).hasValue(2);
  }

  @Test
  void timesOutWithAReportOfEveryServer() throws Exception {
    checker.close();
    // Long enough for the primary to answer on a loaded machine; the secondary never will.
    checker = checker(Duration.ofSeconds(5));
    primary.records.add(TOKEN);
    primary.serial = 5;
    secondary.serial = 4;
    CompletableFuture<PropagationResult> f =
        checker.await(OWNER, Type.TXT, Expectation.contains(TOKEN)).toCompletableFuture();
    assertThatThrownBy(() -> f.get(20, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(PropagationTimeoutException.class)
        .hasMessageContaining("1 of 2 confirmed")
        .hasMessageContaining(
            "ns1.example.test. 127.0.0.1:"
                + primaryServer.address().getPort()
                + " serial 5 confirmed: NOERROR \"token\"")
        .hasMessageContaining(
            "ns2.example.test. 127.0.0.1:"
                + secondaryServer.address().getPort()
                + " serial 4 pending: NXDOMAIN");
    PropagationTimeoutException e = (PropagationTimeoutException) f.handle((r, t) -> t).join();
    assertThat(e.servers()).hasSize(2);
    assertThat(e.zone()).contains(ZONE);
    assertThat(events).extracting(ZoneTrustEvent::type).containsExactly("dns.propagation.timeout");
  }

  @Test
  void aProbeTheDeadlineEndsKeepsTheServersLastAnswer() throws Exception {
    checker.close();
    // the per-query timeout is longer than the whole wait: the deadline ends the silent probe
    checker = checker(Duration.ofSeconds(2), Duration.ofSeconds(30));
    primary.records.add(TOKEN);
    secondary.serial = 4;
    CompletableFuture<PropagationResult> f =
        checker.await(OWNER, Type.TXT, Expectation.contains(TOKEN)).toCompletableFuture();
    awaitAtLeast(() -> secondary.queries("TXT", OWNER), 1);
    secondary.silent = true;
    assertThatThrownBy(() -> f.get(20, TimeUnit.SECONDS))
        .cause()
        .isInstanceOf(PropagationTimeoutException.class)
        .hasMessageEndingWith(
            "ns2.example.test. 127.0.0.1:"
                + secondaryServer.address().getPort()
                + " serial 4 pending: NXDOMAIN");
    assertThat(secondary.queries("SOA", ZONE)).isGreaterThan(1);
  }

  @Test
  void silentServerIsReportedWithItsError() throws Exception {
    checker.close();
    checker = checker(Duration.ofSeconds(5));
    secondaryServer.close();
    primary.records.add(TOKEN);
    CompletableFuture<PropagationResult> f =
        checker.await(OWNER, Type.TXT, Expectation.contains(TOKEN)).toCompletableFuture();
    assertThatThrownBy(() -> f.get(15, TimeUnit.SECONDS))
        .cause()
        .isInstanceOf(PropagationTimeoutException.class)
        .hasMessageContaining("serial unknown pending: error:");
  }

  @Test
  void followsCnamesToTheTargetZone() throws Exception {
    Name alias = name("_acme-challenge.customer.example.");
    recursive.cnames.put(alias, OWNER);
    primary.records.add(TOKEN);
    secondary.records.add(TOKEN);
    PropagationResult r = get(checker.await(alias, Type.TXT, Expectation.contains(TOKEN)));
    assertThat(r.name()).isEqualTo(alias);
    assertThat(r.checkedName()).isEqualTo(OWNER);
    assertThat(r.zone()).isEqualTo(ZONE);
  }

  @Test
  void dsIsCheckedAtTheParentZone() throws Exception {
    Name child = name("child.example.test.");
    recursive.childZones.add(child);
    org.xbill.DNS.DSRecord ds =
        new org.xbill.DNS.DSRecord(child, DClass.IN, 60, 12345, 13, 2, new byte[32]);
    primary.records.add(ds);
    secondary.records.add(ds);
    PropagationResult r = get(checker.await(child, Type.DS, Expectation.contains(ds)));
    assertThat(r.zone()).isEqualTo(ZONE);
    assertThat(r.servers()).allMatch(ServerStatus::confirmed);
  }

  @Test
  void absentIsNxdomainOrNodata() throws Exception {
    primary.records.add(new TXTRecord(name("other.example.test."), DClass.IN, 60, "x"));
    secondary.records.add(
        new org.xbill.DNS.ARecord(OWNER, DClass.IN, 60, InetAddress.getByName("192.0.2.1")));
    PropagationResult r = get(checker.await(OWNER, Type.TXT, Expectation.absent()));
    assertThat(r.servers())
        .extracting(ServerStatus::lastAnswer)
        .containsExactly("NXDOMAIN", "NOERROR NODATA");
  }

  @Test
  void exactlyRejectsASuperset() throws Exception {
    checker.close();
    checker = checker(Duration.ofSeconds(5));
    TXTRecord extra = new TXTRecord(OWNER, DClass.IN, 60, "old");
    primary.records.addAll(List.of(TOKEN, extra));
    secondary.records.add(TOKEN);
    CompletableFuture<PropagationResult> f =
        checker.await(OWNER, Type.TXT, Expectation.exactly(List.of(TOKEN))).toCompletableFuture();
    assertThatThrownBy(() -> f.get(15, TimeUnit.SECONDS))
        .cause()
        .hasMessageContaining("ns1.example.test.")
        .hasMessageContaining("1 of 2 confirmed");
  }

  @Test
  void nonAuthoritativeAnswerDoesNotConfirm() throws Exception {
    checker.close();
    // long enough that a loaded machine still gets an answer from the secondary before the end
    checker = checker(Duration.ofSeconds(5));
    primary.records.add(TOKEN);
    secondary.records.add(TOKEN);
    secondary.authoritative = false;
    CompletableFuture<PropagationResult> f =
        checker.await(OWNER, Type.TXT, Expectation.contains(TOKEN)).toCompletableFuture();
    assertThatThrownBy(() -> f.get(15, TimeUnit.SECONDS))
        .cause()
        .hasMessageContaining("not authoritative");
  }

  @Test
  void runsOnTheCallersExecutor() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    AtomicInteger tasks = new AtomicInteger();
    Executor counting =
        task -> {
          tasks.incrementAndGet();
          pool.execute(task);
        };
    try {
      checker.close();
      checker =
          PropagationChecker.builder()
              .resolver(new SimpleResolver(recursiveServer.address()))
              .port((n, a) -> n.equals(NS1) ? primaryServer.address().getPort() : 1)
              .executor(counting)
              .build();
      recursive.nameServers.remove(NS2);
      primary.records.add(TOKEN);
      assertThat(get(checker.await(OWNER, Type.TXT, Expectation.contains(TOKEN))).servers())
          .hasSize(1);
      // at least the first round and the probe of the one server
      assertThat(tasks).hasValueGreaterThanOrEqualTo(2);
    } finally {
      pool.shutdownNow();
    }
  }

  /** Waits until {@code server} has received a query, so that a probe is in flight. */
  private static void awaitQuery(FakeDnsServer server) throws InterruptedException {
    awaitAtLeast(() -> server.received().size(), 1);
  }

  /** Polls {@code count} (for at most 5 s) until it reaches {@code n}. */
  private static void awaitAtLeast(IntSupplier count, int n) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (count.getAsInt() < n && System.nanoTime() < end) {
      Thread.sleep(5);
    }
    assertThat(count.getAsInt()).isGreaterThanOrEqualTo(n);
  }

  @RepeatedTest(20) // close() used to race with the interrupted probe
  void closeFailsPendingChecks() throws Exception {
    primaryServer.close();
    primaryServer = new FakeDnsServer((m, w, tcp) -> null); // never answers
    checker.close();
    checker = checker(Duration.ofSeconds(30), Duration.ofSeconds(10));
    CompletableFuture<PropagationResult> f =
        checker.await(OWNER, Type.TXT, Expectation.contains(TOKEN)).toCompletableFuture();
    awaitQuery(primaryServer);
    checker.close();
    assertThatThrownBy(() -> f.get(15, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isExactlyInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void interruptedProbeFailsWithTheDocumentedExceptionNotAnInternalOne() throws Exception {
    primaryServer.close();
    primaryServer = new FakeDnsServer((m, w, tcp) -> null); // never answers
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      checker.close();
      checker =
          PropagationChecker.builder()
              .resolver(new SimpleResolver(recursiveServer.address()))
              .port((n, a) -> primaryServer.address().getPort())
              .queryTimeout(Duration.ofSeconds(10))
              .timeout(Duration.ofSeconds(30))
              .executor(pool)
              .build();
      CompletableFuture<PropagationResult> f =
          checker.await(OWNER, Type.TXT, Expectation.contains(TOKEN)).toCompletableFuture();
      awaitQuery(primaryServer);
      pool.shutdownNow(); // interrupts the probes
      assertThatThrownBy(() -> f.get(15, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .cause()
          .isExactlyInstanceOf(IllegalStateException.class)
          .hasMessageContaining("interrupted");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void truncatedUdpAnswerOfAProbeIsRetriedOverTcp() throws Exception {
    primary.records.add(TOKEN);
    secondary.records.add(TOKEN);
    primaryServer.close();
    primaryServer =
        new FakeDnsServer(
            (m, w, tcp) -> {
              if (tcp) {
                return primary.handle(m, w, true);
              }
              Message r = FakeDnsServer.reply(m, Rcode.NOERROR);
              r.getHeader().setFlag(Flags.AA);
              r.getHeader().setFlag(Flags.TC);
              return r.toWire();
            });
    PropagationResult r = get(checker.await(OWNER, Type.TXT, Expectation.contains(TOKEN)));
    assertThat(r.servers()).allMatch(ServerStatus::confirmed);
    assertThat(r.servers().get(0).lastAnswer()).isEqualTo("NOERROR \"token\"");
    assertThat(primaryServer.received())
        .extracting(FakeDnsServer.Received::tcp)
        .containsExactly(false, true, false, true);
  }

  @Test
  void serverThatNeverAnswersIsReportedAndTheOverallTimeoutIsAHardLimit() throws Exception {
    primary.records.add(TOKEN);
    try (DatagramSocket silent =
        new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      Thread reader =
          new Thread(
              () -> {
                byte[] buf = new byte[65535];
                while (!silent.isClosed()) {
                  try {
                    silent.receive(new DatagramPacket(buf, buf.length)); // and ignore it
                  } catch (IOException e) {
                    return;
                  }
                }
              });
      reader.setDaemon(true);
      reader.start();
      checker.close();
      Duration timeout = Duration.ofMillis(1500);
      checker =
          PropagationChecker.builder()
              .resolver(new SimpleResolver(recursiveServer.address()))
              .port(
                  (n, a) ->
                      n.equals(NS1) ? primaryServer.address().getPort() : silent.getLocalPort())
              .queryTimeout(Duration.ofSeconds(3))
              .backoff(Duration.ofMillis(20), Duration.ofMillis(80))
              .timeout(timeout)
              .build();
      long start = System.nanoTime();
      CompletableFuture<PropagationResult> f =
          checker.await(OWNER, Type.TXT, Expectation.contains(TOKEN)).toCompletableFuture();
      assertThatThrownBy(() -> f.get(10, TimeUnit.SECONDS))
          .cause()
          .isInstanceOf(PropagationTimeoutException.class)
          .hasMessageContaining("1 of 2 confirmed")
          .hasMessageContaining(
              "ns2.example.test. 127.0.0.1:"
                  + silent.getLocalPort()
                  + " serial unknown pending: error: no answer from 127.0.0.1:"
                  + silent.getLocalPort()
                  + " over UDP within");
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertThat(took).isLessThan(timeout.plusMillis(1000));
    }
  }

  @Test
  void nameServerWithoutAddressIsReportedAndTheOthersAreProbed() throws Exception {
    checker.close();
    checker = checker(Duration.ofSeconds(5));
    recursive.servfail.add(NS2);
    primary.records.add(TOKEN);
    secondary.records.add(TOKEN);
    CompletableFuture<PropagationResult> f =
        checker.await(OWNER, Type.TXT, Expectation.contains(TOKEN)).toCompletableFuture();
    assertThatThrownBy(() -> f.get(15, TimeUnit.SECONDS))
        .cause()
        .isInstanceOf(PropagationTimeoutException.class)
        .hasMessageContaining("1 of 2 confirmed")
        .hasMessageContaining("ns1.example.test. 127.0.0.1:")
        .hasMessageContaining("ns2.example.test. (no address) serial unknown pending: error:")
        .hasMessageContaining("SERVFAIL");
    PropagationTimeoutException e = (PropagationTimeoutException) f.handle((r, t) -> t).join();
    assertThat(e.servers()).extracting(ServerStatus::confirmed).containsExactly(true, false);
    assertThat(e.servers().get(1).address().isUnresolved()).isTrue();
    assertThat(primary.queries("TXT", OWNER)).isEqualTo(1);
  }

  @Test
  void nameServerWhoseAddressAppearsLaterIsProbedThen() throws Exception {
    recursive.servfail.add(NS2);
    primary.records.add(TOKEN);
    secondary.records.add(TOKEN);
    CompletableFuture<PropagationResult> f =
        checker.await(OWNER, Type.TXT, Expectation.contains(TOKEN)).toCompletableFuture();
    // the failing address lookup of ns2 has been retried in a later round
    awaitAtLeast(
        () ->
            (int)
                recursiveServer.received().stream()
                    .filter(q -> q.message().getQuestion().getName().equals(NS2))
                    .count(),
        3);
    assertThat(f).isNotDone();
    recursive.servfail.remove(NS2);
    PropagationResult r = f.get(15, TimeUnit.SECONDS);
    assertThat(r.servers())
        .extracting(ServerStatus::nameServer, ServerStatus::confirmed)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(NS1, true),
            org.assertj.core.groups.Tuple.tuple(NS2, true));
    assertThat(r.servers().get(1).address().getPort())
        .isEqualTo(secondaryServer.address().getPort());
  }

  @Test
  void awaitValidatesItsArguments() {
    assertThatThrownBy(() -> checker.await(OWNER, Type.A, Expectation.contains(TOKEN)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("type TXT but type A is checked");
    assertThatThrownBy(
            () -> checker.await(Name.fromConstantString("rel"), Type.TXT, Expectation.absent()))
        .hasMessageContaining("absolute");
    assertThatThrownBy(() -> Expectation.exactly(List.of())).hasMessageContaining("use absent()");
  }

  @Test
  void builderValidationSaysWhatToDo() {
    assertThatThrownBy(
            () ->
                PropagationChecker.builder()
                    .backoff(Duration.ofSeconds(2), Duration.ofSeconds(1))
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("max backoff PT1S is shorter than the initial backoff PT2S");
    assertThatThrownBy(() -> PropagationChecker.builder().timeout(Duration.ZERO).build())
        .hasMessageContaining("timeout must be positive");
    assertThatThrownBy(() -> PropagationChecker.builder().queryTimeout(null).build())
        .hasMessageContaining("queryTimeout must be positive");
    assertThatThrownBy(() -> PropagationChecker.builder().port(null).build())
        .hasMessageContaining("port must not be null");
  }
}
