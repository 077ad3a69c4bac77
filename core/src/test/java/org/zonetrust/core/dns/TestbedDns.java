package org.zonetrust.core.dns;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.crypto.spec.SecretKeySpec;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.Type;
import org.xbill.DNS.ZoneTransferIn;
import org.zonetrust.testbed.Testbed;

/** Helpers shared by the ITs: the testbed's TSIG key, direct queries and AXFR. */
final class TestbedDns {
  /** BIND's private type for signing state (TYPE65534). */
  private static final int BIND_PRIVATE_TYPE = 65534;

  private TestbedDns() {}

  static TsigKey key(Testbed tb) {
    return TsigKey.of(
        tb.tsigKeyName(), TsigAlgorithm.fromDnsName(tb.tsigAlgorithm()), tb.tsigSecret());
  }

  static Rfc2136Updater updater(Testbed tb) {
    return Rfc2136Updater.builder()
        .server(tb.bind())
        .tsigKey(key(tb))
        .timeout(Duration.ofSeconds(5))
        .build();
  }

  static Name name(String s) {
    return Name.fromConstantString(s);
  }

  /** Asks {@code server} directly (RD=0) and returns the answer's records of the type. */
  static List<Record> query(InetSocketAddress server, Name name, int type) throws IOException {
    SimpleResolver r = new SimpleResolver(server);
    r.setTimeout(Duration.ofSeconds(3));
    Message q = Message.newQuery(Record.newRecord(name, type, DClass.IN));
    q.getHeader().unsetFlag(Flags.RD);
    return r.send(q).getSection(Section.ANSWER).stream()
        .filter(rec -> rec.getType() == type)
        .toList();
  }

  /** AXFR of {@code zone} from BIND with the TSIG key. */
  static List<Record> axfr(Testbed tb, Name zone) throws Exception {
    TsigKey k = key(tb);
    TSIG tsig =
        new TSIG(
            k.algorithm().dnsName(),
            k.name(),
            new SecretKeySpec(k.secret(), k.algorithm().jcaName()));
    ZoneTransferIn xfr = ZoneTransferIn.newAXFR(zone, tb.bind(), tsig);
    xfr.setTimeout(Duration.ofSeconds(10));
    xfr.run();
    return xfr.getAXFR();
  }

  /**
   * The zone's content without SOA, apex NS and DNSSEC records, as sorted presentation lines
   * without TTL: {@code name TYPE rdata}.
   */
  static Set<String> content(Testbed tb, Name zone) throws Exception {
    Set<String> out = new TreeSet<>();
    for (Record r : axfr(tb, zone)) {
      int t = r.getType();
      if (t == Type.SOA
          || (t == Type.NS && r.getName().equals(zone))
          || t == Type.RRSIG
          || t == Type.NSEC
          || t == Type.NSEC3
          || t == Type.NSEC3PARAM
          || t == Type.DNSKEY
          || t == BIND_PRIVATE_TYPE) {
        continue;
      }
      out.add(line(r));
    }
    return out;
  }

  static String line(Record r) {
    return r.getName() + " " + Type.string(r.getType()) + " " + r.rdataToString();
  }
}
