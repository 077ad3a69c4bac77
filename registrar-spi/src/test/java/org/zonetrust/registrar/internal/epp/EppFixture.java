package org.zonetrust.registrar.internal.epp;

import java.net.URI;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import org.zonetrust.registrar.DsData;
import org.zonetrust.registrar.KeyData;
import org.zonetrust.registrar.RegistrarConfig;
import org.zonetrust.registrar.SecretSource;
import org.zonetrust.testbed.epp.EppSimulator;
import org.zonetrust.testbed.epp.TestPki;

/** Shared set-up: one client CA and client certificate, a simulator per test. */
final class EppFixture {
  static final String PASSWORD = "Pw-9xQ7-secret";
  static final String DOMAIN = "example.test";

  final TestPki clientPki;
  final KeyStore clientKeys;
  final TestPki serverPki;

  EppFixture(Path dir) {
    clientPki = TestPki.create(dir.resolve("client-ca"), "Registrar client CA");
    clientKeys = clientPki.issueClient("platform");
    serverPki = TestPki.create(dir.resolve("server-ca"), "Registry CA");
  }

  EppSimulator.Builder registry(Path dir) {
    return EppSimulator.builder(dir)
        .serverPki(serverPki)
        .clientCa(clientPki.caCertificate())
        .credentials("platform", PASSWORD)
        .domain(DOMAIN);
  }

  RegistrarConfig.Builder config(EppSimulator registry, String query, String password) {
    return RegistrarConfig.builder(URI.create("epp://localhost:" + registry.port() + "?" + query))
        .secrets(
            SecretSource.of(
                Map.of("password", password, "keyStorePassword", TestPki.KEY_STORE_PASSWORD)))
        .setting("keyStore", clientKeys)
        .setting("trustStore", serverPki.trustStore())
        .setting("readTimeout", Duration.ofSeconds(5));
  }

  EppDsUpdater updater(EppSimulator registry, String query) throws Exception {
    return (EppDsUpdater) new EppProvider().create(config(registry, query, PASSWORD).build());
  }

  static DsData ds(int tag) {
    byte[] digest = new byte[32];
    digest[0] = (byte) tag;
    digest[31] = (byte) 0xab;
    return new DsData(tag, 13, 2, digest);
  }

  static KeyData key(int n) {
    byte[] pub = new byte[64];
    pub[0] = (byte) n;
    pub[63] = 7;
    return new KeyData(257, 3, 13, pub);
  }

  static EppSimulator.Ds simDs(DsData d) {
    return new EppSimulator.Ds(
        d.keyTag(),
        d.algorithm(),
        d.digestType(),
        HexFormat.of().withUpperCase().formatHex(d.digest()));
  }
}
