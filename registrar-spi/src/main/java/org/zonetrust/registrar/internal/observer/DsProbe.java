package org.zonetrust.registrar.internal.observer;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DSRecord;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;
import org.zonetrust.core.dns.DnsQueries;
import org.zonetrust.registrar.SecureDelegation;
import org.zonetrust.registrar.ServerAnswer;

/**
 * Asks one authoritative server directly for a domain's DS RRset: recursion not desired, UDP with
 * EDNS (1232 bytes) and TCP when the answer is truncated (dnsjava's {@link SimpleResolver}).
 * Answers are handled on one thread the probe owns ({@link DnsQueries}).
 */
public final class DsProbe {
  private final Duration timeout;
  private final DnsQueries queries = new DnsQueries();

  /**
   * Creates a probe.
   *
   * @param timeout how long to wait for each answer
   */
  public DsProbe(Duration timeout) {
    this.timeout = timeout;
  }

  /**
   * Asks one server. Failures are answers of kind {@link ServerAnswer.Kind#ERROR}.
   *
   * @param nameServer the name server's name
   * @param address its address
   * @param domain the domain whose DS RRset is asked for
   * @return the answer
   * @throws InterruptedIOException if the thread was interrupted (its flag is set again)
   */
  public ServerAnswer ask(Name nameServer, InetSocketAddress address, Name domain)
      throws InterruptedIOException {
    Message response;
    try {
      SimpleResolver r = new SimpleResolver(address);
      r.setTimeout(timeout);
      r.setEDNS(0, 1232, 0);
      Message query = Message.newQuery(Record.newRecord(domain, Type.DS, DClass.IN));
      query.getHeader().unsetFlag(Flags.RD);
      response = queries.send(r, query);
    } catch (InterruptedIOException e) {
      Thread.currentThread().interrupt();
      throw e;
    } catch (IOException | RuntimeException e) {
      if (Thread.currentThread().isInterrupted()) {
        throw new InterruptedIOException("interrupted while asking " + address);
      }
      return error(nameServer, address, "no answer: " + e.getMessage());
    }
    int rcode = response.getRcode();
    if (!response.getHeader().getFlag(Flags.AA)) {
      return error(
          nameServer,
          address,
          "not authoritative (" + Rcode.string(rcode) + " without AA: lame delegation?)");
    }
    if (rcode == Rcode.NXDOMAIN) {
      return new ServerAnswer(
          nameServer,
          address,
          ServerAnswer.Kind.NXDOMAIN,
          SecureDelegation.insecure(),
          "no such domain");
    }
    if (rcode != Rcode.NOERROR) {
      return error(nameServer, address, "answered " + Rcode.string(rcode));
    }
    List<DSRecord> ds = new ArrayList<>();
    for (Record rec : response.getSection(Section.ANSWER)) {
      if (rec instanceof DSRecord d && rec.getName().equals(domain)) {
        ds.add(d);
      }
    }
    if (ds.isEmpty()) {
      return new ServerAnswer(
          nameServer, address, ServerAnswer.Kind.NODATA, SecureDelegation.insecure(), "no DS");
    }
    SecureDelegation served = SecureDelegation.ofDsRecords(ds);
    long ttl = ds.stream().mapToLong(DSRecord::getTTL).max().orElse(0);
    return new ServerAnswer(
        nameServer, address, ServerAnswer.Kind.DS, served, served.ds() + " TTL " + ttl, ttl);
  }

  private static ServerAnswer error(Name nameServer, InetSocketAddress address, String detail) {
    return new ServerAnswer(
        nameServer, address, ServerAnswer.Kind.ERROR, SecureDelegation.insecure(), detail);
  }
}
