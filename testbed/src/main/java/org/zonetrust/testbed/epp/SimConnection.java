package org.zonetrust.testbed.epp;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/** One client connection of the {@link EppSimulator}: frames in, answers out. */
final class SimConnection implements Runnable {
  static final String EPP = "urn:ietf:params:xml:ns:epp-1.0";
  static final String DOMAIN = "urn:ietf:params:xml:ns:domain-1.0";
  static final String SEC = "urn:ietf:params:xml:ns:secDNS-1.1";
  private static final int MAX_FRAME = 1 << 20;

  private final EppSimulator sim;
  private final Socket socket;
  private boolean loggedIn;

  SimConnection(EppSimulator sim, Socket socket) {
    this.sim = sim;
    this.socket = socket;
  }

  @Override
  public void run() {
    try (socket) {
      DataInputStream in = new DataInputStream(socket.getInputStream());
      OutputStream out = socket.getOutputStream();
      send(out, greeting());
      while (true) {
        int length = in.readInt();
        if (length < 5 || length - 4 > MAX_FRAME) {
          return;
        }
        byte[] frame = new byte[length - 4];
        in.readFully(frame);
        if (!handle(frame, out)) {
          return;
        }
      }
    } catch (EOFException e) {
      // client closed
    } catch (IOException e) {
      // handshake refused or connection reset
    }
  }

  private boolean handle(byte[] frame, OutputStream out) throws IOException {
    Document doc;
    try {
      doc = sim.schemas().parse(frame);
    } catch (SAXException e) {
      sim.recordCommand("invalid");
      sim.recordSchemaError("not well-formed: " + e.getMessage());
      send(out, response(2001, "Command syntax error", "", "", ""));
      return true;
    }
    Optional<String> invalid = sim.schemas().validate(doc);
    String clTrid = text(doc.getDocumentElement(), EPP, "clTRID");
    if (invalid.isPresent()) {
      sim.recordCommand("invalid");
      sim.recordSchemaError(invalid.get());
      send(out, response(2001, "Command syntax error", "", "", clTrid));
      return true;
    }
    Element root = doc.getDocumentElement();
    if (child(root, EPP, "hello") != null) {
      sim.recordCommand("hello");
      send(out, greeting());
      return true;
    }
    Element command = child(root, EPP, "command");
    if (command == null) {
      send(out, response(2001, "Command syntax error", "", "", clTrid));
      return true;
    }
    Element login = child(command, EPP, "login");
    if (login != null) {
      sim.recordCommand("login");
      String clId = text(login, EPP, "clID");
      String pw = text(login, EPP, "pw");
      if (!clId.equals(sim.config().clientId) || !pw.equals(sim.config().password)) {
        send(out, response(2200, "Authentication error", "", "", clTrid));
        return true;
      }
      loggedIn = true;
      send(out, response(1000, "Command completed successfully", "", "", clTrid));
      return true;
    }
    if (child(command, EPP, "logout") != null) {
      sim.recordCommand("logout");
      send(out, response(1500, "Command completed successfully; ending session", "", "", clTrid));
      return false;
    }
    boolean info = child(command, EPP, "info") != null;
    sim.recordCommand(info ? "info" : "update");
    if (!loggedIn) {
      send(out, response(2002, "Command use error: not logged in", "", "", clTrid));
      return true;
    }
    Element op = child(command, EPP, info ? "info" : "update");
    Element domainOp = op == null ? null : firstElement(op);
    String name = domainOp == null ? "" : text(domainOp, DOMAIN, "name").toLowerCase(Locale.ROOT);
    if (!info && child(command, EPP, "update") == null) {
      send(out, response(2101, "Unimplemented command", "", "", clTrid));
      return true;
    }
    Fault fault = sim.nextFault();
    if (fault != null) {
      switch (fault.kind()) {
        case PASS -> {
          // answered normally below
        }
        case DROP -> {
          return false;
        }
        case DROP_AFTER_APPLYING -> {
          if (!info) {
            update(command, name);
          }
          return false;
        }
        case SESSION_ENDED -> {
          send(
              out,
              response(2502, "Session limit exceeded; server closing connection", "", "", clTrid));
          return false;
        }
        case SLOW -> sleep(fault);
        case MALFORMED_XML -> {
          send(out, "<?xml version=\"1.0\"?><epp xmlns=\"" + EPP + "\"><response><result");
          return true;
        }
        case PENDING -> {
          send(
              out,
              response(1001, "Command completed successfully; action pending", "", "", clTrid));
          return true;
        }
        case RESULT_CODE -> {
          send(out, response(fault.code(), "simulated result", "", "", clTrid));
          return true;
        }
        case OVERSIZED_FRAME -> {
          out.write(ByteBuffer.allocate(4 + 1024).putInt(64 << 20).array());
          out.flush();
          return true;
        }
        case EXTERNAL_ENTITY -> {
          send(
              out,
              hostile("<!DOCTYPE epp [<!ENTITY xxe SYSTEM \"" + fault.target() + "\">]>", "&xxe;"));
          return true;
        }
        case BILLION_LAUGHS -> {
          StringBuilder dtd = new StringBuilder("<!DOCTYPE epp [<!ENTITY lol0 \"lol\">");
          for (int i = 1; i < 10; i++) {
            dtd.append("<!ENTITY lol").append(i).append(" \"");
            dtd.append(("&lol" + (i - 1) + ";").repeat(10)).append("\">");
          }
          send(out, hostile(dtd.append("]>").toString(), "&lol9;"));
          return true;
        }
      }
    }
    if (!sim.exists(name)) {
      send(out, response(2303, "Object does not exist", "", "", clTrid));
      return true;
    }
    if (info) {
      send(
          out,
          response(
              1000, "Command completed successfully", infData(name), secInfData(name), clTrid));
      return true;
    }
    Optional<String> refused = update(command, name);
    if (refused.isPresent()) {
      send(out, response(2306, "Parameter value policy error: " + refused.get(), "", "", clTrid));
    } else {
      send(out, response(1000, "Command completed successfully", "", "", clTrid));
    }
    return true;
  }

