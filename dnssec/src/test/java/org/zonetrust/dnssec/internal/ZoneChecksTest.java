package org.zonetrust.dnssec.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

class ZoneChecksTest {
  private static final Name ORIGIN = Name.fromConstantString("example.test.");

  private static List<Record> apex() throws Exception {
    Name ns = Name.fromString("ns1", ORIGIN);
    List<Record> records = new ArrayList<>();
    records.add(new SOARecord(ORIGIN, DClass.IN, 300, ns, ns, 1, 7200, 3600, 1209600, 300));
    records.add(new NSRecord(ORIGIN, DClass.IN, 300, ns));
    records.add(new ARecord(ns, DClass.IN, 300, InetAddress.getByName("192.0.2.1")));
    return records;
  }

  @Test
  void messagesUseTheCallersLocationAndCarryTheIndex() throws Exception {
    List<Record> records = apex();
    Name www = Name.fromString("www", ORIGIN);
    records.add(new TXTRecord(www, DClass.IN, 300, "a"));
    records.add(new TXTRecord(www, DClass.IN, 60, "b"));
    assertThatThrownBy(() -> ZoneChecks.check(ORIGIN, records, i -> "record #" + i))
        .isInstanceOfSatisfying(
            ZoneCheckException.class,
            e -> {
              assertThat(e.index()).isEqualTo(4);
              assertThat(e.getMessage())
                  .isEqualTo(
                      "record #4: TTL 60 of www.example.test. TXT differs from TTL 300 of the same"
                          + " RRset at record #3; all records of an RRset must have one TTL");
            });
  }

  @Test
  void rrsigsOfDifferentTypesMayHaveDifferentTtls() throws Exception {
    List<Record> records = apex();
    for (int type : new int[] {Type.SOA, Type.NS}) {
      records.add(
          new RRSIGRecord(
              ORIGIN,
              DClass.IN,
              type == Type.SOA ? 300 : 3600,
              type,
              13,
              300,
              java.time.Instant.parse("2034-01-01T00:00:00Z"),
              java.time.Instant.parse("2024-01-01T00:00:00Z"),
              1,
              ORIGIN,
              new byte[64]));
    }
    ZoneChecks.check(ORIGIN, records, i -> "#" + i);
  }

  @Test
  void missingApexDataHasNoIndex() throws Exception {
    List<Record> records = apex().subList(1, 3);
    assertThatThrownBy(() -> ZoneChecks.check(ORIGIN, records, i -> "#" + i))
        .isInstanceOfSatisfying(
            ZoneCheckException.class,
            e -> {
              assertThat(e.index()).isEqualTo(-1);
              assertThat(e.getMessage()).isEqualTo("no SOA record at the zone apex example.test.");
            });
  }

  @Test
  void aMillionRecordsAreCheckedQuickly() throws Exception {
    List<Record> records = apex();
    InetAddress v4 = InetAddress.getByName("192.0.2.9");
    InetAddress v6 = InetAddress.getByName("2001:db8::9");
    for (int i = 0; i < 500_000; i++) {
      Name name = Name.fromString("h" + i, ORIGIN);
      records.add(new ARecord(name, DClass.IN, 300, v4));
      records.add(new AAAARecord(name, DClass.IN, 300, v6));
    }
    long start = System.nanoTime();
    ZoneChecks.check(ORIGIN, records, i -> "#" + i);
    long millis = (System.nanoTime() - start) / 1_000_000;
    // measured around 1 s on 2 shared cores; linear-time grouping, no global sort of names
    assertThat(millis).as("ms for %d records", records.size()).isLessThan(15_000);
    records.add(new ARecord(Name.fromString("h77", ORIGIN), DClass.IN, 300, v4));
    assertThatThrownBy(() -> ZoneChecks.check(ORIGIN, records, i -> "#" + i))
        .hasMessage("#1000003: duplicate record h77.example.test. A (same as at #157)");
  }
}
