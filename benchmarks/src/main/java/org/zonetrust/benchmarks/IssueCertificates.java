package org.zonetrust.benchmarks;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.xbill.DNS.Name;
import org.xbill.DNS.SimpleResolver;
import org.zonetrust.acme.AcmeAccount;
import org.zonetrust.acme.AcmeCa;
import org.zonetrust.acme.AcmeDns01Client;
import org.zonetrust.acme.CertificateRequest;
import org.zonetrust.acme.IssuedCertificate;
import org.zonetrust.core.dns.PropagationChecker;
import org.zonetrust.core.dns.Rfc2136Updater;
import org.zonetrust.core.dns.TsigAlgorithm;
import org.zonetrust.core.dns.TsigKey;
import org.zonetrust.core.state.FileStateStore;

/**
 * Issues many three-name certificates (apex, {@code www} and wildcard of one domain each) with one
 * {@link AcmeDns01Client} in one JVM, as a hosting platform does, against the testbed that {@link
 * AcmeTestbed} keeps running.
 *
 * <p>Usage: {@code IssueCertificates --env FILE --count N [--concurrency C] [--prefix zt] --out DIR
 * --state DIR [--crypto accp|jdk]}. {@code FILE} is the environment {@link AcmeTestbed} wrote.
 * Domain {@code i} is {@code <prefix><i>.<zone i mod zones>}. DNS-01 values go to BIND by RFC 2136
 * with the testbed's TSIG key; the client triggers a challenge only after BIND and Knot (the zones'
 * two authoritative servers, asked directly) both serve its value. Certificates are written as PEM
 * files by the default sink, below {@code DIR/<domain>/}. Prints one {@code ZONETRUST-ACME} line:
 * orders, valid certificates (the three names checked), wall time from before the client is built
 * to the last delivery (account registration included), orders per minute, median and 90th
 * percentile latency of one order.
 */
public final class IssueCertificates {
  private IssueCertificates() {}

  /**
   * Runs the benchmark.
   *
   * @param args the options described on the class
   * @throws Exception if the set-up fails (failed orders are counted, not thrown)
   */
  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    Env env = readEnv(Path.of(required(options, "env")));
    int count = options.getInt("count", 300);
    int concurrency = options.getInt("concurrency", 32);
    String prefix = options.get("prefix", "zt");
    Path out = Path.of(required(options, "out"));
    Path state = Path.of(required(options, "state"));
    List<String> zones = List.of(env.get("ZONES").split(" "));
    String jwsProvider = installProvider(options.get("crypto", "accp"));

    InetAddress loopback = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
    int bindPort = Integer.parseInt(env.get("BIND_PORT"));
    int knotPort = Integer.parseInt(env.get("KNOT_PORT"));
    Name primary = Name.fromString(env.get("NS_PRIMARY"));
    Name secondary = Name.fromString(env.get("NS_SECONDARY"));
    TsigKey tsig =
        TsigKey.of(
            env.get("TSIG_NAME"),
            TsigAlgorithm.fromDnsName(env.get("TSIG_ALGORITHM")),
            env.get("TSIG_SECRET"));
    // BIND, authoritative for test. and its children, finds the zones without a cache in between
    SimpleResolver resolver = new SimpleResolver(new InetSocketAddress(loopback, bindPort));
    resolver.setTimeout(Duration.ofSeconds(3));
    Clock clock = Clock.systemUTC();

