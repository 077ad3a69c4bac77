package org.zonetrust.examples;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import org.xbill.DNS.Name;
import org.xbill.DNS.SimpleResolver;
import org.zonetrust.acme.AcmeAccount;
import org.zonetrust.acme.AcmeCa;
import org.zonetrust.acme.AcmeDns01Client;
import org.zonetrust.acme.CertificateKeyPolicy;
import org.zonetrust.acme.CertificateManager;
import org.zonetrust.acme.CertificateRequest;
import org.zonetrust.acme.IssuedCertificate;
import org.zonetrust.acme.PemFileSink;
import org.zonetrust.acme.RateLimitLedger;
import org.zonetrust.acme.RenewalRun;
import org.zonetrust.acme.RenewalScheduler;
import org.zonetrust.core.dns.PropagationChecker;
import org.zonetrust.core.dns.Rfc2136Updater;
import org.zonetrust.core.dns.TsigAlgorithm;
import org.zonetrust.core.dns.TsigKey;
import org.zonetrust.core.state.FileStateStore;
import org.zonetrust.testbed.Testbed;

/**
 * An ACME DNS-01 certificate for a customer domain, the way a platform embeds ZoneTrust: one
 * certificate for the apex and the wildcard from the testbed's Pebble CA, with the challenge TXT
 * records published by RFC 2136 UPDATE to the BIND primary and confirmed on BIND and the Knot
 * secondary before Pebble validates them. The certificate key comes from the {@link
 * CertificateKeyPolicy} (kept across renewals, with a next key announced in advance for DANE), the
 * order is counted by the {@link RateLimitLedger}, and the certificate is tracked for the {@link
 * RenewalScheduler}. The PEM files go to a temporary directory.
 *
 * <p>Run it from an IDE or with {@code scripts/demo}: it starts the testbed's real servers on
 * loopback (Debian packages from {@code scripts/install-testbed}).
 */
public final class AcmeExample {
  private AcmeExample() {}

  /**
   * Starts the testbed and runs the example against it.
   *
   * @param args ignored
   * @throws Exception if a step fails; the message says which and where
   */
  public static void main(String[] args) throws Exception {
    run(
        Testbed.shared(),
        "acme-customer",
        Files.createTempDirectory("zonetrust-acme-"),
        System.out);
  }

  /**
   * Issues an apex + wildcard certificate for a fresh customer zone of the given testbed.
   *
   * @param tb a running testbed
   * @param customer label of the zone to create under {@code test.}
   * @param dir where the state ({@code state/}) and the PEM files ({@code certs/}) go
   * @param out where to print what happens
   * @return the issued certificate
   * @throws Exception if a step fails
   */
  public static IssuedCertificate run(Testbed tb, String customer, Path dir, PrintStream out)
      throws Exception {
    String zone = tb.createZone(customer);
    String domain = zone.substring(0, zone.length() - 1);
    out.println("Customer zone " + zone + " created (BIND primary, Knot secondary)");
    Clock clock = Clock.systemUTC();

    // What the platform configures once: state, DNS update access, how to find the servers.
    FileStateStore store = FileStateStore.open(dir.resolve("state"), clock);
    Rfc2136Updater dns =
        Rfc2136Updater.builder()
            .server(tb.bind())
            .tsigKey(
                TsigKey.of(
                    tb.tsigKeyName(),
                    TsigAlgorithm.fromDnsName(tb.tsigAlgorithm()),
                    tb.tsigSecret()))
            .build();
    // The testbed's BIND is authoritative for test. and every child: it serves as the resolver.
    SimpleResolver resolver = new SimpleResolver(tb.bind());
    Map<Name, Integer> ports =
        Map.of(
            Name.fromString(tb.primaryNameServer()), tb.bindPort(),
            Name.fromString(tb.secondaryNameServer()), tb.knotPort());
    PemFileSink pem = new PemFileSink(dir.resolve("certs"));
    try (PropagationChecker propagation =
        PropagationChecker.builder()
            .resolver(resolver)
            .port((ns, address) -> ports.getOrDefault(ns, 53))
            .timeout(Duration.ofSeconds(30))
            .build()) {
      AcmeDns01Client client =
          AcmeDns01Client.builder()
              .ca(AcmeCa.of(tb.acmeDirectory(), tb.acmeTrustStore())) // Pebble, its own CA
              .account(
                  AcmeAccount.builder()
                      .contact("mailto:hostmaster@" + domain)
                      .agreeToTermsOfService(true)
                      .build())
              .stateStore(store)
              .dnsUpdater(dns)
              .propagationChecker(propagation)
              .resolver(resolver)
              .sink(pem)
              .clock(clock)
              .build();
      client.recover();
      CertificateKeyPolicy keys =
          CertificateKeyPolicy.builder().stateStore(store).clock(clock).build();
      CertificateManager certificates =
          CertificateManager.builder()
              .client(client)
              .keyPolicy(keys)
              .ledger(
                  RateLimitLedger.builder()
                      .stateStore(store)
                      .clock(clock)
                      .account("pebble")
                      .build())
              .stateStore(store)
              .clock(clock)
              .build();

      String id = domain.replace('.', '-');
      out.println(
          "Next key announced before the first order (its TLSA can go out now): "
              + keyId(keys.nextKey(id).getEncoded()));
      long started = System.nanoTime();
      IssuedCertificate cert =
          certificates.issue(
              CertificateRequest.builder().id(id).names(domain, "*." + domain).build());
      out.printf(
          "Issued by %s in %d ms: %s%n",
          cert.leaf().getIssuerX500Principal().getName(),
          Duration.ofNanos(System.nanoTime() - started).toMillis(),
          String.join(", ", cert.names()));
      out.println("  valid until " + cert.notAfter() + ", serial " + cert.serial().toString(16));
      out.println("  key " + keyId(cert.leaf().getPublicKey().getEncoded()) + " (kept on renewal)");
      Path files = pem.directoryOf(id);
      try (var listing = Files.list(files)) {
        out.println(
            "  PEM files in "
                + files
                + ": "
                + String.join(
                    ", ", listing.map(p -> p.getFileName().toString()).sorted().toList()));
      }

      RenewalScheduler scheduler = certificates.scheduler().build();
      RenewalRun run = scheduler.runOnce();
      out.println(
          "Renewal scheduler: "
              + run.renewed()
              + " renewed; this certificate is due at "
              + scheduler.record(id).map(r -> String.valueOf(r.plannedRenewal())).orElse("?")
              + ", next scan at "
              + run.nextDueAt());
      return cert;
    }
  }

  private static String keyId(byte[] spki) throws Exception {
    return HexFormat.of()
        .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(spki))
        .substring(0, 16);
  }
}
