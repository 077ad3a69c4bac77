package org.zonetrust.dnssec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

class ZoneFileTest {
  private static final Name ORIGIN = Name.fromConstantString("example.test.");
  private static final String HEAD =
      "$TTL 300\n@ IN SOA ns1 hostmaster 1 7200 3600 1209600 300\n  IN NS ns1\nns1 IN A 192.0.2.1\n";

  private static ZoneFileException failure(ThrowingRead read) {
    try {
      read.run();
    } catch (ZoneFileException e) {
      return e;
    }
    throw new AssertionError("expected a ZoneFileException");
  }

  @FunctionalInterface
  private interface ThrowingRead {
    void run() throws ZoneFileException;
  }

  @Test
  void readsAZoneWithUnknownTypesEscapesAndDirectives(@TempDir Path dir) throws Exception {
    List<Record> records = ZoneFile.read(PeerSigners.unsignedZone(dir), ORIGIN);
    assertThat(records).hasSize(20);
    Record unknown = records.stream().filter(r -> r.getType() == 65534).findFirst().orElseThrow();
    assertThat(unknown.getName()).isEqualTo(Name.fromString("unknown.example.test."));
    assertThat(unknown.rdataToString()).isEqualTo("\\# 3 ABCDEF");
    assertThat(records)
        .anyMatch(r -> r.getName().equals(Name.fromConstantString("odd\\.label.example.test.")))
        .allMatch(r -> r.getTTL() == 300);
    assertThatThrownBy(() -> records.add(unknown))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void readerVariantNamesItsSourceAndKeepsLines() {
    String text = HEAD + "$GENERATE 1-3 h$ A 192.0.2.$\n\nwww IN A 192.0.2.300\n";
    ZoneFileException e =
        failure(() -> ZoneFile.read(new StringReader(text), "inline.zone", ORIGIN));
    assertThat(e.source()).isEqualTo("inline.zone");
    assertThat(e.line()).isEqualTo(7);
    assertThat(e.getMessage()).startsWith("inline.zone:7: ");
  }

  @Test
  void windowsLineEndingsKeepLineNumbers() {
    String text = (HEAD + "; comment\n\nwww IN A 192.0.2.2 junk\n").replace("\n", "\r\n");
    ZoneFileException e = failure(() -> ZoneFile.read(new StringReader(text), "crlf.zone", ORIGIN));
    assertThat(e.line()).isEqualTo(7);
  }

  @Test
  void generatedRecordsArePartOfTheZone() throws Exception {
    List<Record> records =
        ZoneFile.read(
            new StringReader(HEAD + "$GENERATE 1-3 h$ A 192.0.2.$\n"), "gen.zone", ORIGIN);
    assertThat(records).filteredOn(r -> r.getName().toString().startsWith("h")).hasSize(3);
  }

  @Test
  void errorsInGeneratedRecordsPointAtTheDirective() {
    String text = HEAD + "h2 IN A 192.0.2.2\n$GENERATE 1-3 h$ A 192.0.2.$\n";
    ZoneFileException e = failure(() -> ZoneFile.read(new StringReader(text), "gen.zone", ORIGIN));
    assertThat(e.getMessage())
        .isEqualTo("gen.zone:6: duplicate record h2.example.test. A (same as at gen.zone:5)");
  }

  @Test
  void includeIsRefusedByDefault(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("hosts.inc"), "www IN A 192.0.2.5\n");
    Path zone = Files.writeString(dir.resolve("zone.db"), HEAD + "$INCLUDE hosts.inc\n");
    ZoneFileException e = failure(() -> ZoneFile.read(zone, ORIGIN));
    assertThat(e.line()).isEqualTo(5);
    assertThat(e.detail()).contains("$INCLUDE is refused", "allowIncludes(true)");
  }

