package org.zonetrust.acme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.Status;
import org.zonetrust.acme.internal.KeyPairPem;
import org.zonetrust.acme.internal.TrustingAcmeProvider;
import org.zonetrust.core.dns.DnsUpdater;
import org.zonetrust.core.dns.PropagationChecker;
import org.zonetrust.core.event.ZoneTrustEvent;
import org.zonetrust.core.state.FileStateStore;
import org.zonetrust.core.state.StateStore;
import org.zonetrust.testbed.Testbed;
import org.zonetrust.testbed.WithTestbed;

/** Issuance against the testbed's Pebble, with DNS-01 through BIND and Knot. */
@WithTestbed
class AcmeDns01ClientIT {
  private static String zoneA = "";
  private static String zoneB = "";
  private static PropagationChecker checker;

  @TempDir Path dir;
  private final List<ZoneTrustEvent> events = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void zones(Testbed tb) throws Exception {
    zoneA = tb.createZone("acme-a");
    zoneB = tb.createZone("acme-b");
    checker = AcmeTestbed.checker(tb);
  }

  private AcmeDns01Client client(Testbed tb, CertificateKeyType type, DnsUpdater updater)
      throws Exception {
    return AcmeDns01Client.builder()
        .ca(AcmeTestbed.ca(tb))
        .account(
            AcmeAccount.builder()
                .contact("mailto:ops@example.com")
                .agreeToTermsOfService(true)
                .build())
        .stateStore(FileStateStore.open(dir.resolve("state"), Clock.systemUTC()))
        .dnsUpdater(updater)
        .propagationChecker(checker)
        .pemFiles(dir.resolve("certs"))
        .keyType(type)
        .events(events::add)
        .pollInterval(java.time.Duration.ofMillis(20), java.time.Duration.ofMillis(500))
        .resolver(AcmeTestbed.resolver(tb))
        .build();
  }

  private static String base(String zone) {
    return zone.substring(0, zone.length() - 1);
  }

  @Test
  void singleName(Testbed tb) throws Exception {
    AcmeDns01Client client = client(tb, CertificateKeyType.EC_P256, AcmeTestbed.updater(tb));
    String name = "www." + base(zoneA);
    IssuedCertificate cert = client.issue(CertificateRequest.builder().names(name).build());

    assertThat(cert.names()).containsExactly(name);
    assertIssued(cert, List.of(name), CertificateKeyType.EC_P256);
    assertFiles(cert);
    AcmeTestbed.assertNoChallengesLeft(tb, cert.names());
    assertThat(events)
        .extracting(ZoneTrustEvent::type)
        .containsSubsequence(
            "acme.order.created",
            "acme.challenge.published",
            "acme.challenge.propagated",
            "acme.order.validated",
            "acme.challenge.removed",
            "acme.certificate.issued",
            "acme.certificate.delivered");
  }

  @Test
  void manyNamesAcrossTwoZonesWithOneAccount(Testbed tb) throws Exception {
    AcmeDns01Client client = client(tb, CertificateKeyType.EC_P384, AcmeTestbed.updater(tb));
    List<String> names = List.of("a." + base(zoneA), "b." + base(zoneA), "mail." + base(zoneB));
    IssuedCertificate cert =
        client.issue(CertificateRequest.builder().names(names).id("multi").build());
    assertIssued(cert, names, CertificateKeyType.EC_P384);
    assertFiles(cert);
    AcmeTestbed.assertNoChallengesLeft(tb, names);

    // A second order reuses the account; so does a new client on the same state store (a
    // restarted process): it logs in with the stored key and account URL, no new registration.
    StateStore store = FileStateStore.open(dir.resolve("state"), Clock.systemUTC());
    byte[] key = store.get(client.accountKeyStateKey()).orElseThrow().value();
    String urlKey = client.accountKeyStateKey().replace("/key", "/url");
    long urlVersion = store.get(urlKey).orElseThrow().version();
    IssuedCertificate again =
        client.issue(CertificateRequest.builder().names("c." + base(zoneB)).build());
    assertIssued(again, List.of("c." + base(zoneB)), CertificateKeyType.EC_P384);
    AcmeDns01Client restarted = client(tb, CertificateKeyType.EC_P256, AcmeTestbed.updater(tb));
    IssuedCertificate third =
        restarted.issue(CertificateRequest.builder().names("d." + base(zoneB)).build());
    assertIssued(third, List.of("d." + base(zoneB)), CertificateKeyType.EC_P256);
    assertThat(store.get(client.accountKeyStateKey()).orElseThrow().value()).isEqualTo(key);
    assertThat(store.get(urlKey).orElseThrow().version()).isEqualTo(urlVersion);
    assertThat(events).extracting(ZoneTrustEvent::type).doesNotContain("acme.order.failed");
  }

