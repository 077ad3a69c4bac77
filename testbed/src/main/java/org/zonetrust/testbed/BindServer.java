package org.zonetrust.testbed;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** BIND 9 {@code named}: primary for {@code test.} (signed by BIND) and for the child zones. */
final class BindServer {
  static final String PARENT = "test.";

  private final Path dir;
  private final TsigKey tsig;
  private final int port;
  private final int rndcPort;
  private final ServerProcess process;

  private BindServer(Path dir, TsigKey tsig, int port, int rndcPort, ServerProcess process) {
    this.dir = dir;
    this.tsig = tsig;
    this.port = port;
    this.rndcPort = rndcPort;
    this.process = process;
  }

  /**
   * Writes the configuration, starts {@code named}, waits until it answers on both addresses and
   * its control channel works, and checks that its ports are its own.
   *
   * @throws PortOwnership.PortCollisionException when another process holds a chosen port
   */
  static BindServer start(Path root, TsigKey tsig, Duration timeout) {
    Binaries.find("named");
    Binaries.find("rndc");
    int[] ports = Ports.pick(2);
    Path dir = root.resolve("bind");
    String rndcSecret = TsigKey.randomSecret();
    try {
      Files.createDirectories(dir.resolve("keys"));
      Files.createDirectories(dir.resolve("zones"));
      Files.writeString(dir.resolve("named.conf"), namedConf(dir, tsig, rndcSecret, ports));
      Files.writeString(dir.resolve("rndc.conf"), rndcConf(rndcSecret, ports[1]));
      Path zone = dir.resolve("zones/test.db");
      if (!Files.exists(zone)) {
        Files.writeString(zone, parentZone());
      }
    } catch (IOException e) {
      throw new TestbedException("cannot write BIND configuration in " + dir, e);
    }
    ServerProcess process =
        ServerProcess.start(
            "named",
            "named",
            List.of("-g", "-c", dir.resolve("named.conf").toString()),
            dir,
            root.resolve("logs"),
            Map.of());
    BindServer bind = new BindServer(dir, tsig, ports[0], ports[1], process);
    try {
      bind.awaitReady(timeout);
      return bind;
    } catch (RuntimeException e) {
      process.stop();
      throw e;
    }
  }

  private void awaitReady(Duration timeout) {
    InetSocketAddress v4 = new InetSocketAddress(Loopback.V4, port);
    InetSocketAddress v6 = new InetSocketAddress(Loopback.V6, port);
    Poll.untilTrue(
        "BIND to serve test. SOA on " + port,
        timeout,
        process,
        () -> Dns.soaSerial(v4, PARENT).isPresent() && Dns.soaSerial(v6, PARENT).isPresent());
    Poll.untilTrue(
        "BIND's control channel on " + rndcPort,
        timeout,
        process,
        () -> {
          rndc(List.of("status"));
          return true;
        });
    PortOwnership.verify(dir, process, port, dnsSockets());
    PortOwnership.verify(dir, process, rndcPort, List.of("tcp 127.0.0.1"));
  }

  /** The sockets every DNS server of the testbed must have on its port. */
  static List<String> dnsSockets() {
    return List.of("udp 127.0.0.1", "tcp 127.0.0.1", "udp [::1]", "tcp [::1]");
  }

  int port() {
    return port;
  }

  ServerProcess process() {
    return process;
  }

  Path dir() {
    return dir;
  }

  /** The full command line of rndc against this named. */
  List<String> rndcCommand(List<String> args) {
    List<String> all = new ArrayList<>();
    all.add(Binaries.find("rndc").toString());
    all.add("-c");
    all.add(dir.resolve("rndc.conf").toString());
    all.addAll(args);
    return all;
  }

  /** Runs rndc against this named. */
  String rndc(List<String> args) {
    List<String> all = new ArrayList<>(List.of("-c", dir.resolve("rndc.conf").toString()));
    all.addAll(args);
    return Commands.run(dir, "rndc", all);
  }

