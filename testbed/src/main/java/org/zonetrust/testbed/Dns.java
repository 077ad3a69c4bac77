package org.zonetrust.testbed;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;
import org.xbill.DNS.Update;

/** Small DNS client for readiness checks and testbed changes (dnsjava, one server, no retries). */
final class Dns {
  private static final Duration TIMEOUT = Duration.ofMillis(500);

  private Dns() {}

  static Name name(String text) {
    try {
      return Name.fromString(text.endsWith(".") ? text : text + ".");
    } catch (TextParseException e) {
      throw new TestbedException("not a DNS name: " + text, e);
    }
  }

  /**
   * Sends one query to {@code server}.
   *
   * @param recursive whether to set RD
   * @param dnssec whether to set the DO bit (EDNS0)
   * @throws TestbedException on network failure or timeout
   */
  static Message query(
      InetSocketAddress server, String name, int type, boolean recursive, boolean dnssec) {
    Message query = Message.newQuery(Record.newRecord(name(name), type, DClass.IN));
    if (!recursive) {
      query.getHeader().unsetFlag(Flags.RD);
    }
    SimpleResolver resolver = new SimpleResolver(server);
    resolver.setTimeout(TIMEOUT);
    if (dnssec) {
      resolver.setEDNS(0, 1232, ExtendedFlags.DO, List.of());
    }
    try {
      return resolver.send(query);
    } catch (IOException e) {
      throw new TestbedException(
          "query " + name + " " + Type.string(type) + " to " + server + " failed: " + e, e);
    }
  }

  /** The SOA serial {@code server} serves authoritatively for {@code zone}, if any. */
  static Optional<Long> soaSerial(InetSocketAddress server, String zone) {
    Message response = query(server, zone, Type.SOA, false, false);
    if (response.getRcode() != Rcode.NOERROR || !response.getHeader().getFlag(Flags.AA)) {
      return Optional.empty();
    }
    for (Record r : response.getSection(Section.ANSWER)) {
      if (r instanceof SOARecord soa && r.getName().equals(name(zone))) {
        return Optional.of(soa.getSerial());
      }
    }
    return Optional.empty();
  }

  /** True when {@code server} answers (any rcode) a query for {@code zone} SOA. */
  static boolean answers(InetSocketAddress server, String zone) {
    query(server, zone, Type.SOA, false, false);
    return true;
  }

  /** The DNSKEY records with the SEP flag (KSK or CSK) of {@code zone}, signed; else empty. */
  static List<DNSKEYRecord> signedKsks(InetSocketAddress server, String zone) {
    Message response = query(server, zone, Type.DNSKEY, false, true);
    List<DNSKEYRecord> keys = new ArrayList<>();
    boolean signed = false;
    for (Record r : response.getSection(Section.ANSWER)) {
      if (r instanceof DNSKEYRecord key && (key.getFlags() & 1) != 0) {
        keys.add(key);
      } else if (r.getType() == Type.RRSIG) {
        signed = true;
      }
    }
    return signed ? keys : List.of();
  }

  /** True when the SOA of {@code zone} comes back with an RRSIG. */
  static boolean soaSigned(InetSocketAddress server, String zone) {
    Message response = query(server, zone, Type.SOA, false, true);
    return response.getSection(Section.ANSWER).stream().anyMatch(r -> r.getType() == Type.RRSIG);
  }

  /** True when {@code server} answers {@code name type} authoritatively with an RRSIG. */
  static boolean signedRrset(InetSocketAddress server, String name, int type) {
    Message response = query(server, name, type, false, true);
    List<Record> answer = response.getSection(Section.ANSWER);
    return answer.stream().anyMatch(r -> r.getType() == type)
        && answer.stream().anyMatch(r -> r.getType() == Type.RRSIG);
  }

  /** True when a recursive DNSSEC query through {@code resolver} comes back validated (AD). */
  static boolean validated(InetSocketAddress resolver, String name, int type) {
    Message response = query(resolver, name, type, true, true);
    return response.getRcode() == Rcode.NOERROR && response.getHeader().getFlag(Flags.AD);
  }

  /**
   * Sends an RFC 2136 update signed with {@code key}.
   *
   * @throws TestbedException when the server does not answer NOERROR
   */
  static void update(InetSocketAddress server, TSIG key, Update update) {
    SimpleResolver resolver = new SimpleResolver(server);
    resolver.setTimeout(Duration.ofSeconds(5));
    resolver.setTSIGKey(key);
    resolver.setTCP(true);
    Message response;
    try {
      response = resolver.send(update);
    } catch (IOException e) {
      throw new TestbedException("update to " + server + " failed: " + e, e);
    }
    if (response.getRcode() != Rcode.NOERROR) {
      throw new TestbedException(
          "update to " + server + " refused: " + Rcode.string(response.getRcode()) + "\n" + update);
    }
  }
}
