package org.zonetrust.dnssec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.xbill.DNS.Master;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;
import org.xbill.DNS.UNKRecord;
import org.zonetrust.dnssec.DifficultZones.Shape;

class DifficultZonesTest {
  private static final long SEED = 42;
  private static final Name RANDOM = Name.fromConstantString("random.example.");

  @Test
  void theSameSeedGivesTheSameZonesAndAnotherSeedOthers() {
    List<String> first = DifficultZones.corpus(SEED).stream().map(TestZone::masterFile).toList();
    List<String> again = DifficultZones.corpus(SEED).stream().map(TestZone::masterFile).toList();
    List<String> other =
        DifficultZones.corpus(SEED + 1).stream().map(TestZone::masterFile).toList();
    assertThat(again).isEqualTo(first);
    assertThat(other).isNotEqualTo(first);
    assertThat(RandomZones.random(RANDOM, 7, 30).masterFile())
        .isEqualTo(RandomZones.random(RANDOM, 7, 30).masterFile())
        .isNotEqualTo(RandomZones.random(RANDOM, 8, 30).masterFile());
  }

  @ParameterizedTest
  @EnumSource(Shape.class)
  void everyZoneSurvivesItsMasterFileAndHasOneSoaAtTheApex(Shape shape) throws Exception {
    TestZone zone =
        DifficultZones.generate(shape, shape.corpusOrigin(), shape.corpusNameServer(), 1, SEED);
    List<Record> parsed = new ArrayList<>();
    try (Master master =
        new Master(new ByteArrayInputStream(zone.masterFile().getBytes(StandardCharsets.UTF_8)))) {
      for (Record r = master.nextRecord(); r != null; r = master.nextRecord()) {
        parsed.add(r);
      }
    }
    assertThat(parsed).isEqualTo(zone.records());
    assertThat(zone.records()).filteredOn(r -> r.getType() == Type.SOA).hasSize(1);
    assertThat(zone.records().get(0).getName()).isEqualTo(zone.origin());
    assertThat(zone.records()).allMatch(r -> r.getName().subdomain(zone.origin()));
  }

  @Test
  void escapedLabelsHoldDotsSpacesHighOctetsAndMixedCase() {
    List<Record> records = zone(Shape.ESCAPED_LABELS).records();
    Set<String> first = new HashSet<>();
    boolean high = false;
    for (Record r : records) {
      byte[] label = firstLabel(r.getName());
      first.add(new String(label, StandardCharsets.ISO_8859_1));
      for (byte b : label) {
        high |= (b & 0xff) >= 0x80;
      }
    }
    assertThat(first).contains("a.b", " space", "\0nul", "MiXeD", "mixed", "mIxEd");
    assertThat(high).isTrue();
  }

  @Test
  void maxLengthNamesHave255OctetsAnd63OctetLabels() {
    List<Record> records = zone(Shape.MAX_LENGTH_NAMES).records();
    assertThat(records).filteredOn(r -> r.getName().length() == 255).hasSizeGreaterThanOrEqualTo(3);
    assertThat(records)
        .filteredOn(r -> r.getName().length() == 255 && r.getName().isWild())
        .hasSize(1);
    assertThat(records).anyMatch(r -> firstLabel(r.getName()).length == 63);
  }

  @Test
  void wildcardsEmptyNonTerminalsAndOccludedDataArePresent() {
    List<Record> wildcards = zone(Shape.WILDCARDS).records();
    assertThat(wildcards).filteredOn(r -> r.getName().isWild()).hasSizeGreaterThanOrEqualTo(5);
    Name ent = zone(Shape.EMPTY_NON_TERMINALS).origin();
    List<Record> ents = zone(Shape.EMPTY_NON_TERMINALS).records();
    Name c = Name.fromConstantString("c.ent." + ent);
    assertThat(ents).noneMatch(r -> r.getName().equals(c));
    assertThat(ents).anyMatch(r -> r.getName().subdomain(c) && !r.getName().equals(c));
    Name origin = zone(Shape.DELEGATIONS).origin();
    List<Record> cuts = zone(Shape.DELEGATIONS).records();
    Name secure = Name.fromConstantString("secure." + origin);
    assertThat(cuts).anyMatch(r -> r.getName().equals(secure) && r.getType() == Type.DS);
    assertThat(cuts)
        .anyMatch(r -> r.getName().equals(Name.fromConstantString("www.secure." + origin)));
    assertThat(cuts)
        .anyMatch(r -> r.getName().equals(Name.fromConstantString("www.insecure." + origin)));
  }

  @Test
  void theTldHasThousandsOfDelegationsAndUnknownTypesStayUnknown() {
    List<Record> tld = zone(Shape.TLD_LIKE).records();
    assertThat(tld.stream().filter(r -> r.getType() == Type.NS).map(Record::getName).distinct())
        .hasSize(DifficultZones.TLD_DELEGATIONS + 1);
    assertThat(tld).filteredOn(r -> r.getType() == Type.DS).hasSizeGreaterThan(500);
    List<Record> unknown = zone(Shape.UNKNOWN_TYPES).records();
    assertThat(unknown).filteredOn(r -> r instanceof UNKRecord).hasSizeGreaterThanOrEqualTo(8);
    assertThat(zone(Shape.UNKNOWN_TYPES).masterFile()).contains("TYPE65280", "\\# 0");
  }

  private static TestZone zone(Shape shape) {
    return DifficultZones.generate(shape, shape.corpusOrigin(), shape.corpusNameServer(), 1, SEED);
  }

  private static byte[] firstLabel(Name name) {
    byte[] wire = name.toWire();
    byte[] label = new byte[wire[0]];
    System.arraycopy(wire, 1, label, 0, label.length);
    return label;
  }
}
