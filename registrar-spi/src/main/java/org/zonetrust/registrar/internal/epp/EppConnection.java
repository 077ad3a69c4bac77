package org.zonetrust.registrar.internal.epp;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;
import org.zonetrust.registrar.RegistrarException;
import org.zonetrust.registrar.RegistrarException.Reason;

/**
 * One TLS connection to a registry (RFC 5734): TLS 1.2+, client certificate, HTTPS-style host name
 * check, frames of a 4-byte big-endian length that counts itself.
 */
final class EppConnection implements AutoCloseable {
  private final EppOptions options;
  private final EppXml xml;
  private final SSLSocket socket;
  private final DataInputStream in;
  private final OutputStream out;

  private EppConnection(EppOptions options, EppXml xml, SSLSocket socket) throws IOException {
    this.options = options;
    this.xml = xml;
    this.socket = socket;
    this.in = new DataInputStream(socket.getInputStream());
    this.out = socket.getOutputStream();
  }

  /**
   * Connects and completes the TLS handshake.
   *
   * @throws RegistrarException CONFIGURATION for key store or certificate problems
   * @throws IOException if the registry cannot be reached
   */
  static EppConnection open(EppOptions o, EppXml xml, char[] keyStorePassword)
      throws RegistrarException, IOException {
    SSLContext context;
    try {
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(o.keyStore(), keyStorePassword);
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(o.trustStore());
      context = SSLContext.getInstance("TLS");
      context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    } catch (GeneralSecurityException e) {
      throw new RegistrarException(
          Reason.CONFIGURATION,
          "EPP " + o.where() + ": cannot use the keyStore/trustStore settings: " + e.getMessage(),
          null,
          e);
    } finally {
      Arrays.fill(keyStorePassword, '\0');
    }
    SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket();
    try {
      SSLParameters params = socket.getSSLParameters();
      params.setEndpointIdentificationAlgorithm("HTTPS");
      params.setProtocols(
          List.of(socket.getSupportedProtocols()).contains("TLSv1.3")
              ? new String[] {"TLSv1.3", "TLSv1.2"}
              : new String[] {"TLSv1.2"});
      socket.setSSLParameters(params);
      int timeout = (int) Math.min(Integer.MAX_VALUE, o.connectTimeout().toMillis());
      socket.connect(new InetSocketAddress(o.host(), o.port()), timeout);
      socket.setSoTimeout(timeout);
      socket.startHandshake();
      socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, o.readTimeout().toMillis()));
      return new EppConnection(o, xml, socket);
    } catch (SSLException e) {
      socket.close();
      throw new RegistrarException(
          Reason.CONFIGURATION,
          "EPP "
              + o.where()
              + ": TLS handshake failed (registry certificate, host name, trust store or our"
              + " client certificate): "
              + e.getMessage(),
          null,
          e);
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  void send(byte[] frame) throws IOException {
    out.write(ByteBuffer.allocate(4 + frame.length).putInt(4 + frame.length).put(frame).array());
    out.flush();
  }

  /**
   * Reads one frame and parses it.
   *
   * @throws RegistrarException PROTOCOL if the frame is too large or not acceptable XML, TIMEOUT
   * @throws IOException if the connection drops
   */
  Element receive() throws RegistrarException, IOException {
    int length;
    try {
      length = in.readInt();
    } catch (SocketTimeoutException e) {
      throw timeout(e);
    }
    if (length < 5 || length - 4 > options.maxFrame()) {
      throw new RegistrarException(
          Reason.PROTOCOL,
          "EPP "
              + options.where()
              + ": refused a frame of "
              + Integer.toUnsignedString(length)
              + " bytes (limit "
              + options.maxFrame()
              + ")");
    }
    byte[] frame = new byte[length - 4];
    try {
      in.readFully(frame);
    } catch (SocketTimeoutException e) {
      throw timeout(e);
    }
    try {
      Document doc = xml.parse(frame);
      Element root = doc.getDocumentElement();
      if (!EppXml.EPP.equals(root.getNamespaceURI()) || !"epp".equals(root.getLocalName())) {
        throw new SAXException("root element is not epp in " + EppXml.EPP);
      }
      return root;
    } catch (SAXException e) {
      throw new RegistrarException(
          Reason.PROTOCOL,
          "EPP " + options.where() + ": unacceptable XML from the registry: " + e.getMessage(),
          null,
          e);
    }
  }

  private RegistrarException timeout(SocketTimeoutException e) {
    return new RegistrarException(
        Reason.TIMEOUT,
        "EPP " + options.where() + ": no answer within " + options.readTimeout(),
        null,
        e);
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // closing anyway
    }
  }
}
