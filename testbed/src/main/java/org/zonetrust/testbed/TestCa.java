package org.zonetrust.testbed;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The testbed's own CA (made with the openssl CLI) and the HTTPS certificate it signs for Pebble:
 * Debian's pebble ships none.
 */
final class TestCa {
  private final Path dir;
  private final KeyStore trustStore;

  private TestCa(Path dir, KeyStore trustStore) {
    this.dir = dir;
    this.trustStore = trustStore;
  }

  /** Makes a P-256 CA and a server certificate for localhost, 127.0.0.1 and ::1. */
  static TestCa create(Path root) {
    Binaries.find("openssl");
    Path dir = root.resolve("pebble");
    try {
      Files.createDirectories(dir);
      Files.writeString(
          dir.resolve("ext.cnf"),
          """
          subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1
          basicConstraints=CA:FALSE
          extendedKeyUsage=serverAuth
          """);
    } catch (IOException e) {
      throw new TestbedException("cannot write " + dir, e);
    }
    String ec = "ec_paramgen_curve:P-256";
    Commands.run(
        dir,
        "openssl",
        List.of(
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            ec,
            "-nodes",
            "-days",
            "30",
            "-subj",
            "/CN=ZoneTrust testbed CA",
            "-keyout",
            "ca.key",
            "-out",
            "ca.pem"));
    Commands.run(
        dir,
        "openssl",
        List.of(
            "req",
            "-newkey",
            "ec",
            "-pkeyopt",
            ec,
            "-nodes",
            "-subj",
            "/CN=localhost",
            "-keyout",
            "key.pem",
            "-out",
            "server.csr"));
    Commands.run(
        dir,
        "openssl",
        List.of(
            "x509",
            "-req",
            "-in",
            "server.csr",
            "-CA",
            "ca.pem",
            "-CAkey",
            "ca.key",
            "-CAcreateserial",
            "-days",
            "30",
            "-extfile",
            "ext.cnf",
            "-out",
            "cert.pem"));
    return new TestCa(dir, loadTrustStore(dir.resolve("ca.pem")));
  }

  private static KeyStore loadTrustStore(Path pem) {
    try (InputStream in = Files.newInputStream(pem)) {
      Certificate ca = CertificateFactory.getInstance("X.509").generateCertificate(in);
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setCertificateEntry("zonetrust-testbed-ca", ca);
      return store;
    } catch (IOException | GeneralSecurityException e) {
      throw new TestbedException("cannot load " + pem, e);
    }
  }

  Path caPem() {
    return dir.resolve("ca.pem");
  }

  Path serverCert() {
    return dir.resolve("cert.pem");
  }

  Path serverKey() {
    return dir.resolve("key.pem");
  }

  /** A fresh copy of the trust store holding only the CA. */
  KeyStore trustStore() {
    return loadTrustStore(caPem());
  }

  /** A TLS context trusting only the CA. */
  SSLContext sslContext() {
    try {
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trustStore);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, tmf.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new TestbedException("cannot build an SSL context for the testbed CA", e);
    }
  }
}
