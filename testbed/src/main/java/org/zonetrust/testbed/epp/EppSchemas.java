package org.zonetrust.testbed.epp;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.Source;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.jspecify.annotations.Nullable;
import org.w3c.dom.Document;
import org.w3c.dom.ls.DOMImplementationLS;
import org.w3c.dom.ls.LSInput;
import org.xml.sax.SAXException;
import org.zonetrust.testbed.TestbedException;

/**
 * The IETF EPP schemas (RFC 5730, 5731, 5732, 5733, 5910; copies with provenance in {@code
 * org/zonetrust/testbed/epp/xsd/README.md}) and a hardened parser: no DOCTYPE, no external access.
 */
public final class EppSchemas {
  private static final String XSD = "xsd/";
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

  private final Schema schema;
  private final DocumentBuilderFactory factory;

  private EppSchemas(Schema schema, DocumentBuilderFactory factory) {
    this.schema = schema;
    this.factory = factory;
  }

  /**
   * Loads the schemas from the testbed's resources.
   *
   * @return the schemas
   * @throws TestbedException if they cannot be loaded
   */
  public static EppSchemas load() {
    return load(EppSchemas.class, XSD);
  }

  /**
   * Loads the six schema files from another copy on the class path, e.g. a module's own test
   * resources, so a test can validate against the copy it ships.
   *
   * @param anchor the class whose {@link Class#getResourceAsStream} finds the files
   * @param directory the resource directory, ending in {@code /} (e.g. {@code "/epp-xsd/"})
   * @return the schemas
   * @throws TestbedException if they cannot be loaded
   */
  public static EppSchemas load(Class<?> anchor, String directory) {
    try {
      DocumentBuilderFactory dbf = secureFactory();
      DOMImplementationLS ls =
          (DOMImplementationLS) dbf.newDocumentBuilder().getDOMImplementation();
      SchemaFactory sf = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
      sf.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      sf.setResourceResolver(
          (type, namespace, publicId, systemId, baseUri) -> {
            String file = namespace == null ? null : FILES.get(namespace);
            if (file == null) {
              return null;
            }
            LSInput input = ls.createLSInput();
            input.setByteStream(open(anchor, directory, file));
            input.setSystemId(resourceId(file));
            return input;
          });
      List<Source> sources = new ArrayList<>();
      for (String file : ORDER) {
        sources.add(new StreamSource(open(anchor, directory, file), resourceId(file)));
      }
      sf.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      sf.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      return new EppSchemas(sf.newSchema(sources.toArray(new Source[0])), dbf);
    } catch (SAXException | ParserConfigurationException e) {
      throw new TestbedException("cannot load the EPP schemas from " + directory, e);
    }
  }

  private static String resourceId(String file) {
    return "urn:zonetrust:epp-xsd:" + file;
  }

  private static InputStream open(Class<?> anchor, String directory, String file) {
    InputStream in = anchor.getResourceAsStream(directory + file);
    if (in == null) {
      throw new TestbedException("missing resource " + directory + file);
    }
    return in;
  }

  /**
   * A namespace-aware parser factory with every external access, DOCTYPE and XInclude off.
   *
   * @return the factory
   * @throws ParserConfigurationException if a feature is not supported
   */
  static DocumentBuilderFactory secureFactory() throws ParserConfigurationException {
    DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
    dbf.setNamespaceAware(true);
    dbf.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    dbf.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    dbf.setFeature("http://xml.org/sax/features/external-general-entities", false);
    dbf.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
    dbf.setXIncludeAware(false);
    dbf.setExpandEntityReferences(false);
    dbf.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    dbf.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    return dbf;
  }

  /**
   * Parses a frame (no DOCTYPE allowed).
   *
   * @param xml the frame's bytes
   * @return the document
   * @throws SAXException if it is not well-formed or has a DOCTYPE
   */
  public Document parse(byte[] xml) throws SAXException {
    try {
      DocumentBuilder builder;
      synchronized (factory) {
        builder = factory.newDocumentBuilder();
      }
      builder.setErrorHandler(null);
      return builder.parse(new ByteArrayInputStream(xml));
    } catch (ParserConfigurationException | IOException e) {
      throw new SAXException(e);
    }
  }

  /**
   * Validates a parsed frame against the schemas.
   *
   * @param document the frame
   * @return why it is invalid, or empty if valid
   */
  public Optional<String> validate(Document document) {
    Validator validator = schema.newValidator();
    try {
      validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      validator.validate(new DOMSource(document));
      return Optional.empty();
    } catch (SAXException | IOException e) {
      return Optional.of(String.valueOf(e.getMessage()));
    }
  }

  /**
   * Parses and validates a frame.
   *
   * @param xml the frame's bytes
   * @return why it is not well-formed or invalid, or empty if valid
   */
  public Optional<String> check(byte[] xml) {
    @Nullable Document d;
    try {
      d = parse(xml);
    } catch (SAXException e) {
      return Optional.of("not well-formed: " + e.getMessage());
    }
    return validate(d);
  }
}