  @Test
  void apexAndWildcardInOneOrder(Testbed tb) throws Exception {
    AcmeDns01Client client = client(tb, CertificateKeyType.EC_P256, AcmeTestbed.updater(tb));
    String apex = base(zoneB);
    IssuedCertificate cert =
        client.issue(CertificateRequest.builder().names(apex, "*." + apex).build());
    assertIssued(cert, List.of(apex, "*." + apex), CertificateKeyType.EC_P256);
    assertThat(cert.id()).isEqualTo(apex);
    assertFiles(cert);
    AcmeTestbed.assertNoChallengesLeft(tb, List.of(apex));
  }

  @Test
  void rsaKey(Testbed tb) throws Exception {
    AcmeDns01Client client = client(tb, CertificateKeyType.RSA_2048, AcmeTestbed.updater(tb));
    String name = "rsa." + base(zoneA);
    IssuedCertificate cert = client.issue(CertificateRequest.builder().names(name).build());
    assertIssued(cert, List.of(name), CertificateKeyType.RSA_2048);
    assertFiles(cert);
  }

  @Test
  void renewalKeepsTheKeyAndMayNameTheReplacedCertificate(Testbed tb) throws Exception {
    AcmeDns01Client client = client(tb, CertificateKeyType.EC_P256, AcmeTestbed.updater(tb));
    String name = "renew." + base(zoneA);
    IssuedCertificate first = client.issue(CertificateRequest.builder().names(name).build());
    Path key = dir.resolve("certs").resolve(first.id()).resolve("privkey.pem");
    byte[] der =
        Base64.getMimeDecoder().decode(Files.readString(key).replaceAll("-----[A-Z ]+-----", ""));
    PrivateKey priv = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
    KeyPair current = new KeyPair(first.leaf().getPublicKey(), priv);

    // Pebble 2.4.0 offers no renewalInfo: replaces is not sent, the order still succeeds.
    IssuedCertificate renewed =
        client.issue(
            CertificateRequest.builder()
                .names(name)
                .replaces(first.ariCertId())
                .keyPair(current)
                .build());

    assertThat(renewed.serial()).isNotEqualTo(first.serial());
    assertThat(renewed.leaf().getPublicKey()).isEqualTo(first.leaf().getPublicKey());
    assertThat(Files.readAllBytes(key)).isEqualTo(pemOf(priv));
  }

  private static byte[] pemOf(PrivateKey key) {
    return ("-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded())
            + "\n-----END PRIVATE KEY-----\n")
        .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  }

  @Test
  void anAccountUnknownToTheCaIsRegisteredAgain(Testbed tb) throws Exception {
    AcmeDns01Client first = client(tb, CertificateKeyType.EC_P256, AcmeTestbed.updater(tb));
    first.issue(CertificateRequest.builder().names("acct1." + base(zoneB)).build());
    StateStore store = FileStateStore.open(dir.resolve("state"), Clock.systemUTC());
    String urlKey = first.accountKeyStateKey().replace("/key", "/url");
    String bogus = tb.acmeDirectory().resolve("/my-account/0000000000000000").toString();
    store.put(urlKey, bogus.getBytes(java.nio.charset.StandardCharsets.UTF_8));

    AcmeDns01Client restarted = client(tb, CertificateKeyType.EC_P256, AcmeTestbed.updater(tb));
    IssuedCertificate cert =
        restarted.issue(CertificateRequest.builder().names("acct2." + base(zoneB)).build());

    assertIssued(cert, List.of("acct2." + base(zoneB)), CertificateKeyType.EC_P256);
    assertThat(
            new String(
                store.get(urlKey).orElseThrow().value(), java.nio.charset.StandardCharsets.UTF_8))
        .isNotEqualTo(bogus)
        .startsWith(tb.acmeDirectory().resolve("/my-account/").toString());
  }

