package org.zonetrust.testbed;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Knot DNS {@code knotd}: secondary for the child zones, transferring from BIND with TSIG. */
final class KnotServer {
  private final Path dir;
  private final int port;
  private final ServerProcess process;

  private KnotServer(Path dir, int port, ServerProcess process) {
    this.dir = dir;
    this.port = port;
    this.process = process;
  }

  /**
   * Writes the configuration, starts {@code knotd}, waits until it answers on both addresses and
   * its control socket works, and checks that its port is its own.
   *
   * @throws PortOwnership.PortCollisionException when another process holds the chosen port
   */
  static KnotServer start(Path root, TsigKey tsig, int bindPort, Duration timeout) {
    Binaries.find("knotd");
    Binaries.find("knotc");
    int port = Ports.pick(1)[0];
    Path dir = root.resolve("knot");
    try {
      Files.createDirectories(dir.resolve("db"));
      Files.createDirectories(dir.resolve("zones"));
      Files.writeString(dir.resolve("knot.conf"), knotConf(dir, tsig, port, bindPort));
    } catch (IOException e) {
      throw new TestbedException("cannot write Knot configuration in " + dir, e);
    }
    ServerProcess process =
        ServerProcess.start(
            "knotd",
            "knotd",
            List.of("-c", dir.resolve("knot.conf").toString()),
            dir,
            root.resolve("logs"),
            Map.of());
    KnotServer knot = new KnotServer(dir, port, process);
    try {
      knot.awaitReady(timeout);
      return knot;
    } catch (RuntimeException e) {
      process.stop();
      throw e;
    }
  }

  private void awaitReady(Duration timeout) {
    InetSocketAddress v4 = new InetSocketAddress(Loopback.V4, port);
    InetSocketAddress v6 = new InetSocketAddress(Loopback.V6, port);
    Poll.untilTrue(
        "Knot to answer on " + port,
        timeout,
        process,
        () -> Dns.answers(v4, "test.") && Dns.answers(v6, "test."));
    Poll.untilTrue(
        "Knot's control socket",
        timeout,
        process,
        () -> {
          knotc(List.of("status"));
          return true;
        });
    PortOwnership.verify(dir, process, port, BindServer.dnsSockets());
  }

  Path dir() {
    return dir;
  }

  int port() {
    return port;
  }

  ServerProcess process() {
    return process;
  }

  /** Runs knotc against this knotd. */
  String knotc(List<String> args) {
    List<String> all = new ArrayList<>(List.of("-c", dir.resolve("knot.conf").toString()));
    all.addAll(args);
    return Commands.run(dir, "knotc", all);
  }

  /** Adds {@code zone} as a secondary of BIND (bootstraps by AXFR, then follows NOTIFY). */
  void addSecondary(String zone) {
    configure(
        List.of(
            List.of("conf-set", "zone[" + zone + "]"),
            List.of("conf-set", "zone[" + zone + "].master", "bind"),
            List.of("conf-set", "zone[" + zone + "].acl", "notify_from_bind")));
  }

  /**
   * Adds {@code zone} as a primary loaded from {@code file}, accepting RFC 2136 updates and zone
   * transfers signed with the TSIG key (any type, RRSIG included: Knot does not sign it).
   */
  void addPrimary(String zone, Path file) {
    configure(
        List.of(
            List.of("conf-set", "zone[" + zone + "]"),
            List.of("conf-set", "zone[" + zone + "].file", file.toString()),
            List.of("conf-set", "zone[" + zone + "].zonefile-load", "whole"),
            List.of("conf-set", "zone[" + zone + "].acl", "update_by_key")));
  }

  /** Runs {@code conf-set} commands in one configuration transaction, aborted on failure. */
  private void configure(List<List<String>> commands) {
    knotc(List.of("conf-begin"));
    try {
      commands.forEach(this::knotc);
      knotc(List.of("conf-commit"));
    } catch (RuntimeException e) {
      try {
        knotc(List.of("conf-abort"));
      } catch (RuntimeException abort) {
        e.addSuppressed(abort);
      }
      throw e;
    }
  }

  private static String knotConf(Path dir, TsigKey tsig, int port, int bindPort) {
    return String.join(
        "\n",
        "server:",
        "  rundir: \"" + dir + "\"",
        "  listen: [ 127.0.0.1@" + port + ", ::1@" + port + " ]",
        "  udp-workers: 1",
        "  tcp-workers: 1",
        "  background-workers: 1",
        "log:",
        "  - target: stderr",
        "    any: info",
        "database:",
        "  storage: \"" + dir.resolve("db") + "\"",
        "key:",
        "  - id: " + tsig.name(),
        "    algorithm: " + tsig.algorithm(),
        "    secret: " + tsig.secret(),
        "remote:",
        "  - id: bind",
        "    address: [ 127.0.0.1@" + bindPort + " ]",
        "    key: " + tsig.name(),
        "acl:",
        "  - id: notify_from_bind",
        "    address: [ 127.0.0.1, ::1 ]",
        "    action: notify",
        "  - id: update_by_key",
        "    key: " + tsig.name(),
        "    action: [ update, transfer ]",
        "template:",
        "  - id: default",
        "    storage: \"" + dir.resolve("zones") + "\"",
        "    zonefile-sync: -1",
        "    zonefile-load: none",
        "    journal-content: all",
        "");
  }
}
