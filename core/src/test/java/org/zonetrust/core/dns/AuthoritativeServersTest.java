package org.zonetrust.core.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.zonetrust.core.dns.FakeZones.name;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

class AuthoritativeServersTest {
  private static final Name ZONE = name("example.test.");
  private static final Name NS1 = name("ns1.example.test.");
  private static final Name NS2 = name("ns2.example.test.");
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  private FakeZones.Recursive recursive;
  private FakeDnsServer recursiveServer;
  private AuthoritativeServers servers;

  @BeforeEach
  void start() throws Exception {
    Map<Name, List<InetAddress>> ns = new LinkedHashMap<>();
    ns.put(NS1, List.of(LOOPBACK));
    ns.put(NS2, List.of(LOOPBACK));
    recursive = new FakeZones.Recursive(ZONE, ns);
    recursiveServer = new FakeDnsServer(recursive);
    SimpleResolver resolver = new SimpleResolver(recursiveServer.address());
    resolver.setTimeout(Duration.ofSeconds(2));
    servers = new AuthoritativeServers(resolver, (n, a) -> n.equals(NS1) ? 5301 : 5302);
  }

  @AfterEach
  void stop() {
    recursiveServer.close();
  }

  @Test
  void locatesTheZoneAndEveryAddressOfEveryNameServer() throws Exception {
    Name owner = name("_acme-challenge.example.test.");
    AuthoritativeServers.Zone z = servers.locate(owner, Type.TXT);
    assertThat(z.name()).isEqualTo(owner);
    assertThat(z.zone()).isEqualTo(ZONE);
    assertThat(z.servers())
        .containsExactly(
            new AuthoritativeServers.Server(NS1, new InetSocketAddress(LOOPBACK, 5301), null),
            new AuthoritativeServers.Server(NS2, new InetSocketAddress(LOOPBACK, 5302), null));
    assertThat(z.servers()).allMatch(AuthoritativeServers.Server::reachable);
  }

  @Test
  void followsCnames() throws Exception {
    Name alias = name("_acme-challenge.customer.example.");
    Name owner = name("_acme-challenge.example.test.");
    recursive.cnames.put(alias, owner);
    AuthoritativeServers.Zone z = servers.locate(alias, Type.TXT);
    assertThat(z.name()).isEqualTo(owner);
    assertThat(z.zone()).isEqualTo(ZONE);
  }

  @Test
  void dsAtAZoneApexIsServedByTheParent() throws Exception {
    Name child = name("child.example.test.");
    recursive.childZones.add(child);
    // The fake resolver serves no NS RRset for the child: other types stop at the child's cut.
    assertThatThrownBy(() -> servers.locate(child, Type.SOA))
        .hasMessageContaining("no NS records for zone child.example.test.");
    assertThat(servers.locate(child, Type.DS).zone()).isEqualTo(ZONE);
  }

  @Test
  void parentOfFindsTheParentWhetherOrNotTheChildIsDelegated() throws Exception {
    Name child = name("child.example.test.");
    AuthoritativeServers.Zone undelegated = servers.parentOf(child);
    recursive.childZones.add(child);
    AuthoritativeServers.Zone delegated = servers.parentOf(child);
    assertThat(List.of(undelegated, delegated))
        .allSatisfy(
            z -> {
              assertThat(z.name()).isEqualTo(child);
              assertThat(z.zone()).isEqualTo(ZONE);
              assertThat(z.servers()).hasSize(2);
            });
  }

  @Test
  void theRootHasNoParent() {
    assertThatThrownBy(() -> servers.parentOf(Name.root))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("root");
  }

  @Test
  void nameServerWithoutAddressIsOneUnreachableServer() throws Exception {
    Name broken = name("ns3.example.test.");
    recursive.servfail.add(broken);
    List<AuthoritativeServers.Server> found = servers.addressesOf(broken);
    assertThat(found).hasSize(1);
    assertThat(found.get(0).reachable()).isFalse();
    assertThat(found.get(0).address().isUnresolved()).isTrue();
    assertThat(found.get(0).problem()).contains("ns3.example.test.", "SERVFAIL");
    assertThat(servers.addressesOf(name("nowhere.example.test.")).get(0).problem())
        .contains("no A or AAAA record");
  }

  @Test
  void duplicateAddressesAreListedOnce() throws Exception {
    SimpleResolver resolver = new SimpleResolver(recursiveServer.address());
    AuthoritativeServers shared = new AuthoritativeServers(resolver, (n, a) -> 53);
    assertThat(shared.locate(ZONE, Type.SOA).servers())
        .containsExactly(
            new AuthoritativeServers.Server(NS1, new InetSocketAddress(LOOPBACK, 53), null));
  }

  @Test
  void lookupsDoNotStartAThreadPerQuery() throws Exception {
    Name owner = name("_acme-challenge.example.test.");
    // Warm up: dnsjava's selector thread and the lookup's answer thread start here.
    servers.locate(owner, Type.TXT);
    int queriesBefore = recursiveServer.packets();
    long createdBefore = threadsCreated();
    for (int i = 0; i < 50; i++) {
      servers.locate(owner, Type.TXT);
    }
    long created = threadsCreated() - createdBefore - 1;
    assertThat(recursiveServer.packets() - queriesBefore).isGreaterThanOrEqualTo(200);
    // dnsjava's Resolver.send uses ForkJoinPool.commonPool(), which on machines with two CPUs or
    // fewer started one thread per query (over 200 here).
    assertThat(created).isLessThanOrEqualTo(3);
  }

  /**
   * How many threads this JVM has created so far: thread ids are handed out in creation order, and
   * the probe thread (never started) takes the next one.
   */
  @SuppressWarnings("deprecation") // Thread.getId(), deprecated only from Java 19
  private static long threadsCreated() {
    return new Thread(() -> {}).getId();
  }

  @Test
  void answersAreNeverHandledOnTheCommonPool() throws Exception {
    List<Executor> executors = new CopyOnWriteArrayList<>();
    SimpleResolver resolver =
        new SimpleResolver(recursiveServer.address()) {
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
            return super.sendAsync(query, executor);
          }
        };
    AuthoritativeServers.Zone z =
        new AuthoritativeServers(resolver, (n, a) -> 53)
            .locate(name("_acme-challenge.example.test."), Type.TXT);
    assertThat(z.zone()).isEqualTo(ZONE);
    assertThat(executors).hasSizeGreaterThanOrEqualTo(4).doesNotContain(ForkJoinPool.commonPool());
  }
}
