package org.zonetrust.registrar.internal.epp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xml.sax.SAXException;
import org.zonetrust.registrar.DsData;
import org.zonetrust.registrar.KeyData;
import org.zonetrust.testbed.epp.EppSchemas;

/**
 * Every kind of frame the adapter writes is valid against the IETF schemas copied in {@code
 * src/test/resources/epp-xsd} (external access off; imports resolved from the copies).
 */
class EppSchemaTest {
  private static final List<String> ORDER =
      List.of(
          "eppcom-1.0.xsd",
          "epp-1.0.xsd",
          "host-1.0.xsd",
          "domain-1.0.xsd",
          "contact-1.0.xsd",
          "secDNS-1.1.xsd");
  static EppSchemas schemas;
  final EppXml xml = new EppXml();
  final EppMessages messages = new EppMessages(xml);

  @BeforeAll
  static void load() {
    schemas = EppSchemas.load(EppSchemaTest.class, "/epp-xsd/");
  }

  private static InputStream open(String file) {
    InputStream in = EppSchemaTest.class.getResourceAsStream("/epp-xsd/" + file);
    assertThat(in).as(file).isNotNull();
    return in;
  }

  static Optional<String> validate(byte[] frame) {
    try {
      return schemas.validate(new EppXml().parse(frame));
    } catch (SAXException e) {
      return Optional.of(String.valueOf(e.getMessage()));
    }
  }

  @Test
  void copiesMatchTheirChecksums() throws Exception {
    String sums;
    try (InputStream in = open("SHA256SUMS")) {
      sums = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }
    for (String file : ORDER) {
      byte[] bytes;
      try (InputStream in = open(file)) {
        bytes = in.readAllBytes();
      }
      String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
      assertThat(sums).contains(sha + "  " + file);
    }
  }

  @Test
  void validatorIsHonest() throws Exception {
    byte[] invalid;
    try (InputStream in = open("examples/invalid-add-before-rem.xml")) {
      invalid = in.readAllBytes();
    }
    assertThat(validate(invalid)).isPresent();
    try (InputStream in = open("examples/domain-update-secdns-ds.xml")) {
      assertThat(validate(in.readAllBytes())).isEmpty();
    }
    String bad = new String(messages.hello(), StandardCharsets.UTF_8).replace("hello", "helo");
    assertThat(validate(bad.getBytes(StandardCharsets.UTF_8))).isPresent();
  }

  @Test
  void everyFrameTheAdapterWritesIsValid() {
    DsData ds = EppFixture.ds(1);
    KeyData key = EppFixture.key(1);
    List<byte[]> frames =
        List.of(
            messages.hello(),
            messages.login("platform", "pw-<&>\"'x".toCharArray(), "ZT-abc-1"),
            messages.logout("ZT-abc-2"),
            messages.info("example.test", "ZT-abc-3"),
            messages.update(
                "example.test", false, Set.of(), Set.of(), Set.of(ds), Set.of(), "ZT-abc-4"),
            messages.update(
                "example.test",
                false,
                Set.of(EppFixture.ds(2)),
                Set.of(),
                Set.of(ds),
                Set.of(),
                "ZT-abc-5"),
            messages.update(
                "example.test", false, Set.of(), Set.of(key), Set.of(), Set.of(), "ZT-abc-6"),
            messages.update(
                "example.test",
                false,
                Set.of(),
                Set.of(EppFixture.key(2)),
                Set.of(),
                Set.of(key),
                "ZT-abc-7"),
            messages.update(
                "example.test", true, Set.of(), Set.of(), Set.of(), Set.of(), "ZT-abc-8"));
    for (byte[] frame : frames) {
      assertThat(validate(frame)).as(new String(frame, StandardCharsets.UTF_8)).isEmpty();
    }
  }

  @Test
  void userDataIsEscaped() throws Exception {
    byte[] login = messages.login("platform", "a<b>&c\"d".toCharArray(), "ZT-abc-1");
    var doc = xml.parse(login);
    assertThat(doc.getElementsByTagNameNS(EppXml.EPP, "pw").item(0).getTextContent())
        .isEqualTo("a<b>&c\"d");
  }
}
