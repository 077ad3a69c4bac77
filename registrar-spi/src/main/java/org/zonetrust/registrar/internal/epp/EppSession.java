package org.zonetrust.registrar.internal.epp;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Element;
import org.zonetrust.registrar.RegistrarException;
import org.zonetrust.registrar.RegistrarException.Reason;
import org.zonetrust.registrar.SecretSource;

/**
 * A logged-in EPP session (RFC 5730 section 2): greeting, login with objURI domain and extURI
 * secDNS-1.1, a unique clTRID per command, hello when idle, logout on close. Not thread-safe: the
 * updater serialises use.
 */
final class EppSession implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EppSession.class);

  /** The registry ended the session or dropped the connection: reconnect and retry once. */
  static final class Ended extends Exception {
    private static final long serialVersionUID = 1L;
    final @Nullable Integer code;

    Ended(String message, @Nullable Integer code, @Nullable Throwable cause) {
      super(message, cause);
      this.code = code;
    }
  }

  private final EppOptions options;
  private final EppMessages messages;
  private final EppConnection connection;
  private final String trPrefix;
  private final AtomicLong counter;
  private final List<String> extUris = new ArrayList<>();
  private String serverId = "";
  private long lastUse;

  private EppSession(
      EppOptions options,
      EppMessages messages,
      EppConnection connection,
      String trPrefix,
      AtomicLong counter) {
    this.options = options;
    this.messages = messages;
    this.connection = connection;
    this.trPrefix = trPrefix;
    this.counter = counter;
  }

  static String newPrefix() {
    byte[] b = new byte[6];
    new SecureRandom().nextBytes(b);
    return "ZT-" + HexFormat.of().formatHex(b) + "-";
  }

  /** Connects, reads the greeting and logs in. */
  static EppSession open(
      EppOptions o, EppXml xml, SecretSource secrets, String trPrefix, AtomicLong counter)
      throws RegistrarException, Ended {
    char[] keyPassword = secrets.secret("keyStorePassword").orElse(new char[0]);
    EppConnection c;
    try {
      c = EppConnection.open(o, xml, keyPassword);
    } catch (IOException e) {
      throw new RegistrarException(
          Reason.UNAVAILABLE, "EPP " + o.where() + ": cannot connect: " + e.getMessage(), null, e);
    }
    EppSession s = new EppSession(o, new EppMessages(xml), c, trPrefix, counter);
    try {
      s.greeting(s.receive());
      s.login(secrets);
      return s;
    } catch (RegistrarException | Ended | RuntimeException e) {
      c.close();
      throw e;
    }
  }

  private Element receive() throws RegistrarException, Ended {
    try {
      return connection.receive();
    } catch (SSLException e) {
      throw new RegistrarException(
          Reason.CONFIGURATION,
          "EPP "
              + options.where()
              + ": TLS failure (did the registry refuse our client certificate?): "
              + e.getMessage(),
          null,
          e);
    } catch (IOException e) {
      throw new Ended(
          "EPP " + options.where() + ": connection lost: " + e.getClass().getSimpleName(), null, e);
    }
  }

  private void greeting(Element root) throws RegistrarException {
    Element greeting = EppXml.child(root, EppXml.EPP, "greeting");
    if (greeting == null) {
      throw new RegistrarException(
          Reason.PROTOCOL, "EPP " + options.where() + ": expected a greeting");
    }
    serverId = EppXml.text(greeting, EppXml.EPP, "svID");
    extUris.clear();
    Element menu = EppXml.child(greeting, EppXml.EPP, "svcMenu");
    boolean domain = false;
    for (Element e : EppXml.children(menu, EppXml.EPP, "objURI")) {
      domain |= EppXml.DOMAIN.equals(e.getTextContent().trim());
    }
    for (Element e :
        EppXml.children(EppXml.child(menu, EppXml.EPP, "svcExtension"), EppXml.EPP, "extURI")) {
      extUris.add(e.getTextContent().trim());
    }
    if (!domain || !extUris.contains(EppXml.SEC_DNS)) {
      throw new RegistrarException(
          Reason.UNSUPPORTED,
          "EPP "
              + options.where()
              + " ("
              + serverId
              + ") does not offer "
              + (domain ? EppXml.SEC_DNS : EppXml.DOMAIN));
    }
    LOG.debug("EPP {}: greeting from {}, extensions {}", options.where(), serverId, extUris);
  }

  private void login(SecretSource secrets) throws RegistrarException, Ended {
    char[] password =
        secrets
            .secret("password")
            .orElseThrow(
                () ->
                    new RegistrarException(
                        Reason.CONFIGURATION,
                        "EPP " + options.where() + ": no secret named password"));
    EppResponse r;
    String pw = new String(password);
    try {
      String trid = nextTrid();
      r = command(messages.login(options.clientId(), password, trid), trid, "login");
    } finally {
      Arrays.fill(password, '\0');
    }
    if (r.code() == 2200 || r.code() == 2501 || r.code() == 2201) {
      throw new RegistrarException(
          Reason.AUTHENTICATION,
          "EPP "
              + options.where()
              + ": login as "
              + options.clientId()
              + " refused: "
              + r.code()
              + " "
              + (pw.isEmpty() ? r.message() : r.message().replace(pw, "***")),
          r.code(),
          null);
    }
    if (!r.success()) {
      throw EppResults.failure(options, "login", r);
    }
  }

  String nextTrid() {
    return trPrefix + counter.incrementAndGet();
  }

  /** Sends a hello if the session has been idle; false if the session is gone. */
  boolean alive() {
    if (System.nanoTime() - lastUse < options.idleHello().toNanos()) {
      return true;
    }
    try {
      connection.send(messages.hello());
      greeting(receive());
      lastUse = System.nanoTime();
      return true;
    } catch (IOException | RegistrarException | Ended e) {
      LOG.debug("EPP {}: idle session gone ({})", options.where(), e.getClass().getSimpleName());
      return false;
    }
  }

  /**
   * Sends one command frame and reads its response.
   *
   * @throws Ended if the connection dropped or the registry answered 2500, 2501 or 2502
   */
  EppResponse command(byte[] frame, String sent, String what) throws RegistrarException, Ended {
    try {
      connection.send(frame);
    } catch (IOException e) {
      throw new Ended("EPP " + options.where() + ": connection lost sending " + what, null, e);
    }
    EppResponse r = EppResponse.of(receive());
    lastUse = System.nanoTime();
    if (r == null) {
      throw new RegistrarException(
          Reason.PROTOCOL, "EPP " + options.where() + ": " + what + " got no <response>");
    }
    LOG.debug("EPP {}: {} -> {} (svTRID {})", options.where(), what, r.code(), r.svTrid());
    if (!r.clTrid().isEmpty() && !sent.equals(r.clTrid())) {
      throw new RegistrarException(
          Reason.PROTOCOL,
          "EPP " + options.where() + ": " + what + " answered for another clTRID",
          r.code(),
          null);
    }
    if (r.code() >= 2500 && r.code() <= 2502 && !what.equals("login")) {
      connection.close();
      throw new Ended(
          "EPP " + options.where() + ": session ended: " + r.code() + " " + r.message(),
          r.code(),
          null);
    }
    return r;
  }

  EppMessages messages() {
    return messages;
  }

  /** Closes the connection without logout (after a failure). */
  void abandon() {
    connection.close();
  }

  /** Logs out (best effort) and closes the connection. */
  @Override
  public void close() {
    try {
      connection.send(messages.logout(nextTrid()));
      EppResponse.of(connection.receive());
    } catch (IOException | RegistrarException | RuntimeException e) {
      LOG.debug("EPP {}: logout: {}", options.where(), e.getClass().getSimpleName());
    } finally {
      connection.close();
    }
  }
}
