package org.zonetrust.dnssec.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

class MasterFileWriterTest {
  private static final Name ORIGIN = Name.fromConstantString("example.test.");

  private static String line(Record r) {
    StringWriter w = new StringWriter();
    try {
      MasterFileWriter.write(w, each -> each.accept(r));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return w.toString();
  }

  private static Record record(String owner, int type, String rdata) throws IOException {
    return Record.fromString(Name.fromString(owner, ORIGIN), type, DClass.IN, 300, rdata, ORIGIN);
  }

  /** dnsjava parses the written line back to the same record, octet for octet, case included. */
  private static void assertReadsBack(Record r) throws IOException {
    String text = line(r);
    assertThat(text).endsWith("\n").doesNotContain("\r").hasLineCount(1);
    String[] fields = text.strip().split("\t", 5);
    Record back =
        Record.fromString(
            Name.fromString(fields[0]),
            Type.value(fields[3]),
            DClass.value(fields[2]),
            Long.parseLong(fields[1]),
            fields.length > 4 ? fields[4] : "",
            Name.root);
    assertThat(back.toWire(Section.ANSWER)).as(text).isEqualTo(r.toWire(Section.ANSWER));
  }

  @ParameterizedTest
  @CsvSource(
      delimiterString = " => ",
      quoteCharacter = '`',
      value = {
        "www.example.test. => www.example.test.",
        "A-b_c/25.example.test. => A-b_c/25.example.test.",
        "a\\=b\\,c\\#d\\?e\\{f\\}.example.test. => a\\061b\\044c\\035d\\063e\\123f\\125.example.test.",
        "a\\.b.example.test. => a\\046b.example.test.",
        "\\000\\032\\\"\\;\\(\\)\\@\\$\\\\.example.test. => "
            + "\\000\\032\\034\\059\\040\\041\\064\\036\\092.example.test.",
        "\\200\\255~!%&+'<>^|[]:.example.test. => "
            + "\\200\\255\\126\\033\\037\\038\\043\\039\\060\\062\\094\\124\\091\\093\\058"
            + ".example.test.",
        "*.example.test. => *.example.test.",
        "*.*.example.test. => *.\\042.example.test.",
        "a*b.example.test. => a\\042b.example.test.",
        "\\042.example.test. => *.example.test.",
        "**.example.test. => \\042\\042.example.test.",
        ". => .",
      })
  void namesEscapeEveryOctetOutsideLettersDigitsHyphenUnderscoreSlash(String in, String out)
      throws TextParseException {
    Name name = Name.fromString(in);
    StringWriter w = new StringWriter();
    TextSink sink = new TextSink(w, 256);
    try {
      NamePresentation.write(sink, name);
      sink.flush();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    assertThat(w.toString()).isEqualTo(out);
    assertThat(Name.fromString(w.toString()).toWire()).isEqualTo(name.toWire());
    assertThat(NamePresentation.isPlain(name)).isEqualTo(out.equals(name.toString()));
  }

  @Test
  void commonTypesAreWrittenInTheUsualForm() throws IOException {
    assertThat(line(record("MiXeD", Type.A, "192.0.2.1")))
        .isEqualTo("MiXeD.example.test.\t300\tIN\tA\t192.0.2.1\n");
    assertThat(line(record("x", Type.MX, "10 m\\=x.example.net.")))
        .isEqualTo("x.example.test.\t300\tIN\tMX\t10 m\\061x.example.net.\n");
    assertThat(line(record("x", Type.TXT, "\"a \\\"q\\\" \\\\ ;()\" \"\\007\\200\" \"\"")))
        .isEqualTo("x.example.test.\t300\tIN\tTXT\t\"a \\\"q\\\" \\\\ ;()\" \"\\007\\200\" \"\"\n");
    assertThat(line(record("@", Type.SOA, "ns\\,1 host\\.master 4294967295 1 2 3 4")))
        .isEqualTo(
            "example.test.\t300\tIN\tSOA\tns\\0441.example.test. host\\046master.example.test."
                + " 4294967295 1 2 3 4\n");
    assertThat(line(record("x", Type.NSEC3PARAM, "1 0 0 -")))
        .isEqualTo("x.example.test.\t300\tIN\tNSEC3PARAM\t1 0 0 -\n");
    assertThat(line(record("x", Type.value("TYPE65280"), "\\# 3 0A0b0C")))
        .isEqualTo("x.example.test.\t300\tIN\tTYPE65280\t\\# 3 0A0B0C\n");
    assertThat(line(record("x", Type.value("TYPE65281"), "\\# 0")))
        .isEqualTo("x.example.test.\t300\tIN\tTYPE65281\t\\# 0\n");
  }

  @Test
  void rrsigTimesAreYyyyMmDdHhMmSsInUtc() throws IOException {
    Record sig =
        new RRSIGRecord(
            Name.fromString("a\\=b.example.test."),
            DClass.IN,
            300,
            Type.A,
            13,
            300,
            Instant.parse("2106-02-07T06:28:15Z"),
            Instant.parse("2024-02-29T23:59:59Z"),
            12345,
            ORIGIN,
            new byte[] {1, 2, 3, 4});
    assertThat(line(sig))
        .isEqualTo(
            "a\\061b.example.test.\t300\tIN\tRRSIG\tA 13 3 300 21060207062815 20240229235959"
                + " 12345 example.test. AQIDBA==\n");
    assertReadsBack(sig);
  }

  @ParameterizedTest
  @CsvSource({
    "2001:db8::1, 2001:db8::1",
    "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
    "2001:0:0:1:0:0:0:1, 2001:0:0:1::1",
    "0:0:0:0:0:0:0:0, ::",
    "0:0:0:0:0:0:0:1, ::1",
    "1:0:0:0:0:0:0:0, 1::",
    "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
    "FFFF:abcd:0:0:0:0:0:0, ffff:abcd::",
    "::ffff:192.0.2.1, ::ffff:192.0.2.1",
  })
  void ipv6AddressesFollowRfc5952(String in, String out) throws IOException {
    Record r = record("v6", Type.AAAA, in);
    assertThat(line(r)).isEqualTo("v6.example.test.\t300\tIN\tAAAA\t" + out + "\n");
    assertReadsBack(r);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "A|192.0.2.255",
        "AAAA|2001:db8:1:2:3:4:5:6",
        "NS|ns\\=1.example.net.",
        "CNAME|\\#x.Target.",
        "DNAME|\\{a\\}.",
        "PTR|*.example.net.",
        "MX|0 .",
        "SRV|1 2 65535 sip\\?.example.net.",
        "TXT|\"\\000\\255 \\\"\\\\\" x",
        "SPF|\"v=spf1 -all\"",
        "SOA|a. b. 0 1 2 3 4",
        "DS|12345 13 2 0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF",
        "CDS|0 0 0 00",
        "DNSKEY|257 3 13 AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyAhIiMkJSYnKCkqKywtLi8w",
        "DNSKEY|256 3 8 AQ==",
        "CDNSKEY|0 3 0 AA==",
        "RRSIG|NSEC3 8 2 86400 20260101000000 19700101000000 1 \\,. AQID",
        "RRSIG|TYPE65280 15 0 0 20260101000000 20250101000000 65535 . AQIDBA==",
        "NSEC|next\\ with\\ space.example.test. A NS SOA RRSIG NSEC DNSKEY TYPE65280",
        "NSEC|\\000.example.test.",
        "NSEC3|1 1 0 - 0123456789ABCDEFGHIJKLMNOPQRSTUV A RRSIG",
        "NSEC3|1 0 100 AABBCC 00000000000000000000000000000000",
        "NSEC3PARAM|1 0 10 ABCDEF",
        "TLSA|3 1 1 ABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABAB",
        "CAA|0 issue \"ca.example;x=\\\"y\\\"\"",
        "SSHFP|1 1 0123456789ABCDEF0123456789ABCDEF01234567",
        "NAPTR|100 10 \"S\" \"SIP+D2U\" \"!^.*$!sip:a@b!\" _sip._udp.example.net.",
        "NAPTR|100 10 \"S\" \"SIP+D2U\" \"\" _sip\\=x._udp.example.net.",
        "AFSDB|1 afs\\#db.example.net.",
        "RP|mbox\\=x.example.net. txt.example.net.",
        "KX|10 kx\\?.example.net.",
        "HINFO|\"cpu\" \"os \\\"x\\\"\"",
        "TYPE65280|\\# 21 00112233445566778899AABBCCDDEEFF0011223344",
      })
  void everyTypeReadsBackToTheSameOctets(String type, String rdata) throws IOException {
    Record r = record("Owner-\\=\\#.Sub", Type.value(type), rdata);
    assertReadsBack(r);
  }

  @Test
  void otherTypesWithSpecialsInTheirNamesAreWrittenInTheGenericForm() throws IOException {
    assertThat(line(record("n", Type.NAPTR, "1 2 \"S\" \"\" \"\" a.example.net.")))
        .endsWith("\tNAPTR\t1 2 \"S\" \"\" \"\" a.example.net.\n");
    assertThat(line(record("r", Type.RP, "A\\=b.example.net. .")))
        .endsWith("\tRP\t\\# 18 03413D62076578616D706C65036E65740000\n")
        .doesNotContain("=");
  }

  @Test
  void writerFailuresReachTheCaller() throws IOException {
    Writer failing =
        new Writer() {
          @Override
          public void write(char[] chars, int offset, int length) throws IOException {
            throw new IOException("disk full");
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    Record a = record("x", Type.A, "192.0.2.1");
    assertThatThrownBy(() -> MasterFileWriter.write(failing, each -> each.accept(a)))
        .isInstanceOf(IOException.class)
        .hasMessage("disk full");
  }

  @Test
  void longRdataPassesThroughTheBuffer() throws IOException {
    Record big = record("x", Type.TXT, "\"" + "\\255".repeat(255) + "\" \"\"");
    assertThat(line(big)).contains("\\255".repeat(255));
    assertReadsBack(big);
  }
}
