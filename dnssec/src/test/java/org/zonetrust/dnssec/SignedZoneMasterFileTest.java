package org.zonetrust.dnssec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.xbill.DNS.Master;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.zonetrust.dnssec.DifficultZones.Shape;

/**
 * The master file of a signed zone holds exactly {@link SignedZone#records()}, in that order: read
 * back with dnsjava's {@link Master} and with {@link ZoneFile#read}, for every zone of the corpus
 * (escaped labels with printable specials, unknown types, long TXT, wildcards...). Names in it are
 * escaped so that Knot can read them too.
 */
class SignedZoneMasterFileTest {
  private static final DnssecAlgorithm ALG = DnssecAlgorithm.ED25519;

  private static SignedZone sign(TestZone zone, Denial denial) throws DnssecException {
    return ZoneSigner.builder()
        .keys(
            List.of(
                SigningKey.generate(zone.origin(), ALG, KeyRole.KSK),
                SigningKey.generate(zone.origin(), ALG, KeyRole.ZSK)))
        .clock(SignerFixtures.CLOCK)
        .denial(denial)
        .threads(2)
        .build()
        .sign(zone.origin(), zone.records());
  }

  private static List<String> exact(List<Record> records) {
    return records.stream().map(r -> HexFormat.of().formatHex(r.toWire(Section.ANSWER))).toList();
  }

  private static List<Record> master(String text, Name origin) throws IOException {
    List<Record> out = new ArrayList<>();
    try (Master m =
        new Master(new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)), origin)) {
      for (Record r = m.nextRecord(); r != null; r = m.nextRecord()) {
        out.add(r);
      }
    }
    return out;
  }

  @ParameterizedTest
  @EnumSource(Shape.class)
  void corpusZonesReadBackToTheirRecords(Shape shape, @TempDir Path dir) throws Exception {
    TestZone zone =
        DifficultZones.generate(
            shape, shape.corpusOrigin(), shape.corpusNameServer(), 1, PeerCorpusIT.SEED);
    for (Denial denial : List.of(Denial.nsec(), Denial.nsec3OptOut())) {
      SignedZone signed = sign(zone, denial);
      String text = signed.toMasterFile();
      Path file = dir.resolve(shape.id() + ".signed");
      signed.writeMasterFile(file);

      assertThat(Files.readString(file, StandardCharsets.US_ASCII)).isEqualTo(text);
      assertThat(text).matches("[\\x20-\\x7e\t\n]*").doesNotContain("\r").doesNotContain("\n\n");
      List<String> expected = exact(signed.records());
      assertThat(exact(master(text, zone.origin()))).isEqualTo(expected);
      assertThat(exact(ZoneFile.read(file, zone.origin()))).isEqualTo(expected);
    }
  }

  @Test
  void printableSpecialsInNamesAreWrittenAsDecimalEscapes() throws Exception {
    TestZone zone =
        DifficultZones.generate(
            Shape.ESCAPED_LABELS,
            Shape.ESCAPED_LABELS.corpusOrigin(),
            Shape.ESCAPED_LABELS.corpusNameServer(),
            1,
            PeerCorpusIT.SEED);
    String text = sign(zone, Denial.nsec()).toMasterFile();

    assertThat(text)
        .contains("eq\\061sign.escaped.zonetrust.example.\t")
        .contains("\tNSEC\ta\\046b.escaped.zonetrust.example. ")
        .contains("a\\042b.escaped.zonetrust.example.\t");
    for (String line : text.split("\n")) {
      String owner = line.substring(0, line.indexOf('\t'));
      assertThat(owner).as(line).matches("(\\*\\.)?([A-Za-z0-9_/-]|\\\\[0-9]{3}|\\.)+");
    }
  }
}