  @Test
  void includeInsideTheDirectoryWorksWhenAllowed(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("inc"));
    Files.writeString(dir.resolve("inc/hosts.inc"), "; hosts\nwww A 192.0.2.5\nmail A 192.0.2.6\n");
    Files.writeString(dir.resolve("inc/sub.inc"), "host A 192.0.2.7\n");
    Path zone =
        Files.writeString(
            dir.resolve("zone.db"),
            HEAD
                + "$TTL 600\n$INCLUDE inc/hosts.inc\n$INCLUDE \"inc/sub.inc\" sub.example.test.\n"
                + "after IN A 192.0.2.8\n");
    ZoneFile reader = ZoneFile.builder().allowIncludes(true).build();
    List<Record> records = reader.parse(zone, ORIGIN);
    assertThat(records)
        .extracting(r -> r.getName() + " " + r.getTTL())
        .containsSubsequence(
            "ns1.example.test. 300",
            "www.example.test. 600",
            "mail.example.test. 600",
            "host.sub.example.test. 600",
            "after.example.test. 600");
  }

  @Test
  void errorsInsideAnIncludeNameTheIncludedFileAndLine(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("hosts.inc"), "www A 192.0.2.5\nwww A 192.0.2.5\n");
    Path zone =
        Files.writeString(dir.resolve("zone.db"), HEAD + "$INCLUDE hosts.inc\nx A 1.2.3.4\n");
    ZoneFileException e =
        failure(() -> ZoneFile.builder().allowIncludes(true).build().parse(zone, ORIGIN));
    assertThat(e.source()).isEqualTo(dir.resolve("hosts.inc").toString());
    assertThat(e.line()).isEqualTo(2);
    assertThat(e.getMessage()).endsWith("(same as at " + dir.resolve("hosts.inc") + ":1)");
    Path broken =
        Files.writeString(dir.resolve("broken.db"), HEAD + "$INCLUDE hosts.inc\nx BOGUS 1\n");
    ZoneFileException after =
        failure(() -> ZoneFile.builder().allowIncludes(true).build().parse(broken, ORIGIN));
    assertThat(after.source()).isEqualTo(broken.toString());
    assertThat(after.line()).isEqualTo(6);
  }

  @Test
  void includeOutsideTheDirectoryIsRefused(@TempDir Path tmp) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("zones"));
    Path outside = Files.writeString(tmp.resolve("outside.inc"), "www A 192.0.2.5\n");
    Files.createSymbolicLink(dir.resolve("link.inc"), outside);
    ZoneFile reader = ZoneFile.builder().allowIncludes(true).build();
    for (String include :
        List.of("../outside.inc", outside.toString(), "link.inc", "/etc/passwd")) {
      Path zone = Files.writeString(dir.resolve("zone.db"), HEAD + "$INCLUDE " + include + "\n");
      ZoneFileException e = failure(() -> reader.parse(zone, ORIGIN));
      assertThat(e.line()).as(include).isEqualTo(5);
      assertThat(e.detail()).as(include).contains("is refused: only regular files in");
    }
  }

  @Test
  void includeFromAReaderIsRefused() {
    ZoneFile reader = ZoneFile.builder().allowIncludes(true).build();
    ZoneFileException e =
        failure(() -> reader.parse(new StringReader(HEAD + "$INCLUDE x.inc\n"), "r.zone", ORIGIN));
    assertThat(e.getMessage())
        .isEqualTo("r.zone:5: $INCLUDE is not possible when reading from a reader (no directory)");
  }

  @Test
  void sizeAndRecordCountAreBounded(@TempDir Path dir) throws Exception {
    Path zone = Files.writeString(dir.resolve("zone.db"), HEAD + "a A 192.0.2.2\nb A 192.0.2.3\n");
    ZoneFileException big =
        failure(() -> ZoneFile.builder().maxBytes(100).build().parse(zone, ORIGIN));
    assertThat(big.line()).isZero();
    assertThat(big.detail()).contains("more than the limit of 100");
    String text = Files.readString(zone);
    ZoneFileException bigReader =
        failure(
            () ->
                ZoneFile.builder()
                    .maxBytes(100)
                    .build()
                    .parse(new StringReader(text), "r.zone", ORIGIN));
    assertThat(bigReader.detail()).contains("limit of 100 bytes");
    ZoneFileException many =
        failure(() -> ZoneFile.builder().maxRecords(4).build().parse(zone, ORIGIN));
    assertThat(many.line()).isEqualTo(6);
    assertThat(many.detail()).isEqualTo("more than 4 records (the configured maximum)");
    assertThat(ZoneFile.builder().maxRecords(5).build().parse(zone, ORIGIN)).hasSize(5);
    assertThatThrownBy(() -> ZoneFile.builder().maxBytes(0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void missingFileIsAClearError(@TempDir Path dir) {
    ZoneFileException e = failure(() -> ZoneFile.read(dir.resolve("nope.db"), ORIGIN));
    assertThat(e.line()).isZero();
    assertThat(e.getMessage()).startsWith(dir.resolve("nope.db") + ": cannot read: ");
  }

  @Test
  void signedZonesWithRrsigBesideCnameAreAccepted() throws Exception {
    String text =
        HEAD
            + "alias IN CNAME www\n"
            + "alias IN RRSIG CNAME 13 3 300 20340101000000 20240101000000 1 example.test. AAAA\n"
            + "alias IN NSEC ns1 CNAME RRSIG NSEC\n";
    assertThat(ZoneFile.read(new StringReader(text), "s.zone", ORIGIN)).hasSize(6);
    assertThat(
            Type.string(ZoneFile.read(new StringReader(text), "s.zone", ORIGIN).get(5).getType()))
        .isEqualTo("NSEC");
  }
}
