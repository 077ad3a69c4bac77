package org.zonetrust.testbed;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.xbill.DNS.Type;

/** Unbound: validating resolver with {@code test.}'s KSK as its only trust anchor. */
final class UnboundServer {
  private final Path dir;
  private final int port;
  private final ServerProcess process;

  private UnboundServer(Path dir, int port, ServerProcess process) {
    this.dir = dir;
    this.port = port;
    this.process = process;
  }

  /**
   * Writes the configuration, starts {@code unbound}, waits until {@code test. SOA} resolves
   * through it with the AD bit, and checks that its port is its own.
   *
   * @param trustAnchor file with {@code test.}'s KSK DNSKEY lines
   * @throws PortOwnership.PortCollisionException when another process holds the chosen port
   */
  static UnboundServer start(Path root, Path trustAnchor, int bindPort, Duration timeout) {
    Binaries.find("unbound");
    int port = Ports.pick(1)[0];
    Path dir = root.resolve("unbound");
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("unbound.conf"), unboundConf(dir, trustAnchor, port, bindPort));
    } catch (IOException e) {
      throw new TestbedException("cannot write Unbound configuration in " + dir, e);
    }
    ServerProcess process =
        ServerProcess.start(
            "unbound",
            "unbound",
            List.of("-d", "-c", dir.resolve("unbound.conf").toString()),
            dir,
            root.resolve("logs"),
            Map.of());
    UnboundServer unbound = new UnboundServer(dir, port, process);
    try {
      InetSocketAddress v4 = new InetSocketAddress(Loopback.V4, port);
      Poll.untilTrue(
          "Unbound to validate test. SOA (AD bit) on " + port,
          timeout,
          process,
          () -> Dns.validated(v4, BindServer.PARENT, Type.SOA));
      PortOwnership.verify(dir, process, port, BindServer.dnsSockets());
      return unbound;
    } catch (RuntimeException e) {
      process.stop();
      throw e;
    }
  }

  int port() {
    return port;
  }

  ServerProcess process() {
    return process;
  }

  /** Runs unbound-control against this unbound (e.g. {@code flush_zone test.}). */
  String control(List<String> args) {
    List<String> all = new ArrayList<>(List.of("-c", dir.resolve("unbound.conf").toString()));
    all.addAll(args);
    return Commands.run(dir, "unbound-control", all);
  }

  private static String unboundConf(Path dir, Path trustAnchor, int port, int bindPort) {
    return String.join(
        "\n",
        "server:",
        "  username: \"\"",
        "  chroot: \"\"",
        "  directory: \"" + dir + "\"",
        "  pidfile: \"" + dir.resolve("unbound.pid") + "\"",
        "  use-syslog: no",
        "  logfile: \"\"",
        "  verbosity: 1",
        "  val-log-level: 2",
        "  log-servfail: yes",
        "  ede: yes",
        "  interface: 127.0.0.1@" + port,
        "  interface: ::1@" + port,
        "  port: " + port,
        "  access-control: 127.0.0.0/8 allow",
        "  access-control: ::1 allow",
        "  do-not-query-localhost: no",
        "  num-threads: 1",
        "  module-config: \"validator iterator\"",
        "  trust-anchor-file: \"" + trustAnchor + "\"",
        "  local-zone: \"test.\" nodefault", // test. is answered locally by default
        "  root-hints: \"\"",
        "  harden-dnssec-stripped: yes",
        "  cache-max-ttl: 5",
        "  cache-max-negative-ttl: 1",
        "  val-bogus-ttl: 1",
        "  infra-host-ttl: 5",
        "  outgoing-range: 64",
        "  so-reuseport: no",
        "remote-control:",
        "  control-enable: yes",
        "  control-interface: \"" + dir.resolve("unbound.ctl") + "\"",
        "  control-use-cert: no",
        "stub-zone:",
        "  name: \"test.\"",
        "  stub-addr: 127.0.0.1@" + bindPort,
        "  stub-first: no",
        "");
  }
}
