package org.zonetrust.testbed;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.DNSKEYRecord;

/** Starts the servers in order (BIND, then Knot, Unbound and Pebble in parallel) and stops them. */
final class Servers {
  static final String TSIG_NAME = "zonetrust-test-key.";

  /** Generous: the build machines are shared and busy. */
  static final Duration TIMEOUT = Duration.ofSeconds(30);

  private static final int PORT_ATTEMPTS = 5;
  static final String KEEP_PROPERTY = "zonetrust.testbed.keep";

  private final Path root;
  private final TsigKey tsig;
  private final List<ServerProcess> started = new ArrayList<>();

  /** Servers started on demand (Postfix), closed before the others. */
  private final Set<AutoCloseable> onDemand = ConcurrentHashMap.newKeySet();

  private final AtomicInteger extraPebbles = new AtomicInteger();

  // Set by startAll(); start() hands out only instances whose startAll() completed.
  private @Nullable TestCa ca;
  private @Nullable BindServer bind;
  private @Nullable KnotServer knot;
  private @Nullable UnboundServer unbound;
  private @Nullable PebbleServer pebble;
  private @Nullable Path trustAnchor;
  private @Nullable Duration startupTime;

  private Servers(Path root) {
    this.root = root;
    this.tsig = TsigKey.random(TSIG_NAME);
  }

  /**
   * Starts everything in a new temporary directory.
   *
   * @throws TestbedException when a binary is missing or a server does not become ready
   */
  static Servers start() {
    for (String binary :
        List.of("named", "rndc", "knotd", "knotc", "unbound", "pebble", "openssl", "ss")) {
      Binaries.find(binary);
    }
    Path root;
    try {
      root = Files.createTempDirectory("zonetrust-testbed-");
      Files.createDirectories(root.resolve("logs"));
    } catch (IOException e) {
      throw new TestbedException("cannot create the testbed directory", e);
    }
    Servers servers = new Servers(root);
    try {
      servers.startAll();
      return servers;
    } catch (RuntimeException e) {
      servers.stop();
      throw e;
    }
  }

