package org.zonetrust.acme.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;
import org.zonetrust.core.dns.AuthoritativeServers;
import org.zonetrust.core.dns.DnsQueries;

/**
 * Finds where the TXT record of a {@code _acme-challenge} name really goes: an explicit alias (no
 * DNS lookup), else the end of its CNAME chain (bounded, loops detected), and the zone that holds
 * that name (core's {@link AuthoritativeServers}). Thread-safe if the resolver is.
 */
class ChallengeTargets {
  /** Longest CNAME chain followed. */
  static final int MAX_CNAMES = 8;

  private final Resolver resolver;
  private final DnsQueries queries = new DnsQueries();
  private final AuthoritativeServers servers;
  private final Map<Name, Name> aliases;

  /**
   * Where a challenge record goes.
   *
   * @param challengeName the {@code _acme-challenge} name
   * @param owner the name the TXT record is written at
   * @param zone the zone that holds {@code owner}
   * @param via how {@code owner} was found: {@code direct}, {@code alias} or {@code cname}
   */
  record Target(Name challengeName, Name owner, Name zone, String via) {}

  ChallengeTargets(Resolver resolver, Map<Name, Name> aliases) {
    this.resolver = Objects.requireNonNull(resolver, "resolver");
    this.servers = new AuthoritativeServers(resolver, (ns, address) -> 53);
    this.aliases = Map.copyOf(aliases);
  }

  /**
   * Resolves one challenge name.
   *
   * @param identifier the authorization's domain (absolute, without {@code *.})
   * @param challengeName {@code _acme-challenge.<identifier>}
   * @return the target
   * @throws IOException if a lookup failed, the CNAME chain is too long or loops, or no zone was
   *     found
   */
  Target resolve(Name identifier, Name challengeName) throws IOException {
    @Nullable Name alias = aliases.get(challengeName);
    if (alias == null) {
      alias = aliases.get(identifier);
    }
    if (alias != null) {
      return new Target(challengeName, alias, zoneOf(alias), "alias");
    }
    Name owner = followCnames(challengeName);
    return new Target(
        challengeName, owner, zoneOf(owner), owner.equals(challengeName) ? "direct" : "cname");
  }

  Name zoneOf(Name owner) throws IOException {
    AuthoritativeServers.Zone z = servers.locate(owner, Type.TXT);
    if (!z.name().equals(owner)) {
      throw new IOException(
          owner + " became a CNAME to " + z.name() + " while its zone was being looked up");
    }
    return z.zone();
  }

  private Name followCnames(Name start) throws IOException {
    Set<Name> seen = new LinkedHashSet<>();
    Name current = start;
    while (true) {
      if (!seen.add(current)) {
        throw new IOException("CNAME loop: " + chain(seen) + " -> " + current);
      }
      Name next = cnameOf(current);
      if (next == null) {
        return current;
      }
      if (seen.size() > MAX_CNAMES) {
        throw new IOException(
            "more than " + MAX_CNAMES + " CNAMEs: " + chain(seen) + " -> " + next + " ...");
      }
      current = next;
    }
  }

  private @Nullable Name cnameOf(Name name) throws IOException {
    Message answer =
        queries.send(resolver, Message.newQuery(Record.newRecord(name, Type.CNAME, DClass.IN)));
    int rcode = answer.getRcode();
    if (rcode == Rcode.NXDOMAIN) {
      return null;
    }
    if (rcode != Rcode.NOERROR) {
      throw new IOException(
          "the resolver answered " + Rcode.string(rcode) + " to " + name + " CNAME");
    }
    for (Record r : answer.getSection(Section.ANSWER)) {
      if (r instanceof CNAMERecord c && r.getName().equals(name)) {
        return c.getTarget();
      }
    }
    return null;
  }

  private static String chain(Set<Name> names) {
    return new ArrayList<>(names).stream().map(Name::toString).collect(Collectors.joining(" -> "));
  }
}
