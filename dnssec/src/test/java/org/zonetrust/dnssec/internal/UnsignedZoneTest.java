package org.zonetrust.dnssec.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;
import org.zonetrust.core.dns.DnsChange;
import org.zonetrust.core.dns.DnsPrerequisite;
import org.zonetrust.dnssec.ZoneChange;
import org.zonetrust.dnssec.ZoneFile;

class UnsignedZoneTest {
  private static final Name ORIGIN = Name.fromConstantString("example.test.");
  private static final Name WWW = Name.fromConstantString("www.example.test.");

  private static UnsignedZone zone() throws Exception {
    String text =
        "$TTL 300\n@ SOA ns1 hostmaster 5 60 60 600 60\n@ NS ns1\n@ NS ns2\n"
            + "@ DNSKEY 256 3 13 R6ko8BJ1L/jUrpqbfoLaAtjPk2WTj6bSNjhtjuOmY68+GpCUBbpEcRR8JZt6QCPF"
            + "1w8+ztHF+s2C15XaxL0h/A==\nns1 A 192.0.2.1\nwww A 192.0.2.2\nwww AAAA 2001:db8::2\n";
    return UnsignedZone.of(ORIGIN, ZoneFile.read(new StringReader(text), "test", ORIGIN));
  }

  @Test
  void keyManagedRecordsAreDroppedAndTheTextRoundTrips() throws Exception {
    UnsignedZone z = zone();
    assertThat(z.records()).noneMatch(r -> r.getType() == Type.DNSKEY).hasSize(6);
    UnsignedZone again = UnsignedZone.parse(ORIGIN, z.toText(), "round trip");
    assertThat(again).isEqualTo(z);
  }

  @Test
  void apexSoaAndLastNsSurviveDeletes() throws Exception {
    UnsignedZone z = zone();
    UnsignedZone after =
        z.apply(
            List.of(
                new DnsChange.DeleteName(ORIGIN),
                new DnsChange.DeleteRRset(ORIGIN, Type.SOA),
                new DnsChange.Delete(
                    new NSRecord(
                        ORIGIN, DClass.IN, 300, Name.fromConstantString("ns1.example.test."))),
                new DnsChange.Delete(
                    new NSRecord(
                        ORIGIN, DClass.IN, 300, Name.fromConstantString("ns2.example.test.")))));
    assertThat(after.soa()).isNotNull();
    assertThat(after.records()).filteredOn(r -> r.getType() == Type.NS).hasSize(1);
    assertThat(z.apply(List.of(new DnsChange.DeleteName(WWW))).records())
        .noneMatch(r -> r.getName().equals(WWW));
  }

  @Test
  void addsDoNotDuplicateAndGiveTheRrsetTheNewTtl() throws Exception {
    UnsignedZone z = zone();
    Record again = new ARecord(WWW, DClass.IN, 60, java.net.InetAddress.getByName("192.0.2.2"));
    Record second = new ARecord(WWW, DClass.IN, 60, java.net.InetAddress.getByName("192.0.2.3"));
    UnsignedZone after = z.apply(List.of(new DnsChange.Add(again), new DnsChange.Add(second)));
    assertThat(after.records())
        .filteredOn(r -> r.getName().equals(WWW) && r.getType() == Type.A)
        .hasSize(2)
        .allMatch(r -> r.getTTL() == 60);
    ZoneChange change = z.changeTo(after);
    assertThat(change.additions()).hasSize(2);
    assertThat(change.deletions()).containsExactly(again); // re-added with the new TTL
    assertThat(
            z.apply(
                List.of(
                    new DnsChange.Add(
                        new ARecord(
                            WWW, DClass.IN, 300, java.net.InetAddress.getByName("192.0.2.2"))))))
        .isEqualTo(z);
  }

  @Test
  void prerequisitesGiveTheServersRcode() throws Exception {
    UnsignedZone z = zone();
    Name none = Name.fromConstantString("none.example.test.");
    assertThat(z.failedPrerequisite(List.of(new DnsPrerequisite.RRsetExists(WWW, Type.AAAA))))
        .isNull();
    assertThat(z.failedPrerequisite(List.of(new DnsPrerequisite.RRsetExists(WWW, Type.TXT))))
        .startsWith("NXRRSET");
    assertThat(z.failedPrerequisite(List.of(new DnsPrerequisite.RRsetAbsent(WWW, Type.A))))
        .startsWith("YXRRSET");
    assertThat(z.failedPrerequisite(List.of(new DnsPrerequisite.NameInUse(none))))
        .startsWith("NXDOMAIN");
    assertThat(z.failedPrerequisite(List.of(new DnsPrerequisite.NameNotInUse(WWW))))
        .startsWith("YXDOMAIN");
    Record aaaa = new AAAARecord(WWW, DClass.IN, 1, java.net.InetAddress.getByName("2001:db8::2"));
    assertThat(z.failedPrerequisite(List.of(new DnsPrerequisite.RRsetEquals(List.of(aaaa)))))
        .isNull();
    Record other = new TXTRecord(WWW, DClass.IN, 1, "x");
    assertThat(z.failedPrerequisite(List.of(new DnsPrerequisite.RRsetEquals(List.of(other)))))
        .contains("RRsetEquals");
  }
}
