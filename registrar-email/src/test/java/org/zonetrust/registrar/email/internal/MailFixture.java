package org.zonetrust.registrar.email.internal;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import org.xbill.DNS.Name;
import org.zonetrust.registrar.DsData;
import org.zonetrust.registrar.RegistrarConfig;
import org.zonetrust.registrar.SecretSource;
import org.zonetrust.registrar.email.EmailSettings;

/** Shared set-up: GreenMail's TLS key (made here, with SANs for loopback), users, DS data. */
final class MailFixture {
  static final String USER = "ops@platform.example";
  static final String PASSWORD = "Smtp-Pa55word-must-never-leak";
  static final String REGISTRAR = "dnssec@registrar.example";
  static final Name DOMAIN = Name.fromConstantString("child.example.");
  static final Instant T0 = Instant.parse("2026-11-27T06:00:00Z");

  static final DsData KSK_SHA256 =
      new DsData(
          12345,
          13,
          2,
          HexFormat.of()
              .parseHex("2BB183AF5F22588179A53B0A98631FAD1A292118E1B9C4A1B2A2E4C1C4D9B7A1"));
  static final DsData KSK_SHA384 =
      new DsData(12345, 13, 4, HexFormat.of().parseHex("AB".repeat(48)));
  static final DsData OLD_KSK =
      new DsData(
          54321,
          13,
          2,
          HexFormat.of()
              .parseHex("0D4C7E01A2A3A4A5A6A7A8A9AAABACADAEAFB0B1B2B3B4B5B6B7B8B9BABBBCBD"));

  private static TestPki serverPki;

  private MailFixture() {}

  /**
   * GreenMail reads its TLS key store once per JVM from these system properties; they are set
   * before any TLS server of this test run starts.
   */
  static synchronized TestPki serverPki() throws Exception {
    if (serverPki == null) {
      TestPki pki = TestPki.loopbackServer();
      Path file = Files.createTempFile("greenmail-test", ".p12");
      file.toFile().deleteOnExit();
      pki.writeKeyStore(file, "greenmail");
      System.setProperty("greenmail.tls.keystore.file", file.toString());
      System.setProperty("greenmail.tls.keystore.password", TestPki.KEY_PASSWORD);
      System.setProperty("greenmail.tls.key.password", TestPki.KEY_PASSWORD);
      serverPki = pki;
    }
    return serverPki;
  }

  /** An SMTPS (implicit TLS) GreenMail on a free loopback port with our user. */
  static GreenMail smtps() throws Exception {
    serverPki();
    return start(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS));
  }

  /** A plain SMTP GreenMail (it offers no STARTTLS) on a free loopback port with our user. */
  static GreenMail plainSmtp() {
    return start(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
  }

  private static GreenMail start(ServerSetup setup) {
    GreenMail gm = new GreenMail(setup.dynamicPort());
    gm.start();
    gm.setUser(USER, USER, PASSWORD);
    return gm;
  }

  /** A configuration for the adapter against a server on loopback. */
  static RegistrarConfig.Builder config(
      String tls, int port, String password, FakeDns dns, TestClock clock) throws Exception {
    return RegistrarConfig.builder(
            URI.create(
                "mailto:"
                    + REGISTRAR
                    + "?from="
                    + USER
                    + "&smtp=localhost:"
                    + port
                    + "&tls="
                    + tls))
        .secrets(SecretSource.of(Map.of(EmailSettings.SMTP_PASSWORD, password)))
        .clock(clock)
        .setting(EmailSettings.SMTP_TRUST_STORE, serverPki().trustStore())
        .setting(EmailSettings.RESOLVER, dns.address());
  }
}
