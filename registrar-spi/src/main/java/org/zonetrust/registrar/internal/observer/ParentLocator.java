package org.zonetrust.registrar.internal.observer;

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

/**
 * Finds, through a (recursive) resolver, the parent zone of a domain (the zone holding its
 * delegation and DS RRset: the zone of the name one label up) and every address of every name
 * server of that zone. The same approach as core's zone locator, but always on the parent side of
 * the cut, whether or not the child is delegated yet.
 */
public final class ParentLocator {
  private final Resolver resolver;
  private final ToIntBiFunction<Name, InetAddress> port;

  /**
   * Creates a locator.
   *
   * @param resolver the resolver to ask (recursion desired)
   * @param port the port of each name server address
   */
  public ParentLocator(Resolver resolver, ToIntBiFunction<Name, InetAddress> port) {
    this.resolver = Objects.requireNonNull(resolver, "resolver");
    this.port = Objects.requireNonNull(port, "port");
  }

  /**
   * One address of one name server of the parent zone.
   *
   * @param nameServer the NS name
   * @param address the address to ask (unresolved, port 0, when none was found)
   * @param problem why no address was found, or null
   */
  public record Target(Name nameServer, InetSocketAddress address, @Nullable String problem) {}

  /**
   * The parent zone and its servers.
   *
   * @param zone the parent zone
   * @param targets every address of every name server, plus an unreachable target for each name
   *     server without an address
   */
  public record Parent(Name zone, List<Target> targets) {}

  /**
   * Locates the parent zone of a domain and its servers.
   *
   * @param domain the child zone's apex (not the root)
   * @return the parent
   * @throws IOException if the resolver fails or the answers lead to no zone with servers
   */
  public Parent locate(Name domain) throws IOException {
    if (domain.labels() <= 1) {
      throw new IOException("the root zone has no parent");
    }
    Name above = new Name(domain, 1);
    Name zone = zoneOf(above, ask(above, Type.SOA));
    if (zone == null) {
      throw new IOException(
          "cannot find the parent zone of " + domain + ": no SOA for " + above + " or above");
    }
    List<Name> nsNames = new ArrayList<>();
    for (Record r : ask(zone, Type.NS).getSection(Section.ANSWER)) {
      if (r instanceof NSRecord n && r.getName().equals(zone)) {
        nsNames.add(n.getTarget());
      }
    }
    if (nsNames.isEmpty()) {
      throw new IOException("the resolver returned no NS records for zone " + zone);
    }
    List<Target> targets = new ArrayList<>();
    Set<InetSocketAddress> seen = new LinkedHashSet<>();
    for (Name ns : nsNames) {
      for (Target t : targetsOf(ns)) {
        if (t.problem() != null || seen.add(t.address())) {
          targets.add(t);
        }
      }
    }
    return new Parent(zone, List.copyOf(targets));
  }

  private List<Target> targetsOf(Name ns) throws IOException {
    List<Target> found = new ArrayList<>();
    String error = null;
    for (int type : new int[] {Type.A, Type.AAAA}) {
      Message m;
      try {
        m = ask(ns, type);
      } catch (IOException e) {
        error = e.getMessage();
        continue;
      }
      for (Record r : m.getSection(Section.ANSWER)) {
        InetAddress a = null;
        if (r instanceof ARecord ar) {
          a = ar.getAddress();
        } else if (r instanceof AAAARecord ar) {
          a = ar.getAddress();
        }
        if (a != null) {
          int p = port.applyAsInt(ns, a);
          if (p < 1 || p > 65535) {
            throw new IOException(
                "the port function returned " + p + " for " + ns + " " + a.getHostAddress());
          }
          found.add(new Target(ns, new InetSocketAddress(a, p), null));
        }
      }
    }
    if (found.isEmpty()) {
      return List.of(
          new Target(
              ns,
              InetSocketAddress.createUnresolved(ns.toString(), 0),
              "cannot find the address of "
                  + ns
                  + ": "
                  + (error == null ? "it has no A or AAAA record" : error)));
    }
    return found;
  }

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
    Message m = resolver.send(Message.newQuery(Record.newRecord(name, type, DClass.IN)));
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
