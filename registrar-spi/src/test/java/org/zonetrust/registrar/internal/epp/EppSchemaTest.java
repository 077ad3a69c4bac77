package org.zonetrust.registrar.internal.epp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.Source;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.ls.DOMImplementationLS;
import org.w3c.dom.ls.LSInput;
import org.xml.sax.SAXException;
import org.zonetrust.registrar.DsData;
import org.zonetrust.registrar.KeyData;

/**
 * Every kind of frame the adapter writes is valid against the IETF schemas copied in {@code
 * src/test/resources/epp-xsd} (external access off; imports resolved from the copies).
 */
class EppSchemaTest {
  private static final Map<String, String> FILES =
      Map.of(
          "urn:ietf:params:xml:ns:eppcom-1.0", "eppcom-1.0.xsd",
          "urn:ietf:params:xml:ns:epp-1.0", "epp-1.0.xsd",
          "urn:ietf:params:xml:ns:host-1.0", "host-1.0.xsd",
          "urn:ietf:params:xml:ns:domain-1.0", "domain-1.0.xsd",
          "urn:ietf:params:xml:ns:contact-1.0", "contact-1.0.xsd",
          "urn:ietf:params:xml:ns:secDNS-1.1", "secDNS-1.1.xsd");
  private static final List<String> ORDER =
      List.of(
          "eppcom-1.0.xsd",
          "epp-1.0.xsd",
          "host-1.0.xsd",
          "domain-1.0.xsd",
          "contact-1.0.xsd",
          "secDNS-1.1.xsd");
  static Schema schema;
  final EppXml xml = new EppXml();
  final EppMessages messages = new EppMessages(xml);

  @BeforeAll
  static void load() throws Exception {
    DOMImplementationLS ls =
        (DOMImplementationLS)
            DocumentBuilderFactory.newInstance().newDocumentBuilder().getDOMImplementation();
    SchemaFactory sf = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
    sf.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    sf.setResourceResolver(
        (type, namespace, publicId, systemId, baseUri) -> {
          String file = namespace == null ? null : FILES.get(namespace);
          if (file == null) {
            return null;
          }
          LSInput input = ls.createLSInput();
          input.setByteStream(open(file));
          input.setSystemId("urn:epp-xsd:" + file);
          return input;
        });
    Source[] sources = new Source[ORDER.size()];
    for (int i = 0; i < sources.length; i++) {
      sources[i] = new StreamSource(open(ORDER.get(i)), "urn:epp-xsd:" + ORDER.get(i));
    }
    sf.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    sf.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    schema = sf.newSchema(sources);
  }

  private static InputStream open(String file) {
    InputStream in = EppSchemaTest.class.getResourceAsStream("/epp-xsd/" + file);
    assertThat(in).as(file).isNotNull();
    return in;
  }

  static Optional<String> validate(byte[] frame) {
    try {
      Validator v = schema.newValidator();
      v.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      v.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      v.validate(new DOMSource(new EppXml().parse(frame)));
      return Optional.empty();
    } catch (SAXException | IOException e) {
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
