package org.zonetrust.testbed.epp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.zonetrust.testbed.TestbedException;
import org.zonetrust.testbed.Tools;

/**
 * A throw-away certificate authority made with the openssl CLI (as the testbed's own CA for
 * Pebble), issuing P-256 server and client certificates as PKCS#12 key stores.
 */
public final class TestPki {
  /** The password of every key store this PKI writes (test material only). */
  public static final String KEY_STORE_PASSWORD = "testbed-pki";

  private final Path dir;
  private final X509Certificate ca;
  private int serial;

  private TestPki(Path dir, X509Certificate ca) {
    this.dir = dir;
    this.ca = ca;
  }

  /**
   * Makes a new CA in a directory.
   *
   * @param dir where the CA's files go (created)
   * @param commonName the CA's common name
   * @return the CA
   * @throws TestbedException if openssl fails
   */
  public static TestPki create(Path dir, String commonName) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new TestbedException("cannot create " + dir, e);
    }
    openssl(
        dir,
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-nodes",
        "-days",
        "30",
        "-subj",
        "/CN=" + commonName,
        "-keyout",
        "ca.key",
        "-out",
        "ca.pem");
    return new TestPki(dir, loadCertificate(dir.resolve("ca.pem")));
  }

  /**
   * Returns the CA certificate.
   *
   * @return the certificate
   */
  public X509Certificate caCertificate() {
    return ca;
  }

  /**
   * Returns a trust store holding only the CA certificate.
   *
   * @return a new PKCS#12 trust store
   */
  public KeyStore trustStore() {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setCertificateEntry("ca", ca);
      return store;
    } catch (IOException | GeneralSecurityException e) {
      throw new TestbedException("cannot build a trust store", e);
    }
  }

  /**
   * Issues a server certificate for host names and IP addresses.
   *
   * @param names the subject alternative names ({@code localhost}, {@code 127.0.0.1}, ...)
   * @return a key store with the key and chain, password {@link #KEY_STORE_PASSWORD}
   */
  public synchronized KeyStore issueServer(List<String> names) {
    List<String> san = new ArrayList<>();
    for (String n : names) {
      san.add((n.matches("[0-9.]+") || n.contains(":") ? "IP:" : "DNS:") + n);
    }
    return issue(
        names.get(0),
        "subjectAltName=" + String.join(",", san) + "\nextendedKeyUsage=serverAuth\n");
  }

  /**
   * Issues a client certificate.
   *
   * @param commonName the client's common name
   * @return a key store with the key and chain, password {@link #KEY_STORE_PASSWORD}
   */
  public synchronized KeyStore issueClient(String commonName) {
    return issue(commonName, "extendedKeyUsage=clientAuth\n");
  }

  private KeyStore issue(String commonName, String extensions) {
    serial++;
    String name = "leaf" + serial;
    try {
      Files.writeString(dir.resolve(name + ".cnf"), "basicConstraints=CA:FALSE\n" + extensions);
    } catch (IOException e) {
      throw new TestbedException("cannot write " + dir, e);
    }
    openssl(
        dir,
        "req",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-nodes",
        "-subj",
        "/CN=" + commonName,
        "-keyout",
        name + ".key",
        "-out",
        name + ".csr");
    openssl(
        dir,
        "x509",
        "-req",
        "-in",
        name + ".csr",
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-days",
        "30",
        "-extfile",
        name + ".cnf",
        "-out",
        name + ".pem");
    openssl(
        dir,
        "pkcs12",
        "-export",
        "-in",
        name + ".pem",
        "-inkey",
        name + ".key",
        "-certfile",
        "ca.pem",
        "-name",
        "key",
        "-passout",
        "pass:" + KEY_STORE_PASSWORD,
        "-out",
        name + ".p12");
    try (InputStream in = Files.newInputStream(dir.resolve(name + ".p12"))) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, KEY_STORE_PASSWORD.toCharArray());
      return store;
    } catch (IOException | GeneralSecurityException e) {
      throw new TestbedException("cannot load " + name + ".p12", e);
    }
  }

  private static void openssl(Path dir, String... args) {
    Tools.run(dir, "openssl", args).requireOk();
  }

  private static X509Certificate loadCertificate(Path pem) {
    try (InputStream in = Files.newInputStream(pem)) {
      return (X509Certificate)
          Objects.requireNonNull(CertificateFactory.getInstance("X.509").generateCertificate(in));
    } catch (IOException | GeneralSecurityException e) {
      throw new TestbedException("cannot load " + pem, e);
    }
  }
}
