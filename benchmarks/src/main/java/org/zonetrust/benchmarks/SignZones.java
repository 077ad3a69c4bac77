package org.zonetrust.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.zonetrust.dnssec.DnssecAlgorithm;
import org.zonetrust.dnssec.KeyRole;
import org.zonetrust.dnssec.SignedZone;
import org.zonetrust.dnssec.SigningKey;
import org.zonetrust.dnssec.ZoneSigner;

/**
 * Signs every zone file of a directory in one JVM: the hosting case of thousands of small zones.
 *
 * <p>Usage: {@code SignZones [--alg p256|ed25519] [--denial nsec|nsec3] [--threads N] [--durable
 * true] --out OUTDIR DIR}. Each file {@code DIR/<origin>db} (for example {@code
 * zone-00001.example.db}) is one zone. Like the peers' runs in {@code compare-signers}, every zone
 * gets the same two key pairs (a KSK and a ZSK), wrapped for its own name; zones are signed in
 * parallel, one thread each. Prints one {@code ZONETRUST-ZONES} line.
 */
public final class SignZones {
  private SignZones() {}

  /**
   * Runs the benchmark.
   *
   * @param args the options described on the class
   * @throws Exception if reading, signing or writing fails
   */
  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    DnssecAlgorithm algorithm = Algorithms.parse(options.get("alg", "p256"));
    String denial = options.get("denial", "nsec");
    int threads = options.getInt("threads", Runtime.getRuntime().availableProcessors());
    Path dir = Path.of(options.positional(0, "DIR"));
    Path out = Path.of(options.get("out", dir + "-signed"));
    boolean durable = Boolean.parseBoolean(options.get("durable", "false"));
    Files.createDirectories(out);
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.getFileName().toString().endsWith(".db")).sorted().toList();
    }
    KeyPair kskPair = Algorithms.keyPair(algorithm, new BouncyCastleProvider());
    KeyPair zskPair = Algorithms.keyPair(algorithm, new BouncyCastleProvider());

    long start = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<Long>> results = new ArrayList<>();
    String provider;
    try {
      for (Path file : files) {
        results.add(
            pool.submit(() -> signOne(file, out, algorithm, denial, kskPair, zskPair, durable)));
      }
      long signatures = 0;
      for (Future<Long> f : results) {
        signatures += f.get();
      }
      provider =
          SigningKey.of(
                  Name.root, algorithm, KeyRole.ZSK, zskPair.getPublic(), zskPair.getPrivate(), 1)
              .providerName();
      double ms = ZoneFiles.millis(start, System.nanoTime());
      System.out.printf(
          Locale.ROOT,
          "ZONETRUST-ZONES provider=%s alg=%s denial=%s threads=%d zones=%d signatures=%d"
              + " total_ms=%.0f zones_per_s=%.1f%n",
          provider,
          algorithm.mnemonic(),
          denial,
          threads,
          files.size(),
          signatures,
          ms,
          files.size() * 1000.0 / ms);
    } finally {
      pool.shutdown();
    }
  }

  private static long signOne(
      Path file,
      Path out,
      DnssecAlgorithm algorithm,
      String denial,
      KeyPair ksk,
      KeyPair zsk,
      boolean durable)
      throws IOException, org.zonetrust.dnssec.DnssecException {
    String fileName = file.getFileName().toString();
    Name origin = Name.fromString(fileName.substring(0, fileName.length() - "db".length()));
    List<Record> records = ZoneFiles.read(file, origin);
    ZoneSigner signer =
        ZoneSigner.builder()
            .keys(
                List.of(
                    SigningKey.of(
                        origin, algorithm, KeyRole.KSK, ksk.getPublic(), ksk.getPrivate(), 3600),
                    SigningKey.of(
                        origin, algorithm, KeyRole.ZSK, zsk.getPublic(), zsk.getPrivate(), 3600)))
            .clock(Clock.systemUTC())
            .denial(Denials.parse(denial))
            .threads(1)
            .build();
    SignedZone signed = signer.sign(origin, records);
    Path target = out.resolve(fileName + ".signed");
    if (durable) {
      signed.writeMasterFile(target);
    } else {
      Files.writeString(target, signed.toMasterFile(), StandardCharsets.US_ASCII);
    }
    return ZoneFiles.signatures(signed.records());
  }
}
