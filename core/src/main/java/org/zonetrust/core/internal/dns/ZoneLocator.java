package org.zonetrust.core.internal.dns;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.ToIntBiFunction;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;
import org.zonetrust.core.dns.DnsQueries;

/**
 * Finds, through a (recursive) resolver, the zone that serves a name and every address of every
 * name server of that zone: CNAMEs are followed, the zone cut is the owner of the SOA in the answer
 * or in the authority section of a negative answer. For type DS at a zone apex the parent zone's
 * servers are the ones that serve it.
 */
public final class ZoneLocator {
  private static final int MAX_CNAMES = 8;

  private final Resolver resolver;
  private final DnsQueries queries = new DnsQueries();
  private final ToIntBiFunction<Name, InetAddress> port;

  /**
   * Creates a locator.
   *
   * @param resolver the resolver to ask (recursion desired)
   * @param port the port of each name server address
   */
  public ZoneLocator(Resolver resolver, ToIntBiFunction<Name, InetAddress> port) {
    this.resolver = Objects.requireNonNull(resolver, "resolver");
    this.port = Objects.requireNonNull(port, "port");
  }

  /**
   * One address of one name server.
   *
   * @param nameServer the NS name
   * @param address the address and port to query (unresolved, port 0, if none was found)
   * @param problem why no address of the name server was found, or null
   */
  public record Target(Name nameServer, InetSocketAddress address, @Nullable String problem) {
    /**
     * A reachable address.
     *
     * @param nameServer the NS name
     * @param address the address and port to query
     */
    public Target(Name nameServer, InetSocketAddress address) {
      this(nameServer, address, null);
    }

    /**
     * A name server whose address could not be found: an unresolved address with port 0.
     *
     * @param nameServer the NS name
     * @param problem why no address was found
     * @return the target, never to be queried
     */
    public static Target unresolved(Name nameServer, String problem) {
      return new Target(
          nameServer, InetSocketAddress.createUnresolved(nameServer.toString(), 0), problem);
    }

    /**
     * Whether this target has an address to query.
     *
     * @return false for a name server whose address could not be found
     */
    public boolean reachable() {
      return problem == null;
    }
  }

  /**
   * Where a name is served.
   *
   * @param name the name after following CNAMEs
   * @param zone the zone serving it
   * @param targets every address of every name server of the zone, and an unreachable target for
   *     each name server whose address could not be found
   */
  public record Location(Name name, Name zone, List<Target> targets) {}

  /**
   * Locates the servers of {@code name}.
   *
   * @param name the name to check
   * @param type the type that will be checked (CNAMEs are not followed for type CNAME)
   * @return the location
   * @throws IOException if the resolver fails or the answers do not lead to a zone with servers
   */
  public Location locate(Name name, int type) throws IOException {
    Name current = name;
    Name zone = null;
    for (int hops = 0; zone == null; hops++) {
      if (hops > MAX_CNAMES) {
        throw new IOException("more than " + MAX_CNAMES + " CNAMEs starting at " + name);
      }
      Message m = ask(current, Type.SOA);
      Name target = null;
      for (Record r : m.getSection(Section.ANSWER)) {
        if (r instanceof CNAMERecord c && r.getName().equals(current) && type != Type.CNAME) {
          target = c.getTarget();
        }
      }
      zone = zoneOf(current, m);
      if (target != null && !current.equals(zone)) {
        zone = null;
        current = target;
        continue;
      }
      if (zone == null) {
        throw new IOException(
            "cannot find the zone of "
                + current
                + ": the resolver's answer to SOA has no SOA record (rcode "
                + Rcode.string(m.getRcode())
                + ")");
      }
    }
    if (type == Type.DS && zone.equals(current) && current.labels() > 1) {
      // A DS record lives on the parent side of the zone cut (RFC 4034 5).
      zone = parentZone(new Name(current, 1));
    }
    return new Location(current, zone, serversOf(zone));
  }

  /**
   * Locates the parent zone of a domain (the zone holding its delegation and DS RRset: the zone of
   * the name one label up) and its servers, whether or not the domain is delegated yet.
   *
   * @param domain the child zone's apex (not the root)
   * @return the location, with {@code domain} as the name and the parent as the zone
   * @throws IOException if the resolver fails or the answers lead to no zone with servers
   */
  public Location locateParent(Name domain) throws IOException {
    if (domain.labels() <= 1) {
      throw new IOException("the root zone has no parent");
    }
    Name above = new Name(domain, 1);
    Name zone = zoneOf(above, ask(above, Type.SOA));
    if (zone == null) {
      throw new IOException(
          "cannot find the parent zone of " + domain + ": no SOA for " + above + " or above");
    }
    return new Location(domain, zone, serversOf(zone));
  }