  /**
   * Adds a primary zone with an empty zone file, dynamic updates for the TSIG key, NOTIFY to the
   * secondary on {@code notifyPort} and transfers for the TSIG key.
   */
  void addChildZone(String zone, int notifyPort) {
    Path file = dir.resolve("zones").resolve(zone + "db");
    try {
      Files.writeString(file, childZone());
    } catch (IOException e) {
      throw new TestbedException("cannot write " + file, e);
    }
    String config =
        "{ type primary; file \""
            + file
            + "\"; update-policy { grant \""
            + tsig.name()
            + "\" zonesub ANY; }; notify explicit; also-notify { 127.0.0.1 port "
            + notifyPort
            + "; }; allow-transfer { key \""
            + tsig.name()
            + "\"; }; };";
    rndc(List.of("addzone", zone, config));
  }

  private static String namedConf(Path dir, TsigKey tsig, String rndcSecret, int[] ports) {
    return String.join(
        "\n",
        "key \""
            + tsig.name()
            + "\" { algorithm "
            + tsig.algorithm()
            + "; secret \""
            + tsig.secret()
            + "\"; };",
        "key \"rndc-key\" { algorithm hmac-sha256; secret \"" + rndcSecret + "\"; };",
        "controls { inet 127.0.0.1 port "
            + ports[1]
            + " allow { 127.0.0.1; } keys { \"rndc-key\"; }; };",
        "options {",
        "  directory \"" + dir + "\";",
        "  pid-file \"" + dir.resolve("named.pid") + "\";",
        "  session-keyfile \"" + dir.resolve("session.key") + "\";",
        "  managed-keys-directory \"" + dir + "\";",
        "  key-directory \"" + dir.resolve("keys") + "\";",
        "  listen-on port " + ports[0] + " { 127.0.0.1; };",
        "  listen-on-v6 port " + ports[0] + " { ::1; };",
        "  reuseport no;", // default yes would let a second named share the port silently
        "  recursion no;",
        "  notify no;",
        "  notify-delay 0;", // default 5 s before a NOTIFY goes out
        "  dnssec-validation no;",
        "  allow-transfer { key \"" + tsig.name() + "\"; };",
        "  allow-new-zones yes;",
        "  max-journal-size 10M;",
        "};",
        "logging {",
        "  channel c { stderr; severity info; print-time yes; print-category yes; };",
        "  category default { c; }; category lame-servers { null; };",
        "};",
        "dnssec-policy \"testbed\" {",
        "  keys { csk lifetime unlimited algorithm ecdsap256sha256; };",
        "  dnskey-ttl 60; max-zone-ttl 300; zone-propagation-delay 1; parent-ds-ttl 60;",
        "  publish-safety 1; retire-safety 1;",
        "};",
        "zone \"" + PARENT + "\" {",
        "  type primary; file \"" + dir.resolve("zones/test.db") + "\";",
        "  dnssec-policy \"testbed\"; inline-signing no;",
        "  update-policy { grant \"" + tsig.name() + "\" zonesub DS NS A AAAA TXT; };",
        "};",
        "");
  }

  private static String rndcConf(String rndcSecret, int rndcPort) {
    return "key \"rndc-key\" { algorithm hmac-sha256; secret \""
        + rndcSecret
        + "\"; };\noptions { default-key \"rndc-key\"; default-server 127.0.0.1; default-port "
        + rndcPort
        + "; };\n";
  }

  private static String parentZone() {
    return """
        $TTL 60
        @    SOA ns1.test. hostmaster.test. 1 60 30 600 60
             NS  ns1.test.
             NS  ns2.test.
        ns1  A    127.0.0.1
             AAAA ::1
        ns2  A    127.0.0.1
             AAAA ::1
        """;
  }

  private static String childZone() {
    return """
        $TTL 60
        @    SOA ns1.test. hostmaster.test. 1 60 30 600 60
             NS  ns1.test.
             NS  ns2.test.
        """;
  }
}
