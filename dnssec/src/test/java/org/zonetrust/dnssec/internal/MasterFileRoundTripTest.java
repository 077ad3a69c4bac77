package org.zonetrust.dnssec.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;
import org.zonetrust.dnssec.ZoneFile;
import org.zonetrust.dnssec.ZoneFileException;

/**
 * What the writer writes, {@link ZoneFile#read} reads back to the same records, octet for octet
 * (case included), for names made of arbitrary octets: {@code \000}, dots inside labels, quotes,
 * {@code ; ( ) @ $ \ *}, spaces, printable specials, upper case, 63-octet labels, in owner names
 * and inside RDATA.
 */
class MasterFileRoundTripTest {
  private static final Name ORIGIN = Name.fromConstantString("example.test.");
  private static final Name DATA = Name.fromConstantString("data.example.test.");
  private static final String SPECIALS = ".\"();@$\\* =,#?{}!%&+~^|[]:<>'`/_-AZ";

  @Property(tries = 200)
  void zoneFileReadsBackExactlyWhatWasWritten(@ForAll long seed) throws IOException {
    Random random = new Random(seed);
    List<Record> zone = zone(random);

    StringWriter text = new StringWriter();
    MasterFileWriter.write(text, zone::forEach);
    List<Record> back;
    try {
      back = ZoneFile.read(new StringReader(text.toString()), "round-trip", ORIGIN);
    } catch (ZoneFileException e) {
      throw new AssertionError(e.getMessage() + " in\n" + text, e);
    }

    assertThat(back.stream().map(MasterFileRoundTripTest::exact).toList())
        .as(text::toString)
        .containsExactlyElementsOf(zone.stream().map(MasterFileRoundTripTest::exact).toList());
  }

  /** Owner, type, class, TTL and RDATA in wire form, names as they are (not lower-cased). */
  private static String exact(Record r) {
    return HexFormat.of().formatHex(r.toWire(Section.ANSWER));
  }

  private static List<Record> zone(Random random) throws IOException {
    // dnsjava's equality ignores case, as ZoneFile's duplicate check does: keep one of each
    LinkedHashSet<Record> records = new LinkedHashSet<>();
    records.add(
        record(
            ORIGIN,
            Type.SOA,
            rdataName(random) + " " + rdataName(random) + " 1 7200 3600 1209600 300"));
    records.add(record(ORIGIN, Type.NS, rdataName(random)));
    for (int i = 0, n = 1 + random.nextInt(12); i < n; i++) {
      Name owner = randomName(random, DATA);
      records.add(
          switch (random.nextInt(12)) {
            case 0 -> record(owner, Type.A, "192.0.2." + random.nextInt(256));
            case 1 -> record(owner, Type.MX, "10 " + rdataName(random));
            case 2 -> record(owner, Type.SRV, "1 2 443 " + rdataName(random));
            case 3 -> record(owner, Type.TXT, txt(random));
            case 4 -> record(owner, Type.PTR, rdataName(random));
            case 5 -> record(owner, Type.NSEC, rdataName(random) + " A NS RRSIG NSEC TYPE65280");
            case 6 ->
                record(
                    owner,
                    Type.RRSIG,
                    "A 13 2 300 20260101000000 20250101000000 12345 "
                        + rdataName(random)
                        + " AQ==");
            case 7 -> record(owner, Type.RP, rdataName(random) + " " + rdataName(random));
            case 8 ->
                record(
                    owner,
                    Type.NAPTR,
                    "100 10 \"S\" \"SIP+D2U\" \"!^.*$!x!\" " + rdataName(random));
            case 9 -> record(owner, Type.AFSDB, "1 " + rdataName(random));
            case 10 -> record(owner, 65280, "\\# 3 0A0B0C");
            default ->
                record(owner, Type.AAAA, "2001:db8::" + Integer.toHexString(random.nextInt(65536)));
          });
    }
    // a CNAME must stand alone at its owner: below a label no other owner has
    records.add(
        record(
            randomName(random, Name.fromConstantString("cname.example.test.")),
            Type.CNAME,
            rdataName(random)));
    return new ArrayList<>(records);
  }

  private static Record record(Name owner, int type, String rdata) throws IOException {
    return Record.fromString(owner, type, DClass.IN, 300, rdata, ORIGIN);
  }

  /** An absolute random name for RDATA, written with every octet as {@code \DDD}. */
  private static String rdataName(Random random) {
    Name name = randomName(random, random.nextBoolean() ? ORIGIN : Name.root);
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < name.labels() - 1; i++) {
      byte[] label = name.getLabel(i);
      for (int j = 1; j < label.length; j++) {
        text.append(String.format("\\%03d", label[j] & 0xff));
      }
      text.append('.');
    }
    return text.length() == 0 ? "." : text.toString();
  }

  private static Name randomName(Random random, Name suffix) {
    StringBuilder text = new StringBuilder();
    int room = 255 - suffix.length();
    for (int labels = 1 + random.nextInt(4); labels > 0 && room > 1; labels--) {
      int length = Math.min(room - 1, random.nextInt(8) == 0 ? 63 : 1 + random.nextInt(12));
      room -= length + 1;
      for (int i = 0; i < length; i++) {
        text.append(String.format("\\%03d", octet(random)));
      }
      text.append('.');
    }
    if (random.nextInt(10) == 0 && room > 1) {
      text.insert(0, "*.");
    }
    text.setLength(text.length() - 1); // relative to the suffix
    try {
      return Name.fromString(text.toString(), suffix);
    } catch (TextParseException e) {
      throw new IllegalStateException(text.toString(), e);
    }
  }

  private static int octet(Random random) {
    return switch (random.nextInt(4)) {
      case 0 -> random.nextInt(256);
      case 1 -> 'a' + random.nextInt(26);
      case 2 -> 'A' + random.nextInt(26);
      default -> SPECIALS.charAt(random.nextInt(SPECIALS.length()));
    };
  }

  private static String txt(Random random) {
    StringBuilder text = new StringBuilder();
    for (int s = 0, n = 1 + random.nextInt(3); s < n; s++) {
      text.append(s == 0 ? "\"" : " \"");
      for (int i = 0, length = random.nextInt(random.nextInt(5) == 0 ? 256 : 20); i < length; i++) {
        text.append(String.format("\\%03d", octet(random)));
      }
      text.append('"');
    }
    return text.toString();
  }
}