  private Optional<String> update(Element command, String name) {
    Element ext = child(command, EPP, "extension");
    Element upd = ext == null ? null : child(ext, SEC, "update");
    if (upd == null) {
      return Optional.empty();
    }
    Element rem = child(upd, SEC, "rem");
    Element add = child(upd, SEC, "add");
    String allText = rem == null ? "" : text(rem, SEC, "all").trim();
    boolean all = allText.equals("true") || allText.equals("1");
    return sim.apply(name, all, dsList(rem), keyList(rem), dsList(add), keyList(add));
  }

  private static List<EppSimulator.Ds> dsList(@Nullable Element parent) {
    List<EppSimulator.Ds> list = new ArrayList<>();
    if (parent != null) {
      for (Element d : children(parent, SEC, "dsData")) {
        list.add(
            new EppSimulator.Ds(
                Integer.parseInt(text(d, SEC, "keyTag").trim()),
                Integer.parseInt(text(d, SEC, "alg").trim()),
                Integer.parseInt(text(d, SEC, "digestType").trim()),
                text(d, SEC, "digest").trim().toUpperCase(Locale.ROOT)));
      }
    }
    return list;
  }

  private static List<EppSimulator.Key> keyList(@Nullable Element parent) {
    List<EppSimulator.Key> list = new ArrayList<>();
    if (parent != null) {
      for (Element k : children(parent, SEC, "keyData")) {
        list.add(
            new EppSimulator.Key(
                Integer.parseInt(text(k, SEC, "flags").trim()),
                Integer.parseInt(text(k, SEC, "protocol").trim()),
                Integer.parseInt(text(k, SEC, "alg").trim()),
                text(k, SEC, "pubKey").replaceAll("\\s", "")));
      }
    }
    return list;
  }

