package org.zonetrust.core.dns;

import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** Handlers for {@link FakeDnsServer} that serve a tiny zone from a mutable list of records. */
final class FakeZones {
  private FakeZones() {}

  static Name name(String s) {
    return Name.fromConstantString(s);
  }

  static SOARecord soa(Name zone, long serial) {
    return new SOARecord(
        zone, DClass.IN, 60, name("ns1." + zone), name("admin." + zone), serial, 60, 60, 600, 60);
  }

  /** A server holding {@code records} (mutable) plus the zone's SOA at {@code serial[0]}. */
  static final class Zone implements FakeDnsServer.Handler {
    final Name apex;
    final List<Record> records = new CopyOnWriteArrayList<>();
    volatile long serial = 1;
    volatile boolean authoritative = true;
    volatile boolean silent;
    final Map<String, Integer> queries = new ConcurrentHashMap<>();

    Zone(Name apex) {
      this.apex = apex;
    }

    @Override
    public byte[] handle(Message request, byte[] wire, boolean tcp) throws IOException {
      Record q = request.getQuestion();
      queries.merge(Type.string(q.getType()) + " " + q.getName(), 1, Integer::sum);
      if (silent) {
        return null;
      }
      Message r = FakeDnsServer.reply(request, Rcode.NOERROR);
      if (authoritative) {
        r.getHeader().setFlag(Flags.AA);
      }
      if (!q.getName().subdomain(apex)) {
        r.getHeader().setRcode(Rcode.REFUSED);
        r.getHeader().unsetFlag(Flags.AA);
        return r.toWire();
      }
      if (q.getType() == Type.SOA && q.getName().equals(apex)) {
        r.addRecord(soa(apex, serial), Section.ANSWER);
        return r.toWire();
      }
      boolean nameExists = q.getName().equals(apex);
      for (Record rec : records) {
        if (rec.getName().equals(q.getName())) {
          nameExists = true;
          if (rec.getType() == q.getType()) {
            r.addRecord(rec, Section.ANSWER);
          }
        }
      }
      if (!nameExists) {
        r.getHeader().setRcode(Rcode.NXDOMAIN);
      }
      if (r.getSection(Section.ANSWER).isEmpty()) {
        r.addRecord(soa(apex, serial), Section.AUTHORITY);
      }
      return r.toWire();
    }

    int queries(String type, Name n) {
      return queries.getOrDefault(type + " " + n, 0);
    }
  }

  /**
   * A "recursive resolver" that knows the delegation: zone cut at {@code zone}, NS records and
   * their addresses, and optional CNAMEs.
   */
  static final class Recursive implements FakeDnsServer.Handler {
    final Name zone;
    final Map<Name, List<InetAddress>> nameServers;
    final Map<Name, Name> cnames = new ConcurrentHashMap<>();
    final java.util.Set<Name> childZones = ConcurrentHashMap.newKeySet();

    /** Names whose lookups fail with SERVFAIL (e.g. a name server whose zone is broken). */
    final java.util.Set<Name> servfail = ConcurrentHashMap.newKeySet();

    Recursive(Name zone, Map<Name, List<InetAddress>> nameServers) {
      this.zone = zone;
      this.nameServers = nameServers;
    }

    @Override
    public byte[] handle(Message request, byte[] wire, boolean tcp) {
      Record q = request.getQuestion();
      Message r = FakeDnsServer.reply(request, Rcode.NOERROR);
      r.getHeader().setFlag(Flags.RA);
      Name n = q.getName();
      if (servfail.contains(n)) {
        r.getHeader().setRcode(Rcode.SERVFAIL);
        return r.toWire();
      }
      Name target = cnames.get(n);
      if (target != null) {
        r.addRecord(new org.xbill.DNS.CNAMERecord(n, DClass.IN, 60, target), Section.ANSWER);
        return r.toWire();
      }
      if (nameServers.containsKey(n)) {
        for (InetAddress a : nameServers.get(n)) {
          if (q.getType() == Type.A && a.getAddress().length == 4) {
            r.addRecord(new org.xbill.DNS.ARecord(n, DClass.IN, 60, a), Section.ANSWER);
          } else if (q.getType() == Type.AAAA && a.getAddress().length == 16) {
            r.addRecord(new org.xbill.DNS.AAAARecord(n, DClass.IN, 60, a), Section.ANSWER);
          }
        }
        return r.toWire();
      }
      if (n.equals(zone) && q.getType() == Type.NS) {
        nameServers
            .keySet()
            .forEach(ns -> r.addRecord(new org.xbill.DNS.NSRecord(zone, DClass.IN, 60, ns), 1));
        return r.toWire();
      }
      if ((n.equals(zone) || childZones.contains(n)) && q.getType() == Type.SOA) {
        r.addRecord(soa(n, 1), Section.ANSWER);
        return r.toWire();
      }
      if (n.subdomain(zone)) {
        r.getHeader().setRcode(Rcode.NXDOMAIN);
        r.addRecord(soa(zone, 1), Section.AUTHORITY);
        return r.toWire();
      }
      r.getHeader().setRcode(Rcode.SERVFAIL);
      return r.toWire();
    }
  }
}
