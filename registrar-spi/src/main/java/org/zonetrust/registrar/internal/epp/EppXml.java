package org.zonetrust.registrar.internal.epp;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.jspecify.annotations.Nullable;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * XML for EPP with JAXP only: a hardened parser (no DOCTYPE, no external entities, no XInclude,
 * secure processing with small entity limits) and a namespace-aware writer that escapes all text.
 */
final class EppXml {
  static final String EPP = "urn:ietf:params:xml:ns:epp-1.0";
  static final String DOMAIN = "urn:ietf:params:xml:ns:domain-1.0";
  static final String SEC_DNS = "urn:ietf:params:xml:ns:secDNS-1.1";

  private static final String JDK = "jdk.xml.";
  private final DocumentBuilderFactory factory;
  private final XMLOutputFactory output = XMLOutputFactory.newFactory();

  EppXml() {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(true);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setFeature("http://xml.org/sax/features/external-general-entities", false);
      f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      f.setXIncludeAware(false);
      f.setExpandEntityReferences(false);
      f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      f.setAttribute(JDK + "entityExpansionLimit", "100");
      f.setAttribute(JDK + "maxGeneralEntitySizeLimit", "4096");
      f.setAttribute(JDK + "maxParameterEntitySizeLimit", "4096");
      f.setAttribute(JDK + "totalEntitySizeLimit", "65536");
      f.setAttribute(JDK + "maxElementDepth", "64");
      f.setAttribute(JDK + "elementAttributeLimit", "64");
      this.factory = f;
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("the JDK's XML parser lacks a required security feature", e);
    }
  }

  /**
   * Parses one frame.
   *
   * @throws SAXException if it is not well-formed, has a DOCTYPE or breaks a limit
   */
  Document parse(byte[] frame) throws SAXException {
    DocumentBuilder builder;
    try {
      synchronized (factory) {
        builder = factory.newDocumentBuilder();
      }
    } catch (ParserConfigurationException e) {
      throw new SAXException(e);
    }
    builder.setErrorHandler(null);
    builder.setEntityResolver(
        (publicId, systemId) -> {
          throw new SAXException("external entities are refused");
        });
    try {
      return builder.parse(new ByteArrayInputStream(frame));
    } catch (IOException e) {
      throw new SAXException(e);
    }
  }

  /** Writes a document; the callback adds everything inside {@code <epp>}. */
  byte[] write(Body body) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      XMLStreamWriter w = output.createXMLStreamWriter(bytes, "UTF-8");
      w.writeStartDocument("UTF-8", "1.0");
      w.setDefaultNamespace(EPP);
      w.setPrefix("domain", DOMAIN);
      w.setPrefix("secDNS", SEC_DNS);
      w.writeStartElement(EPP, "epp");
      w.writeDefaultNamespace(EPP);
      body.write(w);
      w.writeEndElement();
      w.writeEndDocument();
      w.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("cannot write an EPP frame", e);
    }
    return bytes.toByteArray();
  }

  /** Writes the inside of an {@code <epp>} element. */
  @FunctionalInterface
  interface Body {
    void write(XMLStreamWriter w) throws XMLStreamException;
  }

  static void element(XMLStreamWriter w, String ns, String name, String text)
      throws XMLStreamException {
    w.writeStartElement(ns, name);
    w.writeCharacters(text);
    w.writeEndElement();
  }

  static @Nullable Element child(@Nullable Element parent, String ns, String local) {
    List<Element> c = children(parent, ns, local);
    return c.isEmpty() ? null : c.get(0);
  }

  static List<Element> children(@Nullable Element parent, String ns, String local) {
    List<Element> list = new ArrayList<>();
    if (parent == null) {
      return list;
    }
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e
          && ns.equals(e.getNamespaceURI())
          && local.equals(e.getLocalName())) {
        list.add(e);
      }
    }
    return list;
  }

  static String text(@Nullable Element parent, String ns, String local) {
    Element e = child(parent, ns, local);
    return e == null ? "" : e.getTextContent().trim();
  }
}