  private List<Target> serversOf(Name zone) throws IOException {
    List<Target> targets = new ArrayList<>();
    Set<InetSocketAddress> seen = new LinkedHashSet<>();
    Message ns = ask(zone, Type.NS);
    List<Name> nsNames = new ArrayList<>();
    for (Record r : ns.getSection(Section.ANSWER)) {
      if (r instanceof NSRecord n && r.getName().equals(zone)) {
        nsNames.add(n.getTarget());
      }
    }
    if (nsNames.isEmpty()) {
      throw new IOException("the resolver returned no NS records for zone " + zone);
    }
    for (Name nsName : nsNames) {
      for (Target t : targetsOf(nsName)) {
        if (!t.reachable() || seen.add(t.address())) {
          targets.add(t);
        }
      }
    }
    if (targets.isEmpty()) {
      throw new IOException("no name server of zone " + zone + " " + nsNames + " has an address");
    }
    return List.copyOf(targets);
  }

  /**
   * Every address of one name server. A name server whose address lookups fail or find nothing is
   * one unreachable {@link Target} carrying the reason, so that it is reported (and never counted
   * as confirmed) instead of hiding the other servers.
   *
   * @param nsName the name server
   * @return its targets, or one unreachable target
   * @throws IOException if the port function returns an invalid port
   */
  public List<Target> targetsOf(Name nsName) throws IOException {
    List<Target> found = new ArrayList<>();
    String error = null;
    for (int t : new int[] {Type.A, Type.AAAA}) {
      Message m;
      try {
        m = ask(nsName, t);
      } catch (IOException e) {
        error = e.getMessage();
        continue;
      }
      for (Record r : m.getSection(Section.ANSWER)) {
        InetAddress a = null;
        if (r instanceof ARecord ar) {
          a = ar.getAddress();
        } else if (r instanceof AAAARecord aaaa) {
          a = aaaa.getAddress();
        }
        if (a != null) {
          int p = port.applyAsInt(nsName, a);
          if (p < 1 || p > 65535) {
            throw new IOException(
                "the port function returned " + p + " for " + nsName + " " + a.getHostAddress());
          }
          found.add(new Target(nsName, new InetSocketAddress(a, p)));
        }
      }
    }
    if (found.isEmpty()) {
      return List.of(
          Target.unresolved(
              nsName,
              "cannot find the address of "
                  + nsName
                  + ": "
                  + (error == null ? "it has no A or AAAA record" : error)));
    }
    return found;
  }

  private Name parentZone(Name start) throws IOException {
    Name zone = zoneOf(start, ask(start, Type.SOA));
    if (zone == null) {
      throw new IOException("cannot find the parent zone of " + start + " for its DS record");
    }
    return zone;
  }

  /**
   * The zone of {@code name} according to a resolver's answer to {@code name SOA}: {@code name}
   * itself if the answer holds its SOA (a zone apex), else the owner of the SOA in the authority
   * section of a negative answer, else null.
   */
  private static @Nullable Name zoneOf(Name name, Message soaAnswer) {
    for (Record r : soaAnswer.getSection(Section.ANSWER)) {
      if (r instanceof SOARecord && r.getName().equals(name)) {
        return name;
      }
    }
    Name zone = null;
    for (Record r : soaAnswer.getSection(Section.AUTHORITY)) {
      if (r instanceof SOARecord && name.subdomain(r.getName())) {
        zone = r.getName();
      }
    }
    return zone;
  }

  private Message ask(Name name, int type) throws IOException {
    Message q = Message.newQuery(Record.newRecord(name, type, DClass.IN));
    Message m = queries.send(resolver, q);
    int rcode = m.getRcode();
    if (rcode != Rcode.NOERROR && rcode != Rcode.NXDOMAIN) {
      throw new IOException(
          "the resolver answered "
              + Rcode.string(rcode)
              + " for "
              + name
              + " "
              + Type.string(type));
    }
    return m;
  }
}
