package org.zonetrust.testbed;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.DNSSEC;
import org.xbill.DNS.DSRecord;
import org.xbill.DNS.Master;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Type;
import org.xbill.DNS.Update;

/**
 * Child zones of {@code test.} that were signed outside BIND. BIND refuses RRSIGs in dynamic
 * updates, so such a zone reaches BIND as a file ({@code rndc addzone}, {@code rndc reload}); its
 * DS goes into {@code test.} by a TSIG-signed update. BIND alone serves it (no Knot secondary).
 */
final class SignedZones {
  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,50}[a-z0-9])?");

  private final Servers servers;
  private final Zones zones;
  private final Map<String, Path> files = new HashMap<>();

  SignedZones(Servers servers, Zones zones) {
    this.servers = servers;
    this.zones = zones;
  }

  synchronized void add(String zone, Path signedFile, boolean addDs) {
    String name = childName(zone);
    if (!zones.reserve(name)) {
      throw new TestbedException(name + " is already a zone of the testbed: pick another name");
    }
    ZoneFile content = read(name, signedFile);
    BindServer bind = servers.bind();
    Path served = bind.dir().resolve("zones").resolve(name + "signed.db");
    copy(signedFile, served);
    bind.rndc(List.of("addzone", name, "{ type primary; file \"" + served + "\"; };"));
    files.put(name, served);

    Update delegation = new Update(Dns.name(BindServer.PARENT));
    delegation.add(new NSRecord(Dns.name(name), DClass.IN, 60, Dns.name("ns1.test.")));
    List<DSRecord> ds = addDs ? content.ds() : List.of();
    for (DSRecord d : ds) {
      delegation.add(d);
    }
    InetSocketAddress primary = new InetSocketAddress(Loopback.V4, bind.port());
    Dns.update(primary, servers.tsig().toDnsjava(), delegation);
    awaitSerial(name, content.serial());
    if (!ds.isEmpty()) {
      Poll.untilTrue(
          "BIND to serve the signed DS of " + name + " in test.",
          Servers.TIMEOUT,
          bind.process(),
          () -> Dns.signedRrset(primary, name, Type.DS));
    }
    flushUnbound(name);
  }

  synchronized Path file(String zone) {
    Path served = files.get(childName(zone));
    if (served == null) {
      throw new TestbedException(zone + " was not added with addSignedZone");
    }
    return served;
  }

  synchronized void addKnotPrimary(String zone, Path file) {
    String name = childName(zone);
    if (!zones.reserve(name)) {
      throw new TestbedException(name + " is already a zone of the testbed: pick another name");
    }
    KnotServer knot = servers.knot();
    Path served = knot.dir().resolve("zones").resolve(name + "primary.zone");
    copy(file, served);
    knot.addPrimary(name, served);
    InetSocketAddress address = new InetSocketAddress(Loopback.V4, knot.port());
    Poll.untilTrue(
        "Knot to serve the SOA of its primary zone " + name,
        Servers.TIMEOUT,
        knot.process(),
        () -> Dns.soaSerial(address, name).isPresent());
  }

  void reload(String zone, Path signedFile) {
    reload(zone, signedFile, true);
  }

  synchronized void reload(String zone, Path signedFile, boolean flush) {
    String name = childName(zone);
    Path served = files.get(name);
    if (served == null) {
      throw new TestbedException(name + " was not added with addSignedZone");
    }
    ZoneFile content = read(name, signedFile);
    InetSocketAddress primary = new InetSocketAddress(Loopback.V4, servers.bind().port());
    long current = Dns.soaSerial(primary, name).orElse(-1L);
    if (current == content.serial()) {
      throw new TestbedException(
          signedFile
              + " has the serial BIND already serves for "
              + name
              + " ("
              + current
              + "): change the SOA serial so that the reload can be observed");
    }
    copy(signedFile, served);
    servers.bind().rndc(List.of("reload", name));
    awaitSerial(name, content.serial());
    if (flush) {
      flushUnbound(name);
    }
  }

  private void awaitSerial(String name, long serial) {
    InetSocketAddress primary = new InetSocketAddress(Loopback.V4, servers.bind().port());
    Poll.untilTrue(
        "BIND to serve " + name + " with serial " + serial,
        Servers.TIMEOUT,
        servers.bind().process(),
        () -> Dns.soaSerial(primary, name).filter(s -> s == serial).isPresent());
  }

  private void flushUnbound(String name) {
    servers.unbound().control(List.of("flush_zone", name));
    servers.unbound().control(List.of("flush_bogus"));
    servers.unbound().control(List.of("flush_negative"));
  }

  private static String childName(String zone) {
    String name = zone.toLowerCase(Locale.ROOT);
    name = name.endsWith(".") ? name : name + ".";
    String suffix = "." + BindServer.PARENT;
    if (!name.endsWith(suffix)
        || !LABEL.matcher(name.substring(0, name.length() - suffix.length())).matches()) {
      throw new TestbedException(
          "not a child of test. with a host label (up to 52 characters): " + zone);
    }
    return name;
  }

  private static void copy(Path from, Path to) {
    try {
      Path temp = Files.createTempFile(to.getParent(), "signed-", ".tmp");
      Files.copy(from, temp, StandardCopyOption.REPLACE_EXISTING);
      Files.move(temp, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new TestbedException("cannot copy " + from + " to " + to, e);
    }
  }

  /** The SOA serial and the SHA-256 DS of every SEP key at the apex of a zone file. */
  private record ZoneFile(long serial, List<DSRecord> ds) {}

  private static ZoneFile read(String zone, Path file) {
    Name origin = Dns.name(zone);
    Long serial = null;
    List<DSRecord> ds = new ArrayList<>();
    try (Master master = new Master(file.toString(), origin)) {
      for (Record r = master.nextRecord(); r != null; r = master.nextRecord()) {
        if (!r.getName().equals(origin)) {
          continue;
        }
        if (r instanceof SOARecord soa) {
          serial = soa.getSerial();
        } else if (r instanceof DNSKEYRecord key
            && (key.getFlags() & DNSKEYRecord.Flags.SEP_KEY) != 0) {
          ds.add(new DSRecord(origin, DClass.IN, 60, DNSSEC.Digest.SHA256, key));
        }
      }
    } catch (IOException e) {
      throw new TestbedException("cannot read the zone file " + file + " of " + zone + ": " + e, e);
    }
    if (serial == null) {
      throw new TestbedException(file + " has no SOA for " + zone);
    }
    return new ZoneFile(serial, List.copyOf(ds));
  }
}