  @Test
  void wrongTsigKeyFailsClearlyAndLeavesNoOrderPending(Testbed tb) throws Exception {
    String wrongSecret = Base64.getEncoder().encodeToString(new byte[32]);
    AcmeDns01Client client =
        client(tb, CertificateKeyType.EC_P256, AcmeTestbed.updater(tb, wrongSecret));
    String name = "badkey." + base(zoneA);
    Throwable t =
        catchThrowable(() -> client.issue(CertificateRequest.builder().names(name).build()));
    assertThat(t).isInstanceOf(AcmeException.class);
    AcmeException e = (AcmeException) t;
    assertThat(e.getMessage()).contains(base(zoneA)).doesNotContain(wrongSecret);
    assertThat(e.orderUrl()).isPresent();
    AcmeTestbed.assertNoChallengesLeft(tb, List.of(name));
    assertThat(Files.exists(dir.resolve("certs").resolve(name))).isFalse();
    assertThat(events).extracting(ZoneTrustEvent::type).contains("acme.order.failed");

    // The order's authorization was deactivated: the CA does not keep the order waiting.
    Order order = login(tb, client).bindOrder(new URL(e.orderUrl().orElseThrow()));
    order.fetch();
    assertThat(order.getStatus()).isIn(Status.INVALID, Status.DEACTIVATED);
    assertThat(order.getAuthorizations())
        .allSatisfy(a -> assertThat(a.getStatus()).isEqualTo(Status.DEACTIVATED));
  }

  private Login login(Testbed tb, AcmeDns01Client client) throws Exception {
    byte[] pem =
        FileStateStore.open(dir.resolve("state"), Clock.systemUTC())
            .get(client.accountKeyStateKey())
            .orElseThrow()
            .value();
    KeyPair kp = KeyPairPem.decode(pem, "state");
    Session session =
        new Session(tb.acmeDirectory(), new TrustingAcmeProvider(tb.acmeTrustStore()));
    return new AccountBuilder().onlyExisting().useKeyPair(kp).createLogin(session);
  }

  static void assertIssued(IssuedCertificate cert, List<String> names, CertificateKeyType type)
      throws Exception {
    X509Certificate leaf = cert.leaf();
    List<String> sans = new ArrayList<>();
    Collection<List<?>> altNames = leaf.getSubjectAlternativeNames();
    for (List<?> san : altNames) {
      assertThat(san.get(0)).isEqualTo(2);
      sans.add((String) san.get(1));
    }
    assertThat(sans).containsExactlyInAnyOrderElementsOf(names);
    assertThat(cert.chain()).hasSizeGreaterThanOrEqualTo(2);
    for (int i = 0; i + 1 < cert.chain().size(); i++) {
      cert.chain().get(i).verify(cert.chain().get(i + 1).getPublicKey());
    }
    assertThat(cert.serial()).isEqualTo(leaf.getSerialNumber());
    assertThat(cert.notAfter()).isAfter(cert.notBefore());
    assertThat(cert.ariCertId()).contains(".");
    if (type.isRsa()) {
      assertThat(leaf.getPublicKey()).isInstanceOf(RSAPublicKey.class);
      assertThat(((RSAPublicKey) leaf.getPublicKey()).getModulus().bitLength())
          .isEqualTo(type.bits());
    } else {
      assertThat(leaf.getPublicKey()).isInstanceOf(ECPublicKey.class);
      assertThat(
              ((ECPublicKey) leaf.getPublicKey()).getParams().getCurve().getField().getFieldSize())
          .isEqualTo(type.bits());
    }
  }

  private void assertFiles(IssuedCertificate cert) throws Exception {
    Path d = dir.resolve("certs").resolve(cert.id());
    assertThat(TestPem.read(d.resolve("fullchain.pem"))).isEqualTo(cert.chain());
    assertThat(TestPem.read(d.resolve("cert.pem"))).containsExactly(cert.leaf());
    assertThat(TestPem.read(d.resolve("chain.pem")))
        .isEqualTo(cert.chain().subList(1, cert.chain().size()));
    Path key = d.resolve("privkey.pem");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
        .isEqualTo("rw-------");
    String pem = Files.readString(key);
    assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----");
    byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
    String alg = cert.leaf().getPublicKey().getAlgorithm();
    PrivateKey priv = KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(der));
    Signature s = Signature.getInstance(alg.equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA");
    s.initSign(priv);
    s.update(new byte[] {1, 2, 3});
    byte[] sig = s.sign();
    s.initVerify(cert.leaf().getPublicKey());
    s.update(new byte[] {1, 2, 3});
    assertThat(s.verify(sig)).as("privkey.pem matches the certificate").isTrue();
    assertThat(Files.list(d)).noneMatch(p -> p.getFileName().toString().endsWith(".tmp"));
  }
}
