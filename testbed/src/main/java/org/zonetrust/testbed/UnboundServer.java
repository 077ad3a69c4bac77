package org.zonetrust.testbed;

import java.io.IOException;
import java.net.InetAddress;
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
  private final InetSocketAddress address;
  private final int port;
  private final ServerProcess process;

  private UnboundServer(Path dir, InetSocketAddress address, ServerProcess process) {
    this.dir = dir;
    this.address = address;
    this.port = address.getPort();
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
    return start(
        root.resolve("unbound"),
        "unbound",
        root.resolve("logs"),
        trustAnchor,
        bindPort,
        List.of("127.0.0.1", "::1"),
        Ports.pick(1)[0],
        timeout);
  }

  /**
   * Starts a validating Unbound like the testbed's on {@code address} port 53 only: the libc
   * resolver of a program such as Postfix talks to nothing else. Ownership is checked for that
   * address only, as other loopback addresses may have their own port 53.
   *
   * @param dir its own directory (configuration, control socket)
   * @param name the log file's name in {@code logDir}
   * @throws PortOwnership.PortCollisionException when another process holds the address's port 53
   */
  static UnboundServer startOnPort53(
      Path dir,
      String name,
      Path logDir,
      Path trustAnchor,
      int bindPort,
      InetAddress address,
      Duration timeout) {
    return start(
        dir, name, logDir, trustAnchor, bindPort, List.of(address.getHostAddress()), 53, timeout);
  }

  private static UnboundServer start(
      Path dir,
      String name,
      Path logDir,
      Path trustAnchor,
      int bindPort,
      List<String> interfaces,
      int port,
      Duration timeout) {
    Binaries.find("unbound");
    try {
      Files.createDirectories(dir);
      Files.writeString(
          dir.resolve("unbound.conf"), unboundConf(dir, trustAnchor, interfaces, port, bindPort));
    } catch (IOException e) {
      throw new TestbedException("cannot write Unbound configuration in " + dir, e);
    }
    ServerProcess process =
        ServerProcess.start(
            name,
            "unbound",
            List.of("-d", "-c", dir.resolve("unbound.conf").toString()),
            dir,
            logDir,
            Map.of());
    InetSocketAddress first = new InetSocketAddress(interfaces.get(0), port);
    UnboundServer unbound = new UnboundServer(dir, first, process);
    try {
      Poll.untilTrue(
          "Unbound to validate test. SOA (AD bit) on " + first,
          timeout,
          process,
          () -> Dns.validated(first, BindServer.PARENT, Type.SOA));
      List<String> sockets = new ArrayList<>();
      for (String address : interfaces) {
        String host = address.contains(":") ? "[" + address + "]" : address;
        sockets.add("udp " + host);
        sockets.add("tcp " + host);
      }
      if (port == 53) {
        PortOwnership.verifyAddresses(dir, process, port, sockets);
      } else {
        PortOwnership.verify(dir, process, port, sockets);
      }
      return unbound;
    } catch (RuntimeException e) {
      process.stop();
      throw e;
    }
  }

  int port() {
    return port;
  }

  /** The first address it listens on. */
  InetAddress address() {
    return address.getAddress();
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

  private static String unboundConf(
      Path dir, Path trustAnchor, List<String> interfaces, int port, int bindPort) {
    List<String> lines = new ArrayList<>();
    for (String address : interfaces) {
      lines.add("  interface: " + address + "@" + port);
    }
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
        String.join("\n", lines),
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
        // Forward, not stub: BIND hosts test. and every child, and child delegations name
        // ns1/ns2.test. at 127.0.0.1 without a port, so following them would reach port 53.
        "forward-zone:",
        "  name: \"test.\"",
        "  forward-addr: 127.0.0.1@" + bindPort,
        "  forward-first: no",
        "");
  }
}
