package org.zonetrust.registrar.internal.epp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.zonetrust.registrar.internal.epp.EppFaultTest.assertFails;
import static org.zonetrust.registrar.internal.epp.EppFixture.DOMAIN;
import static org.zonetrust.registrar.internal.epp.EppFixture.PASSWORD;
import static org.zonetrust.registrar.internal.epp.EppFixture.ds;
import static org.zonetrust.registrar.internal.epp.EppFixture.simDs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Name;
import org.zonetrust.registrar.RegistrarConfig;
import org.zonetrust.registrar.RegistrarDsUpdater;
import org.zonetrust.registrar.RegistrarException;
import org.zonetrust.registrar.RegistrarException.Reason;
import org.zonetrust.registrar.SecureDelegation;
import org.zonetrust.testbed.epp.EppSimulator;
import org.zonetrust.testbed.epp.Fault;
import org.zonetrust.testbed.epp.TestPki;

/** Credentials, certificates, host names, hostile XML and secrets in logs. */
class EppSecurityTest {
  @TempDir static Path shared;
  static EppFixture fixture;
  @TempDir Path dir;
  EppSimulator registry;
  final Name domain = Name.fromConstantString(DOMAIN + ".");
  final SecureDelegation desired = SecureDelegation.ofDs(List.of(ds(1)));

  @BeforeAll
  static void pki() {
    fixture = new EppFixture(shared);
  }

  @AfterEach
  void stop() {
    if (registry != null) {
      assertThat(registry.schemaErrors()).isEmpty();
      registry.close();
    }
  }

  @Test
  void wrongPasswordIsAuthenticationAndChangesNothing() throws Exception {
    registry = fixture.registry(dir).start();
    registry.setDs(DOMAIN, List.of(simDs(ds(7))));
    String wrong = "Wrong-pw-4711";
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    RegistrarException e;
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try (RegistrarDsUpdater epp =
        new EppProvider().create(fixture.config(registry, "clid=platform", wrong).build())) {
      e = assertFails(() -> epp.converge(domain, desired), Reason.AUTHENTICATION);
      assertThat(e.registryCode()).contains(2200);
      assertThat(e.getMessage()).contains("Authentication error").doesNotContain(wrong);
      assertThat(epp.toString()).doesNotContain(wrong);
    } finally {
      System.setErr(err);
    }
    assertThat(registry.ds(DOMAIN)).containsExactly(simDs(ds(7)));
    assertThat(registry.commands()).containsOnly("login");
    String logs = captured.toString(StandardCharsets.UTF_8);
    assertThat(logs).contains("login -> 2200").doesNotContain(wrong);
  }

  @Test
  void passwordNeverLoggedInAWholeSession() throws Exception {
    registry = fixture.registry(dir).start();
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try (EppDsUpdater epp = fixture.updater(registry, "clid=platform")) {
      epp.converge(domain, desired);
      registry.inject(Fault.of(Fault.Kind.SESSION_ENDED));
      epp.converge(domain, SecureDelegation.insecure());
    } finally {
      System.setErr(err);
    }
    String logs = captured.toString(StandardCharsets.UTF_8);
    assertThat(logs).contains("login -> 1000").contains("reconnecting").doesNotContain(PASSWORD);
    assertThat(registry.commands().stream().filter("login"::equals)).hasSize(2);
  }

  @Test
  void serverCertificateForAnotherHostIsAClearTlsError() throws Exception {
    registry = fixture.registry(dir).serverNames("registry.other.example").start();
    try (RegistrarDsUpdater epp = fixture.updater(registry, "clid=platform")) {
      RegistrarException e = assertFails(() -> epp.current(domain), Reason.CONFIGURATION);
      assertThat(e.getMessage()).contains("TLS handshake failed").contains("localhost");
    }
    assertThat(registry.commands()).isEmpty();
  }

  @Test
  void clientCertificateFromAnUntrustedCaIsRefused() throws Exception {
    registry = fixture.registry(dir).start();
    TestPki other = TestPki.create(dir.resolve("other"), "Someone else");
    RegistrarConfig config =
        fixture
            .config(registry, "clid=platform", PASSWORD)
            .setting("keyStore", other.issueClient("platform"))
            .build();
    try (RegistrarDsUpdater epp = new EppProvider().create(config)) {
      RegistrarException e = assertFails(() -> epp.current(domain), Reason.CONFIGURATION);
      assertThat(e.getMessage()).contains("TLS");
    }
    assertThat(registry.commands()).isEmpty();
  }

  @Test
  void registryRefusesAClientWithoutCertificate() throws Exception {
    registry = fixture.registry(dir).start();
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(fixture.serverPki.trustStore());
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, tmf.getTrustManagers(), null);
    try (SSLSocket s =
        (SSLSocket)
            context
                .getSocketFactory()
                .createSocket(InetAddress.getLoopbackAddress(), registry.port())) {
      s.setSoTimeout(5000);
      // TLS 1.3 reports the refusal on the first read; TLS 1.2 in the handshake
      assertThatThrownBy(
              () -> {
                s.startHandshake();
                s.getInputStream().read();
              })
          .isInstanceOf(IOException.class);
    }
    assertThat(registry.commands()).isEmpty();
  }

  @Test
  void adapterNeedsAClientCertificate() {
    RegistrarConfig config =
        RegistrarConfig.builder(URI.create("epp://epp.registry.example:700?clid=platform")).build();
    assertFails(() -> new EppProvider().create(config), Reason.CONFIGURATION);
  }

  @Test
  void externalEntityInAnAnswerIsProtocolAndTheFileIsNeverRead() throws Exception {
    registry = fixture.registry(dir).start();
    Path secret = dir.resolve("secret.txt");
    Files.writeString(secret, "TOP-SECRET-CONTENT");
    try (ServerSocket trap = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        EppDsUpdater epp = fixture.updater(registry, "clid=platform")) {
      registry.inject(Fault.externalEntity(secret.toUri().toString()));
      RegistrarException e = assertFails(() -> epp.current(domain), Reason.PROTOCOL);
      assertThat(e.getMessage()).contains("DOCTYPE").doesNotContain("TOP-SECRET-CONTENT");

      registry.inject(Fault.externalEntity("http://127.0.0.1:" + trap.getLocalPort() + "/entity"));
      assertFails(() -> epp.current(domain), Reason.PROTOCOL);
      trap.setSoTimeout(100);
      assertThatThrownBy(trap::accept).isInstanceOf(SocketTimeoutException.class);
    }
  }

  @Test
  void billionLaughsIsProtocol() throws Exception {
    registry = fixture.registry(dir).start();
    try (EppDsUpdater epp = fixture.updater(registry, "clid=platform")) {
      registry.inject(Fault.of(Fault.Kind.BILLION_LAUGHS));
      RegistrarException e = assertFails(() -> epp.current(domain), Reason.PROTOCOL);
      assertThat(e.getMessage()).doesNotContain("lollol");
    }
  }

  @Test
  void parserRefusesEntitiesEvenWithoutTheDoctypeCheck() {
    // a DOCTYPE-free document cannot declare entities; undeclared references are errors
    EppXml xml = new EppXml();
    assertThatThrownBy(
            () ->
                xml.parse(
                    "<epp xmlns='urn:ietf:params:xml:ns:epp-1.0'>&xxe;</epp>"
                        .getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(org.xml.sax.SAXException.class);
  }
}
