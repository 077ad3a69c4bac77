package org.zonetrust.registrar.internal.epp;

import static org.zonetrust.registrar.internal.epp.EppXml.DOMAIN;
import static org.zonetrust.registrar.internal.epp.EppXml.EPP;
import static org.zonetrust.registrar.internal.epp.EppXml.SEC_DNS;
import static org.zonetrust.registrar.internal.epp.EppXml.element;

import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.zonetrust.registrar.DsData;
import org.zonetrust.registrar.KeyData;

/** Builds the commands the adapter sends (RFC 5730 section 2.9, RFC 5731 3.1.2/3.2.5, RFC 5910). */
final class EppMessages {
  private final EppXml xml;

  EppMessages(EppXml xml) {
    this.xml = xml;
  }

  byte[] hello() {
    return xml.write(w -> w.writeEmptyElement(EPP, "hello"));
  }

  /** The login frame; the caller clears the password array and never logs the frame. */
  byte[] login(String clientId, char[] password, String clTrid) {
    return command(
        clTrid,
        w -> {
          w.writeStartElement(EPP, "login");
          element(w, EPP, "clID", clientId);
          w.writeStartElement(EPP, "pw");
          w.writeCharacters(password, 0, password.length);
          w.writeEndElement();
          w.writeStartElement(EPP, "options");
          element(w, EPP, "version", "1.0");
          element(w, EPP, "lang", "en");
          w.writeEndElement();
          w.writeStartElement(EPP, "svcs");
          element(w, EPP, "objURI", DOMAIN);
          w.writeStartElement(EPP, "svcExtension");
          element(w, EPP, "extURI", SEC_DNS);
          w.writeEndElement();
          w.writeEndElement();
          w.writeEndElement();
        });
  }

  byte[] logout(String clTrid) {
    return command(clTrid, w -> w.writeEmptyElement(EPP, "logout"));
  }

  byte[] info(String domain, String clTrid) {
    return command(
        clTrid,
        w -> {
          w.writeStartElement(EPP, "info");
          w.writeStartElement("domain", "info", DOMAIN);
          w.writeNamespace("domain", DOMAIN);
          w.writeStartElement(DOMAIN, "name");
          w.writeAttribute("hosts", "none");
          w.writeCharacters(domain);
          w.writeEndElement();
          w.writeEndElement();
          w.writeEndElement();
        });
  }

  /**
   * A domain:update with the secDNS update extension.
   *
   * @param removeAll send {@code <secDNS:rem><secDNS:all>true</secDNS:all></secDNS:rem>}
   */
  byte[] update(
      String domain,
      boolean removeAll,
      Collection<DsData> remDs,
      Collection<KeyData> remKeys,
      Collection<DsData> addDs,
      Collection<KeyData> addKeys,
      String clTrid) {
    return command(
        clTrid,
        w -> {
          w.writeStartElement(EPP, "update");
          w.writeStartElement("domain", "update", DOMAIN);
          w.writeNamespace("domain", DOMAIN);
          element(w, DOMAIN, "name", domain);
          w.writeEndElement();
          w.writeEndElement();
          w.writeStartElement(EPP, "extension");
          w.writeStartElement("secDNS", "update", SEC_DNS);
          w.writeNamespace("secDNS", SEC_DNS);
          if (removeAll) {
            w.writeStartElement(SEC_DNS, "rem");
            element(w, SEC_DNS, "all", "true");
            w.writeEndElement();
          } else if (!remDs.isEmpty() || !remKeys.isEmpty()) {
            w.writeStartElement(SEC_DNS, "rem");
            data(w, remDs, remKeys);
            w.writeEndElement();
          }
          if (!addDs.isEmpty() || !addKeys.isEmpty()) {
            w.writeStartElement(SEC_DNS, "add");
            data(w, addDs, addKeys);
            w.writeEndElement();
          }
          w.writeEndElement();
          w.writeEndElement();
        });
  }

  private static void data(XMLStreamWriter w, Collection<DsData> ds, Collection<KeyData> keys)
      throws XMLStreamException {
    for (DsData d : ds) {
      w.writeStartElement(SEC_DNS, "dsData");
      element(w, SEC_DNS, "keyTag", Integer.toString(d.keyTag()));
      element(w, SEC_DNS, "alg", Integer.toString(d.algorithm()));
      element(w, SEC_DNS, "digestType", Integer.toString(d.digestType()));
      element(w, SEC_DNS, "digest", HexFormat.of().withUpperCase().formatHex(d.digest()));
      w.writeEndElement();
    }
    for (KeyData k : keys) {
      w.writeStartElement(SEC_DNS, "keyData");
      element(w, SEC_DNS, "flags", Integer.toString(k.flags()));
      element(w, SEC_DNS, "protocol", Integer.toString(k.protocol()));
      element(w, SEC_DNS, "alg", Integer.toString(k.algorithm()));
      element(w, SEC_DNS, "pubKey", Base64.getEncoder().encodeToString(k.publicKey()));
      w.writeEndElement();
    }
  }

  private byte[] command(String clTrid, EppXml.Body body) {
    return xml.write(
        w -> {
          w.writeStartElement(EPP, "command");
          body.write(w);
          element(w, EPP, "clTRID", clTrid);
          w.writeEndElement();
        });
  }
}
