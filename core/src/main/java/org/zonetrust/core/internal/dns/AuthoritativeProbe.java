package org.zonetrust.core.internal.dns;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** Asks one authoritative server directly (RD=0) for the zone's SOA and for one RRset. */
public final class AuthoritativeProbe {
  private final DnsTransport transport;

  /**
   * Creates a probe.
   *
   * @param transport the transport (its timeout is the per-query timeout)
   */
  public AuthoritativeProbe(DnsTransport transport) {
    this.transport = transport;
  }

  /**
   * What one server said.
   *
   * @param serial the zone's SOA serial, if the server answered authoritatively
   * @param answered whether the RRset query got an authoritative NOERROR or NXDOMAIN answer
   * @param rrset the records of the RRset (empty for NXDOMAIN / NODATA)
   * @param summary the answer or error in short form
   */
  public record Answer(OptionalLong serial, boolean answered, List<Record> rrset, String summary) {}

  /** How {@link Answer#summary()} begins when the server did not answer (timeout, network). */
  static final String ERROR_PREFIX = "error: ";

  /**
   * Queries {@code server}: first the SOA of {@code zone}, then {@code name}/{@code type}; both
   * queries together take at most {@code limit}, whatever the per-query timeout.
   *
   * @param server the server address
   * @param zone the zone
   * @param name the owner name
   * @param type the RR type
   * @param limit the longest the probe may take
   * @return the answer; transport errors (including running out of time) are folded into the
   *     summary
   * @throws TransportException only if the thread was interrupted
   */
  public Answer probe(InetSocketAddress server, Name zone, Name name, int type, Duration limit)
      throws TransportException {
    long end = System.nanoTime() + limit.toNanos();
    OptionalLong serial = OptionalLong.empty();
    try {
      Message soa = ask(server, zone, Type.SOA, left(end));
      if (soa.getHeader().getFlag(Flags.AA)) {
        for (Record r : soa.getSection(Section.ANSWER)) {
          if (r instanceof SOARecord s && r.getName().equals(zone)) {
            serial = OptionalLong.of(s.getSerial());
          }
        }
      }
      Message m = ask(server, name, type, left(end));
      int rcode = m.getRcode();
      boolean aa = m.getHeader().getFlag(Flags.AA);
      if (!aa || (rcode != Rcode.NOERROR && rcode != Rcode.NXDOMAIN)) {
        return new Answer(
            serial, false, List.of(), Rcode.string(rcode) + (aa ? "" : " (not authoritative)"));
      }
      List<Record> rrset = new ArrayList<>();
      for (Record r : m.getSection(Section.ANSWER)) {
        if (r.getName().equals(name) && r.getType() == type) {
          rrset.add(r);
        }
      }
      String summary;
      if (rcode == Rcode.NXDOMAIN) {
        summary = "NXDOMAIN";
      } else if (rrset.isEmpty()) {
        summary = "NOERROR NODATA";
      } else {
        summary =
            "NOERROR "
                + rrset.stream().map(Record::rdataToString).collect(Collectors.joining(" | "));
      }
      return new Answer(serial, true, List.copyOf(rrset), summary);
    } catch (TransportException e) {
      if (e.kind() == TransportException.Kind.INTERRUPTED) {
        throw e;
      }
      return new Answer(serial, false, List.of(), ERROR_PREFIX + e.getMessage());
    }
  }

  private static Duration left(long end) {
    return Duration.ofNanos(Math.max(0, end - System.nanoTime()));
  }

  private Message ask(InetSocketAddress server, Name name, int type, Duration limit)
      throws TransportException {
    Message q = Message.newQuery(Record.newRecord(name, type, DClass.IN));
    q.getHeader().unsetFlag(Flags.RD);
    return transport.exchange(server, q.toWire(), limit).message();
  }
}
