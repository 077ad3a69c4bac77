package org.zonetrust.core.internal.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;
import org.zonetrust.core.dns.DnsChange;
import org.zonetrust.core.dns.DnsPrerequisite;
import org.zonetrust.core.dns.DnsUpdate;

class UpdateMessagesTest {
  private static final Name ZONE = Name.fromConstantString("example.test.");
  private static final Name A = Name.fromConstantString("a.example.test.");
  private static final TXTRecord TXT = new TXTRecord(A, DClass.IN, 300, "hello");

  /** Encodes and re-parses, as the server sees it. */
  private static Message roundTrip(DnsUpdate u) throws Exception {
    return new Message(UpdateMessages.build(u).toWire());
  }

  private static void assertRr(Record r, Name name, int type, int dclass, long ttl, String rdata) {
    assertThat(r.getName()).isEqualTo(name);
    assertThat(Type.string(r.getType())).isEqualTo(Type.string(type));
    assertThat(DClass.string(r.getDClass())).isEqualTo(DClass.string(dclass));
    assertThat(r.getTTL()).isEqualTo(ttl);
    assertThat(r.rdataToString()).isEqualTo(rdata);
  }

  @Test
  void zoneSectionIsSoaOfTheZone() throws Exception {
    Message m = roundTrip(DnsUpdate.builder(ZONE).add(TXT).build());
    assertThat(m.getHeader().getOpcode()).isEqualTo(Opcode.UPDATE);
    List<Record> zone = m.getSection(Section.ZONE);
    assertThat(zone).hasSize(1);
    assertThat(zone.get(0).getName()).isEqualTo(ZONE);
    assertThat(zone.get(0).getType()).isEqualTo(Type.SOA);
    assertThat(zone.get(0).getDClass()).isEqualTo(DClass.IN);
  }

  @Test
  void changesEncodePerRfc2136Section25() throws Exception {
    Message m =
        roundTrip(
            DnsUpdate.builder(ZONE)
                .add(TXT)
                .delete(TXT)
                .deleteRRset(A, Type.TXT)
                .change(new DnsChange.DeleteName(A))
                .build());
    List<Record> u = m.getSection(Section.UPDATE);
    assertThat(u).hasSize(4);
    assertRr(u.get(0), A, Type.TXT, DClass.IN, 300, "\"hello\""); // 2.5.1 add
    assertRr(u.get(1), A, Type.TXT, DClass.NONE, 0, "\"hello\""); // 2.5.4 delete one RR
    assertRr(u.get(2), A, Type.TXT, DClass.ANY, 0, ""); // 2.5.2 delete RRset
    assertRr(u.get(3), A, Type.ANY, DClass.ANY, 0, ""); // 2.5.3 delete name
  }

  @Test
  void prerequisitesEncodePerRfc2136Section24() throws Exception {
    Message m =
        roundTrip(
            DnsUpdate.builder(ZONE)
                .require(new DnsPrerequisite.RRsetExists(A, Type.TXT))
                .require(new DnsPrerequisite.RRsetEquals(List.of(TXT)))
                .require(new DnsPrerequisite.RRsetAbsent(A, Type.A))
                .require(new DnsPrerequisite.NameInUse(A))
                .require(new DnsPrerequisite.NameNotInUse(A))
                .add(TXT)
                .build());
    List<Record> p = m.getSection(Section.PREREQ);
    assertThat(p).hasSize(5);
    assertRr(p.get(0), A, Type.TXT, DClass.ANY, 0, ""); // 2.4.1
    assertRr(p.get(1), A, Type.TXT, DClass.IN, 0, "\"hello\""); // 2.4.2: TTL 0, not 300
    assertRr(p.get(2), A, Type.A, DClass.NONE, 0, ""); // 2.4.3
    assertRr(p.get(3), A, Type.ANY, DClass.ANY, 0, ""); // 2.4.4
    assertRr(p.get(4), A, Type.ANY, DClass.NONE, 0, ""); // 2.4.5
  }

  @Test
  void rdataWithNamesKeepsItsCase() throws Exception {
    CNAMERecord c = new CNAMERecord(A, DClass.IN, 60, Name.fromConstantString("Target.Example."));
    Message m = roundTrip(DnsUpdate.builder(ZONE).delete(c).build());
    assertRr(m.getSection(Section.UPDATE).get(0), A, Type.CNAME, DClass.NONE, 0, "Target.Example.");
  }

  @Test
  void rcodeMappingCoversTsigNames() {
    assertThat(RcodeMapping.mnemonic(16)).isEqualTo("BADSIG");
    assertThat(RcodeMapping.mnemonic(17)).isEqualTo("BADKEY");
    assertThat(RcodeMapping.mnemonic(18)).isEqualTo("BADTIME");
    assertThat(RcodeMapping.mnemonic(5)).isEqualTo("REFUSED");
  }

  @Test
  void addressesFormatBothFamilies() throws Exception {
    assertThat(
            Addresses.format(
                new java.net.InetSocketAddress(java.net.InetAddress.getByName("::1"), 5300)))
        .isEqualTo("[::1]:5300");
    assertThat(
            Addresses.format(
                new java.net.InetSocketAddress(
                    java.net.InetAddress.getByName("2001:db8:0:0:0:0:0:53"), 53)))
        .isEqualTo("[2001:db8::53]:53");
    assertThat(
            Addresses.format(
                new java.net.InetSocketAddress(java.net.InetAddress.getByName("192.0.2.1"), 53)))
        .isEqualTo("192.0.2.1:53");
  }
}