  private static void sleep(Fault fault) {
    try {
      Thread.sleep(fault.delay().toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private String infData(String name) {
    return "<resData><domain:infData xmlns:domain=\""
        + DOMAIN
        + "\"><domain:name>"
        + esc(name)
        + "</domain:name><domain:roid>"
        + Math.floorMod(name.hashCode(), 1_000_000)
        + "-ZT</domain:roid>"
        + "<domain:clID>"
        + esc(sim.config().clientId)
        + "</domain:clID></domain:infData>"
        + "</resData>";
  }

  private String secInfData(String name) {
    StringBuilder b = new StringBuilder();
    for (EppSimulator.Ds d : sim.ds(name)) {
      b.append("<secDNS:dsData><secDNS:keyTag>")
          .append(d.keyTag())
          .append("</secDNS:keyTag><secDNS:alg>")
          .append(d.algorithm())
          .append("</secDNS:alg><secDNS:digestType>")
          .append(d.digestType())
          .append("</secDNS:digestType><secDNS:digest>")
          .append(d.digestHex())
          .append("</secDNS:digest></secDNS:dsData>");
    }
    for (EppSimulator.Key k : sim.keys(name)) {
      b.append("<secDNS:keyData><secDNS:flags>")
          .append(k.flags())
          .append("</secDNS:flags><secDNS:protocol>")
          .append(k.protocol())
          .append("</secDNS:protocol><secDNS:alg>")
          .append(k.algorithm())
          .append("</secDNS:alg><secDNS:pubKey>")
          .append(k.publicKeyBase64())
          .append("</secDNS:pubKey></secDNS:keyData>");
    }
    if (b.length() == 0) {
      return "";
    }
    return "<extension><secDNS:infData xmlns:secDNS=\""
        + SEC
        + "\">"
        + b
        + "</secDNS:infData></extension>";
  }

  private String response(int code, String msg, String resData, String ext, String clTrid) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><epp xmlns=\""
        + EPP
        + "\"><response>"
        + "<result code=\""
        + code
        + "\"><msg>"
        + esc(msg)
        + "</msg></result>"
        + resData
        + ext
        + "<trID>"
        + (clTrid.isEmpty() ? "" : "<clTRID>" + esc(clTrid) + "</clTRID>")
        + "<svTRID>"
        + sim.nextSvTrid()
        + "</svTRID></trID></response></epp>";
  }

  private String hostile(String doctype, String entity) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
        + doctype
        + "<epp xmlns=\""
        + EPP
        + "\"><response><result code=\"1000\"><msg>"
        + entity
        + "</msg></result><trID>"
        + "<svTRID>"
        + sim.nextSvTrid()
        + "</svTRID></trID></response></epp>";
  }

  private static String greeting() {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><epp xmlns=\""
        + EPP
        + "\"><greeting>"
        + "<svID>ZoneTrust EPP simulator</svID><svDate>"
        + Instant.now()
        + "</svDate>"
        + "<svcMenu><version>1.0</version><lang>en</lang><objURI>"
        + DOMAIN
        + "</objURI>"
        + "<svcExtension><extURI>"
        + SEC
        + "</extURI></svcExtension></svcMenu>"
        + "<dcp><access><all/></access><statement><purpose><admin/><prov/></purpose>"
        + "<recipient><ours/><public/></recipient><retention><stated/></retention></statement>"
        + "</dcp></greeting></epp>";
  }

  private static void send(OutputStream out, String xml) throws IOException {
    byte[] body = xml.getBytes(StandardCharsets.UTF_8);
    out.write(ByteBuffer.allocate(4 + body.length).putInt(4 + body.length).put(body).array());
    out.flush();
  }

  static String esc(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }

  static @Nullable Element child(Element parent, String ns, String local) {
    List<Element> c = children(parent, ns, local);
    return c.isEmpty() ? null : c.get(0);
  }

  static List<Element> children(Element parent, String ns, String local) {
    List<Element> list = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e
          && ns.equals(e.getNamespaceURI())
          && local.equals(e.getLocalName())) {
        list.add(e);
      }
    }
    return list;
  }

  static @Nullable Element firstElement(Element parent) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e) {
        return e;
      }
    }
    return null;
  }

  /** The text of the first descendant element with this name, or empty. */
  static String text(Element parent, String ns, String local) {
    var list = parent.getElementsByTagNameNS(ns, local);
    return list.getLength() == 0 ? "" : list.item(0).getTextContent();
  }
}
