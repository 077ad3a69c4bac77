package org.zonetrust.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

class RecordParserTest {
  private static final Name ZONE = Name.fromConstantString("example.test.");

  @Test
  void relativeNameWithTtlAndClass() throws Exception {
    Record r = RecordParser.parse("www 120 IN A 192.0.2.7", ZONE, 300);
    assertThat(r).isInstanceOf(ARecord.class);
    assertThat(r.getName()).isEqualTo(Name.fromString("www.example.test."));
    assertThat(r.getTTL()).isEqualTo(120);
    assertThat(r.rdataToString()).isEqualTo("192.0.2.7");
  }

  @Test
  void defaultTtlAndQuotedTxtWithSpaces() throws Exception {
    Record r = RecordParser.parse("_acme-challenge TXT \"a b\" \"c\"", ZONE, 300);
    assertThat(r).isInstanceOf(TXTRecord.class);
    assertThat(r.getTTL()).isEqualTo(300);
    assertThat(((TXTRecord) r).getStrings()).containsExactly("a b", "c");
  }

  @Test
  void absoluteNameAndApex() throws Exception {
    assertThat(RecordParser.parse("@ 60 TXT x", ZONE, 300).getName()).isEqualTo(ZONE);
    assertThat(RecordParser.parse("a.example.test. 60 TXT x", ZONE, 300).getName())
        .isEqualTo(Name.fromString("a.example.test."));
  }

  @Test
  void nameAndType() throws Exception {
    RecordParser.RRsetRef ref = RecordParser.parseNameAndType("www TXT", ZONE);
    assertThat(ref.name()).isEqualTo(Name.fromString("www.example.test."));
    assertThat(ref.type()).isEqualTo(Type.TXT);
    assertThatThrownBy(() -> RecordParser.parseNameAndType("www TXT extra", ZONE))
        .isInstanceOf(TextParseException.class)
        .hasMessageContaining("NAME TYPE only");
  }

  @Test
  void errorsNameTheInput() {
    assertThatThrownBy(() -> RecordParser.parse("www", ZONE, 300))
        .isInstanceOf(TextParseException.class)
        .hasMessageContaining("missing type");
    assertThatThrownBy(() -> RecordParser.parse("www 60 CH A 1.2.3.4", ZONE, 300))
        .hasMessageContaining("only class IN");
    assertThatThrownBy(() -> RecordParser.parse("www 60 A not-an-address", ZONE, 300))
        .isInstanceOf(TextParseException.class);
  }
}