  private void startAll() {
    long t0 = System.nanoTime();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            3,
            r -> {
              Thread t = new Thread(r, "testbed-start");
              t.setDaemon(true);
              return t;
            });
    try {
      CompletableFuture<TestCa> caFuture =
          CompletableFuture.supplyAsync(() -> TestCa.create(root), pool);
      BindServer named = retryOnCollision("named", () -> BindServer.start(root, tsig, TIMEOUT));
      bind = named;
      started.add(named.process());
      mark("named ready", t0);
      Path anchor = writeTrustAnchor(named);
      trustAnchor = anchor;
      mark("test. signed", t0);
      int bindPort = named.port();
      CompletableFuture<KnotServer> knotFuture =
          CompletableFuture.supplyAsync(
              () ->
                  retryOnCollision("knotd", () -> KnotServer.start(root, tsig, bindPort, TIMEOUT)),
              pool);
      CompletableFuture<UnboundServer> unboundFuture =
          CompletableFuture.supplyAsync(
              () ->
                  retryOnCollision(
                      "unbound", () -> UnboundServer.start(root, anchor, bindPort, TIMEOUT)),
              pool);
      CompletableFuture<PebbleServer> pebbleFuture =
          caFuture.thenApplyAsync(
              testCa ->
                  retryOnCollision(
                      "pebble", () -> PebbleServer.start(root, testCa, bindPort, TIMEOUT)),
              pool);
      RuntimeException failure = null;
      // timing notes only: a failed start is reported by the joins below
      CompletableFuture<?> unused = knotFuture.thenRun(() -> mark("knotd ready", t0));
      unused = unboundFuture.thenRun(() -> mark("unbound ready", t0));
      unused = pebbleFuture.thenRun(() -> mark("pebble ready", t0));
      try {
        KnotServer knotd = knotFuture.join();
        knot = knotd;
        started.add(knotd.process());
      } catch (CompletionException e) {
        failure = unwrap(e, failure);
      }
      try {
        UnboundServer unboundServer = unboundFuture.join();
        unbound = unboundServer;
        started.add(unboundServer.process());
      } catch (CompletionException e) {
        failure = unwrap(e, failure);
      }
      try {
        ca = caFuture.join();
        PebbleServer pebbleServer = pebbleFuture.join();
        pebble = pebbleServer;
        started.add(pebbleServer.process());
      } catch (CompletionException e) {
        failure = unwrap(e, failure);
      }
      if (failure != null) {
        throw failure;
      }
    } finally {
      pool.shutdownNow();
    }
    startupTime = Duration.ofNanos(System.nanoTime() - t0);
    mark("all ready", t0);
  }

  /** Appends a timing line to {@code logs/testbed.log}. */
  private void mark(String what, long t0) {
    String line =
        String.format("%6d ms  %s%n", Duration.ofNanos(System.nanoTime() - t0).toMillis(), what);
    try {
      Files.writeString(
          root.resolve("logs/testbed.log"),
          line,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      // timing notes are optional
    }
  }

  private static RuntimeException unwrap(
      CompletionException e, @Nullable RuntimeException earlier) {
    RuntimeException cause =
        e.getCause() instanceof RuntimeException
            ? (RuntimeException) e.getCause()
            : new TestbedException("testbed start failed", e.getCause());
    if (earlier != null) {
      earlier.addSuppressed(cause);
      return earlier;
    }
    return cause;
  }

  /** Starts a server with fresh ports until it owns them (a few attempts). */
  static <T> T retryOnCollision(String name, Supplier<T> attempt) {
    PortOwnership.PortCollisionException last = null;
    for (int i = 0; i < PORT_ATTEMPTS; i++) {
      try {
        return attempt.get();
      } catch (PortOwnership.PortCollisionException e) {
        if (last != null) {
          e.addSuppressed(last);
        }
        last = e;
      }
    }
    throw new TestbedException(
        name + " could not get free ports in " + PORT_ATTEMPTS + " attempts", last);
  }

  /** Waits until BIND has signed test., then writes its KSK(s) as Unbound's trust anchor. */
  private Path writeTrustAnchor(BindServer named) {
    InetSocketAddress server = new InetSocketAddress(Loopback.V4, named.port());
    List<DNSKEYRecord> ksks =
        Poll.until(
            "BIND to sign test. (DNSKEY 257 and RRSIG SOA)",
            TIMEOUT,
            named.process(),
            () -> {
              List<DNSKEYRecord> keys = Dns.signedKsks(server, BindServer.PARENT);
              return keys.isEmpty() || !Dns.soaSigned(server, BindServer.PARENT)
                  ? Optional.empty()
                  : Optional.of(keys);
            });
    StringBuilder text = new StringBuilder();
    for (DNSKEYRecord key : ksks) {
      text.append(key).append('\n');
    }
    Path file = root.resolve("unbound/test.anchor");
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new TestbedException("cannot write " + file, e);
    }
    return file;
  }

  /** Stops every started server, newest first; deletes the directory unless asked to keep it. */
  void stop() {
    for (AutoCloseable server : List.copyOf(onDemand)) {
      try {
        server.close();
      } catch (Exception e) {
        // stopping anyway: the processes below still go
      }
    }
    List<ServerProcess> reverse = new ArrayList<>(started);
    Collections.reverse(reverse);
    reverse.forEach(ServerProcess::stop);
    started.clear();
    if (!Boolean.getBoolean(KEEP_PROPERTY)) {
      deleteTree(root);
    }
  }

  /** Deletes a directory tree, best effort. */
  static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort: a leftover temp dir is harmless
    }
  }

  /** Starts a Postfix that is closed with the testbed unless its user closes it first. */
  PostfixServer startPostfix(Map<String, Integer> routes) {
    AtomicReference<PostfixServer> self = new AtomicReference<>();
    PostfixServer postfix =
        PostfixServer.start(
            this,
            routes,
            () -> {
              PostfixServer closed = self.get();
              if (closed != null) {
                onDemand.remove(closed);
              }
            });
    self.set(postfix);
    onDemand.add(postfix);
    return postfix;
  }

  /** Starts another Pebble with extra environment, closed with the testbed unless closed first. */
  ExtraPebble startPebble(Map<String, String> environment, Map<String, String> eabKeys) {
    return startPebble(environment, eabKeys, bind().port());
  }

  /** Like {@link #startPebble(Map, Map)}, with Pebble's DNS queries sent to {@code dnsPort}. */
  ExtraPebble startPebble(
      Map<String, String> environment, Map<String, String> eabKeys, int dnsPort) {
    String name = "pebble-" + extraPebbles.incrementAndGet();
    int bindPort = dnsPort;
    PebbleServer server =
        retryOnCollision(
            name,
            () -> PebbleServer.start(root, name, ca(), bindPort, TIMEOUT, environment, eabKeys));
    AtomicReference<ExtraPebble> self = new AtomicReference<>();
    ExtraPebble extra =
        new ExtraPebble(
            server,
            () -> {
              ExtraPebble closed = self.get();
              if (closed != null) {
                onDemand.remove(closed);
              }
            });
    self.set(extra);
    onDemand.add(extra);
    return extra;
  }

  Path root() {
    return root;
  }

  TsigKey tsig() {
    return tsig;
  }

  TestCa ca() {
    return started(ca);
  }

  BindServer bind() {
    return started(bind);
  }

  KnotServer knot() {
    return started(knot);
  }

  UnboundServer unbound() {
    return started(unbound);
  }

  PebbleServer pebble() {
    return started(pebble);
  }

  Path trustAnchor() {
    return started(trustAnchor);
  }

  Duration startupTime() {
    return started(startupTime);
  }

  private static <T> T started(@Nullable T value) {
    if (value == null) {
      throw new IllegalStateException("the testbed servers have not been started");
    }
    return value;
  }
}