    long start = System.nanoTime();
    List<Long> latencies = new ArrayList<>();
    int valid = 0;
    List<String> failures = new ArrayList<>();
    try (PropagationChecker checker =
        PropagationChecker.builder()
            .resolver(resolver)
            .port(
                (ns, address) ->
                    ns.equals(primary) ? bindPort : ns.equals(secondary) ? knotPort : 53)
            .queryTimeout(Duration.ofSeconds(1))
            .backoff(Duration.ofMillis(20), Duration.ofMillis(500))
            .timeout(Duration.ofSeconds(60))
            .clock(clock)
            .build()) {
      AcmeDns01Client client =
          AcmeDns01Client.builder()
              .ca(
                  AcmeCa.of(
                      URI.create(env.get("ACME_DIRECTORY")),
                      trustStore(Path.of(env.get("ACME_CA_PEM")))))
              .account(
                  AcmeAccount.builder()
                      .contact("mailto:ops@example.test")
                      .agreeToTermsOfService(true)
                      .build())
              .stateStore(FileStateStore.open(state, clock))
              .dnsUpdater(
                  Rfc2136Updater.builder()
                      .server(new InetSocketAddress(loopback, bindPort))
                      .tsigKey(tsig)
                      .clock(clock)
                      .build())
              .propagationChecker(checker)
              .resolver(resolver)
              .pemFiles(out)
              .maxConcurrentOrders(concurrency)
              .clock(clock)
              .build();
      ExecutorService pool = Executors.newFixedThreadPool(concurrency);
      try {
        List<Future<Outcome>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
          String domain = prefix + i + "." + zones.get(i % zones.size());
          futures.add(pool.submit(() -> issueOne(client, domain)));
        }
        for (Future<Outcome> f : futures) {
          Outcome o;
          try {
            o = f.get();
          } catch (ExecutionException e) {
            failures.add(String.valueOf(e.getCause()));
            continue;
          }
          latencies.add(o.nanos());
          if (o.valid()) {
            valid++;
          } else {
            failures.add(o.domain() + ": names " + o.names());
          }
        }
      } finally {
        pool.shutdownNow();
      }
    }
    double wallMs = ZoneFiles.millis(start, System.nanoTime());
    for (String f : failures.subList(0, Math.min(5, failures.size()))) {
      System.err.println("FAILED " + f);
    }
    latencies.sort(null);
    System.out.printf(
        Locale.ROOT,
        "ZONETRUST-ACME orders=%d valid=%d failed=%d concurrency=%d wall_ms=%.0f"
            + " orders_per_min=%.1f median_ms=%.0f p90_ms=%.0f crypto=%s%n",
        count,
        valid,
        count - valid,
        concurrency,
        wallMs,
        valid * 60_000.0 / wallMs,
        percentile(latencies, 50),
        percentile(latencies, 90),
        jwsProvider);
  }

  /**
   * With {@code accp}, makes the Amazon Corretto Crypto Provider the JVM's first provider where its
   * native library loads, as an application may: acme4j signs every request (JWS, ECDSA P-256
   * account key) through the JCA default, which is otherwise SunEC's pure Java. Returns the
   * provider that now serves {@code SHA256withECDSA}.
   */
  private static String installProvider(String crypto) throws GeneralSecurityException {
    switch (crypto) {
      case "accp" -> {
        if (AmazonCorrettoCryptoProvider.INSTANCE.getLoadingError() == null) {
          AmazonCorrettoCryptoProvider.install();
        } else {
          System.err.println(
              "ACCP does not load here, the JDK's providers sign: "
                  + AmazonCorrettoCryptoProvider.INSTANCE.getLoadingError());
        }
      }
      case "jdk" -> {
        // the JDK's provider order, unchanged
      }
      default -> throw new IllegalArgumentException("--crypto must be accp or jdk, got " + crypto);
    }
    return java.security.Signature.getInstance("SHA256withECDSA").getProvider().getName();
  }

  private record Outcome(String domain, boolean valid, List<String> names, long nanos) {}

  private static Outcome issueOne(AcmeDns01Client client, String domain) throws Exception {
    List<String> names = List.of(domain, "www." + domain, "*." + domain);
    long t = System.nanoTime();
    IssuedCertificate cert =
        client.issue(CertificateRequest.builder().id(domain).names(names).build());
    long nanos = System.nanoTime() - t;
    Set<String> got = new HashSet<>(cert.names());
    return new Outcome(domain, got.equals(new HashSet<>(names)), cert.names(), nanos);
  }

  private static double percentile(List<Long> sorted, int p) {
    if (sorted.isEmpty()) {
      return 0;
    }
    int index = Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1);
    return sorted.get(Math.max(0, index)) / 1e6;
  }

  private static String required(Options options, String name) {
    String v = options.get(name);
    if (v == null) {
      throw new IllegalArgumentException("missing --" + name);
    }
    return v;
  }

  /** Reads the {@code NAME='value'} lines {@link AcmeTestbed} writes. */
  private static Env readEnv(Path file) throws IOException {
    Map<String, String> env = new HashMap<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      int eq = line.indexOf('=');
      if (eq > 0 && line.length() > eq + 1 && line.charAt(eq + 1) == '\'' && line.endsWith("'")) {
        env.put(line.substring(0, eq), line.substring(eq + 2, line.length() - 1));
      }
    }
    return new Env(env, file);
  }

  private static KeyStore trustStore(Path pem) throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    try (InputStream in = Files.newInputStream(pem)) {
      store.setCertificateEntry(
          "acme-server-ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    return store;
  }

  /** The testbed's environment; a missing variable is an error. */
  private record Env(Map<String, String> values, Path file) {
    String get(String name) {
      String v = values.get(name);
      if (v == null) {
        throw new IllegalArgumentException(file + " has no " + name);
      }
      return v;
    }
  }
}
