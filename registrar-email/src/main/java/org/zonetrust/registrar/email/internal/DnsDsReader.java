package org.zonetrust.registrar.email.internal;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DSRecord;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;
import org.zonetrust.core.dns.DnsQueries;
import org.zonetrust.registrar.RegistrarException;
import org.zonetrust.registrar.RegistrarException.Reason;
import org.zonetrust.registrar.SecureDelegation;

/**
 * Reads a domain's DS RRset from DNS: an e-mail registrar has no way to say what it holds, so the
 * adapter reports what the parent serves. One resolver instance per updater, its answers handled on
 * one thread the reader owns ({@link DnsQueries}); dnsjava's global defaults are never touched.
 */
final class DnsDsReader {
  private final Resolver resolver;
  private final String resolverName;
  private final DnsQueries queries = new DnsQueries();

  DnsDsReader(java.net.@Nullable InetSocketAddress address, Duration timeout) {
    this(
        address == null ? new ExtendedResolver() : new SimpleResolver(address),
        timeout,
        address == null ? "the system resolvers" : "resolver " + address);
  }

  DnsDsReader(Resolver resolver, Duration timeout, String resolverName) {
    resolver.setTimeout(timeout);
    this.resolver = resolver;
    this.resolverName = resolverName;
  }

  SecureDelegation read(Name domain) throws RegistrarException {
    Message query = Message.newQuery(Record.newRecord(domain, Type.DS, DClass.IN));
    Message answer;
    try {
      answer = queries.send(resolver, query);
    } catch (SocketTimeoutException e) {
      throw new RegistrarException(
          Reason.TIMEOUT, domain + ": no DS answer from " + resolverName + " in time", null, e);
    } catch (IOException e) {
      if (Thread.currentThread().isInterrupted()) {
        throw new RegistrarException(
            Reason.INTERRUPTED, domain + ": interrupted while asking for DS", null, e);
      }
      throw new RegistrarException(
          Reason.UNAVAILABLE, domain + ": cannot ask " + resolverName + " for DS", null, e);
    }
    int rcode = answer.getRcode();
    if (rcode == Rcode.NXDOMAIN) {
      return SecureDelegation.insecure();
    }
    if (rcode != Rcode.NOERROR) {
      throw new RegistrarException(
          Reason.UNAVAILABLE,
          domain + ": " + resolverName + " answered " + Rcode.string(rcode) + " for DS",
          rcode,
          null);
    }
    List<DSRecord> ds = new ArrayList<>();
    for (Record r : answer.getSection(Section.ANSWER)) {
      if (r instanceof DSRecord d && d.getName().equals(domain)) {
        ds.add(d);
      }
    }
    return SecureDelegation.ofDsRecords(ds);
  }
}
