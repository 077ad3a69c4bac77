package org.zonetrust.registrar.internal.epp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.zonetrust.registrar.internal.epp.EppFixture.DOMAIN;
import static org.zonetrust.registrar.internal.epp.EppFixture.PASSWORD;
import static org.zonetrust.registrar.internal.epp.EppFixture.ds;
import static org.zonetrust.registrar.internal.epp.EppFixture.simDs;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Name;
import org.zonetrust.registrar.DsData;
import org.zonetrust.registrar.RegistrarException;
import org.zonetrust.registrar.SecureDelegation;
import org.zonetrust.testbed.epp.EppSimulator;

/** The dry-run preview: the exact domain:update converge would send, schema-valid, sent nowhere. */
class EppPreviewTest {
  @TempDir static Path shared;
  static EppFixture fixture;
  @TempDir Path dir;
  EppSimulator registry;

  @BeforeAll
  static void setUp() throws Exception {
    fixture = new EppFixture(shared);
    EppSchemaTest.load();
  }

  @AfterEach
  void close() {
    if (registry != null) {
      assertThat(registry.schemaErrors()).isEmpty();
      registry.close();
    }
  }

  @Test
  void previewIsTheSchemaValidUpdateFrameForTheCurrentStateAndSendsNothing() throws Exception {
    registry = fixture.registry(dir).start();
    Name domain = Name.fromString(DOMAIN + ".");
    try (EppDsUpdater epp = fixture.updater(registry, "clid=platform")) {
      epp.converge(domain, SecureDelegation.ofDs(List.of(ds(1), ds(2))));
      SecureDelegation current = epp.current(domain);
      long updates = registry.commands().stream().filter("update"::equals).count();

      SecureDelegation rolled = SecureDelegation.ofDs(List.of(ds(2), ds(3)));
      String xml = epp.preview(domain, current, rolled);

      assertThat(EppSchemaTest.validate(xml.getBytes(StandardCharsets.UTF_8))).isEmpty();
      assertThat(xml)
          .contains("<domain:name>" + DOMAIN + "</domain:name>")
          .contains("<clTRID>DRY-RUN</clTRID>")
          .doesNotContain(PASSWORD)
          .doesNotContain("login");
      String rem = between(xml, "<secDNS:rem>", "</secDNS:rem>");
      String add = between(xml, "<secDNS:add>", "</secDNS:add>");
      assertThat(rem).contains(hex(ds(1))).doesNotContain(hex(ds(2)), hex(ds(3)));
      assertThat(add).contains(hex(ds(3))).doesNotContain(hex(ds(1)), hex(ds(2)));
      byte[] real =
          new EppMessages(new EppXml())
              .update(
                  DOMAIN, false, List.of(ds(1)), List.of(), List.of(ds(3)), List.of(), "DRY-RUN");
      assertThat(xml).isEqualTo(new String(real, StandardCharsets.UTF_8));

      assertThat(registry.commands().stream().filter("update"::equals).count()).isEqualTo(updates);
      assertThat(registry.ds(DOMAIN)).containsExactlyInAnyOrder(simDs(ds(1)), simDs(ds(2)));

      assertThat(epp.preview(domain, current, current)).startsWith("nothing to send");
      String removeAll = epp.preview(domain, current, SecureDelegation.insecure());
      assertThat(EppSchemaTest.validate(removeAll.getBytes(StandardCharsets.UTF_8))).isEmpty();
      assertThat(removeAll).contains("<secDNS:all>true</secDNS:all>");
    }
  }

  @Test
  void previewRefusesWhatConvergeWouldRefuse() throws Exception {
    registry = fixture.registry(dir).start();
    try (EppDsUpdater epp = fixture.updater(registry, "clid=platform")) {
      DsData sha1 = new DsData(7, 13, SecureDelegation.SHA1, new byte[20]);
      assertThatThrownBy(
              () ->
                  epp.preview(
                      Name.fromString(DOMAIN + "."),
                      SecureDelegation.insecure(),
                      SecureDelegation.ofDs(List.of(sha1))))
          .isInstanceOf(RegistrarException.class)
          .extracting(e -> ((RegistrarException) e).reason())
          .isEqualTo(RegistrarException.Reason.UNSUPPORTED);
      assertThat(registry.commands()).isEmpty();
    }
  }

  private static String hex(DsData d) {
    return HexFormat.of().withUpperCase().formatHex(d.digest());
  }

  private static String between(String s, String from, String to) {
    int a = s.indexOf(from);
    int b = s.indexOf(to);
    assertThat(a).as(from).isNotNegative();
    assertThat(b).as(to).isGreaterThan(a);
    return s.substring(a, b);
  }
}
