package org.zonetrust.testbed;

import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.xbill.DNS.DClass;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Update;

/** Child zones of {@code test.}: BIND primary, delegation in {@code test.}, Knot secondary. */
final class Zones {
  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,50}[a-z0-9])?");

  private final Servers servers;
  private final Set<String> taken = new HashSet<>();

  Zones(Servers servers) {
    this.servers = servers;
  }

  synchronized String create(String label) {
    String base = label.toLowerCase(Locale.ROOT);
    if (!LABEL.matcher(base).matches()) {
      throw new TestbedException(
          "not a host label (letters, digits, inner hyphens, up to 52 characters): " + label);
    }
    String zone = base + "." + BindServer.PARENT;
    for (int n = 2; taken.contains(zone); n++) {
      zone = base + "-" + n + "." + BindServer.PARENT;
    }
    taken.add(zone);
    BindServer bind = servers.bind();
    KnotServer knot = servers.knot();
    bind.addChildZone(zone, knot.port());
    InetSocketAddress primary = new InetSocketAddress(Loopback.V4, bind.port());
    Update delegation = new Update(Dns.name(BindServer.PARENT));
    for (String ns : List.of("ns1.test.", "ns2.test.")) {
      delegation.add(new NSRecord(Dns.name(zone), DClass.IN, 60, Dns.name(ns)));
    }
    Dns.update(primary, servers.tsig().toDnsjava(), delegation);
    knot.addSecondary(zone);
    InetSocketAddress secondary = new InetSocketAddress(Loopback.V4, knot.port());
    String name = zone;
    Poll.untilTrue(
        "BIND and Knot to serve the SOA of " + zone,
        Servers.TIMEOUT,
        knot.process(),
        () ->
            Dns.soaSerial(primary, name).isPresent() && Dns.soaSerial(secondary, name).isPresent());
    return zone;
  }

  /**
   * Reserves {@code zone} (absolute, lower case) so that {@link #create} never hands it out.
   *
   * @return false when it is already taken
   */
  synchronized boolean reserve(String zone) {
    return taken.add(zone);
  }

  void hold(String zone) {
    servers.knot().knotc(List.of("-b", "zone-freeze", absolute(zone)));
  }

  void release(String zone) {
    KnotServer knot = servers.knot();
    knot.knotc(List.of("-b", "zone-thaw", absolute(zone)));
    knot.knotc(List.of("zone-refresh", absolute(zone)));
  }

  private static String absolute(String zone) {
    return zone.endsWith(".") ? zone : zone + ".";
  }
}
