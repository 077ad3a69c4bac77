package org.zonetrust.examples;

import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;
import org.zonetrust.core.ZoneTrustException;
import org.zonetrust.core.dns.DnsUpdate;
import org.zonetrust.core.dns.Expectation;
import org.zonetrust.core.dns.PropagationChecker;
import org.zonetrust.core.dns.PropagationResult;
import org.zonetrust.core.dns.Rfc2136Updater;
import org.zonetrust.core.dns.TsigAlgorithm;
import org.zonetrust.core.dns.TsigKey;
import org.zonetrust.testbed.Testbed;

/**
 * The end-to-end hosting example: what a hosting platform does for one customer domain, wired the
 * way a platform embeds ZoneTrust.
 *
 * <p>Today it shows the DNS plumbing every later step (ACME DNS-01, DNSSEC, DANE) stands on: it
 * publishes an ACME-style challenge TXT record with one RFC 2136 UPDATE signed with TSIG, waits
 * until every address of every authoritative server of the zone (the BIND primary and the Knot
 * secondary, over IPv4 and IPv6) serves it, then removes it and waits until it is gone everywhere.
 * Its {@code main} then runs {@link DnssecExample}: a customer zone signed by ZoneTrust, served
 * with its DS at the parent, validated by Unbound, and changed by incremental signing; {@link
 * ManagedDnssecExample}: the key manager makes a zone secure and rolls its ZSK by itself; and
 * {@link AcmeExample}: an apex + wildcard certificate from the testbed's Pebble CA through DNS-01,
 * written as PEM files and tracked for renewal.
 *
 * <p>Run it from an IDE or with {@code scripts/demo}: it starts the testbed's real servers on
 * loopback (Debian packages from {@code scripts/install-testbed}).
 */
public final class HostingExample {
  private HostingExample() {}

  /**
   * Starts the testbed and runs the example against it.
   *
   * @param args ignored
   * @throws Exception if a step fails; the message says which and where
   */
  public static void main(String[] args) throws Exception {
    PrintStream out = System.out;
    out.println("Starting the testbed (BIND, Knot, Unbound, Pebble on loopback)...");
    Testbed tb = Testbed.shared();
    out.printf(
        "  BIND primary %s, Knot secondary %s, Unbound resolver %s (started in %d ms)%n",
        tb.bind(), tb.knot(), tb.unbound(), tb.startupTime().toMillis());
    run(tb, "customer", out);
    out.println();
    out.println("DNSSEC for a customer zone:");
    DnssecExample.run(tb, "signed-customer", out);
    out.println();
    out.println("DNSSEC that runs by itself (key manager, fast lab policy, ZSK roll):");
    ManagedDnssecExample.run(tb, "managed-customer", out);
    out.println();
    out.println("An ACME DNS-01 certificate (apex + wildcard) for a customer domain:");
    AcmeExample.run(tb, "acme-customer", Files.createTempDirectory("zonetrust-acme-"), out);
  }

  /**
   * Runs the example in a fresh customer zone of the given testbed.
   *
   * @param tb a running testbed
   * @param customer label of the customer zone to create under {@code test.}
   * @param out where to print what happens
   * @return the propagation result of the published record
   * @throws Exception if a step fails
   */
  public static PropagationResult run(Testbed tb, String customer, PrintStream out)
      throws Exception {
    Name zone = Name.fromString(tb.createZone(customer));
    out.println("Customer zone " + zone + " created (BIND primary, Knot secondary)");

    // What the platform configures once: the primary's address and its update key...
    TsigKey key =
        TsigKey.of(
            tb.tsigKeyName(), TsigAlgorithm.fromDnsName(tb.tsigAlgorithm()), tb.tsigSecret());
    Rfc2136Updater dns = Rfc2136Updater.builder().server(tb.bind()).tsigKey(key).build();

    // ...and how to find and reach the authoritative servers (port 53 in production).
    Map<Name, Integer> ports =
        Map.of(
            Name.fromString(tb.primaryNameServer()), tb.bindPort(),
            Name.fromString(tb.secondaryNameServer()), tb.knotPort());
    SimpleResolver resolver = new SimpleResolver(tb.unbound());
    try (PropagationChecker propagation =
        PropagationChecker.builder()
            .resolver(resolver)
            .port((ns, address) -> ports.getOrDefault(ns, 53))
            .timeout(Duration.ofSeconds(30))
            .build()) {

      Name challenge = Name.fromString("_acme-challenge", zone);
      TXTRecord txt =
          new TXTRecord(
              challenge, DClass.IN, 60, "zonetrust-demo-" + Long.toHexString(zone.hashCode()));
      // Simulate what hurts in production: a secondary that lags behind the primary.
      tb.holdSecondary(zone.toString());
      CompletableFuture<PropagationResult> waiting;
      try {
        dns.apply(DnsUpdate.builder(zone).add(txt).build());
        out.println("Published " + txt + " with one TSIG-signed RFC 2136 UPDATE to " + tb.bind());
        waiting =
            propagation.await(challenge, Type.TXT, Expectation.contains(txt)).toCompletableFuture();
        out.printf(
            "Knot secondary held back (serial %d, primary at %d): propagation still pending: %s%n",
            tb.soaSerial(tb.knot(), zone.toString()),
            tb.soaSerial(tb.bind(), zone.toString()),
            !waiting.isDone());
      } finally {
        tb.releaseSecondary(zone.toString());
      }
      out.println("Knot released; waiting for every server...");
      PropagationResult published = waiting.join();
      out.println("Served by every authoritative server:");
      out.println(indent(published.report()));

      dns.apply(DnsUpdate.builder(zone).delete(txt).build());
      out.println("Removed exactly that TXT value");
      PropagationResult removed =
          propagation.await(challenge, Type.TXT, Expectation.absent()).toCompletableFuture().join();
      out.println("Gone from every authoritative server:");
      out.println(indent(removed.report()));
      return published;
    } catch (java.util.concurrent.CompletionException e) {
      if (e.getCause() instanceof ZoneTrustException z) {
        throw z;
      }
      throw e;
    }
  }

  private static String indent(String text) {
    return text.indent(2).stripTrailing();
  }
}
