package org.zonetrust.core.dns;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.ToIntBiFunction;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Name;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Type;
import org.zonetrust.core.internal.dns.ZoneLocator;

/**
 * Finds the authoritative servers of a zone through a (recursive) resolver: the zone that serves a
 * name, the zone's NS RRset and every A and AAAA address of every name server. This is the lookup
 * {@link PropagationChecker} uses before it asks each server directly; it is public so that other
 * modules (the registrar observer, which asks the parent zone's servers for a DS RRset) share it
 * instead of copying it.
 *
 * <p>CNAMEs are followed (except for type CNAME); the zone cut is the owner of the SOA in the
 * resolver's answer, or in the authority section of a negative answer. A name server whose address
 * cannot be found is one unreachable {@link Server} carrying the reason, so that callers report it
 * instead of silently ignoring it. Duplicate addresses are listed once.
 *
 * <p>Thread-safe if the resolver is. Dnsjava's global state is never changed. Queries go through
 * {@code sendAsync(Message, Executor)}, whose answers are handled on one daemon thread the lookup
 * owns (it exits when idle), never on the common fork-join pool, which starts a thread per query on
 * machines with two CPUs or fewer.
 */
public final class AuthoritativeServers {
  private final ZoneLocator locator;

  /**
   * Creates a lookup.
   *
   * @param resolver the resolver to ask (recursion desired)
   * @param port the port to use for each name server address (53 in production; tests map addresses
   *     to local ports)
   */
  public AuthoritativeServers(Resolver resolver, ToIntBiFunction<Name, InetAddress> port) {
    this.locator =
        new ZoneLocator(
            Objects.requireNonNull(resolver, "resolver"), Objects.requireNonNull(port, "port"));
  }

  /**
   * One address of one name server.
   *
   * @param nameServer the NS name
   * @param address the address and port to query (unresolved, port 0, if none was found)
   * @param problem why no address of the name server was found, or null
   */
  public record Server(Name nameServer, InetSocketAddress address, @Nullable String problem) {
    /**
     * Whether this server has an address to query.
     *
     * @return false for a name server whose address could not be found
     */
    public boolean reachable() {
      return problem == null;
    }
  }

  /**
   * A zone and its servers.
   *
   * @param name the name that was located, after following CNAMEs
   * @param zone the zone's apex
   * @param servers every address of every name server of the zone, and an unreachable server for
   *     each name server whose address could not be found; never empty
   */
  public record Zone(Name name, Name zone, List<Server> servers) {}

  /**
   * Finds the zone that serves a name, and its servers. For type DS at a zone apex this is the
   * parent zone, since a DS RRset lives on the parent side of the zone cut (RFC 4034 section 5).
   *
   * @param name the absolute name
   * @param type the type that will be asked for, a dnsjava {@link Type} constant
   * @return the zone and its servers
   * @throws IOException if the resolver fails or its answers lead to no zone with servers
   */
  public Zone locate(Name name, int type) throws IOException {
    return zone(locator.locate(Objects.requireNonNull(name, "name"), type));
  }

  /**
   * Finds the parent zone of a domain (the zone of the name one label up, which holds the
   * delegation and the DS RRset), and its servers, whether or not the domain is delegated yet.
   *
   * @param domain the child zone's apex (absolute, not the root)
   * @return the parent zone (with {@code domain} as its {@link Zone#name()}) and its servers
   * @throws IOException if the domain is the root, the resolver fails or its answers lead to no
   *     zone with servers
   */
  public Zone parentOf(Name domain) throws IOException {
    return zone(locator.locateParent(Objects.requireNonNull(domain, "domain")));
  }

  /**
   * Every address of one name server, or one unreachable server carrying the reason if its address
   * lookups fail or find nothing.
   *
   * @param nsName the name server's name
   * @return its addresses, never empty
   * @throws IOException if the port function returns an invalid port
   */
  public List<Server> addressesOf(Name nsName) throws IOException {
    return servers(locator.targetsOf(Objects.requireNonNull(nsName, "nsName")));
  }

  private static Zone zone(ZoneLocator.Location l) {
    return new Zone(l.name(), l.zone(), servers(l.targets()));
  }

  private static List<Server> servers(List<ZoneLocator.Target> targets) {
    List<Server> out = new ArrayList<>(targets.size());
    for (ZoneLocator.Target t : targets) {
      out.add(new Server(t.nameServer(), t.address(), t.problem()));
    }
    return List.copyOf(out);
  }
}
