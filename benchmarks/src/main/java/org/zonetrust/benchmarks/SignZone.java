package org.zonetrust.benchmarks;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;
import org.zonetrust.dnssec.DnssecAlgorithm;
import org.zonetrust.dnssec.KeyRole;
import org.zonetrust.dnssec.SignedZone;
import org.zonetrust.dnssec.SigningKey;
import org.zonetrust.dnssec.SigningProvider;
import org.zonetrust.dnssec.ZoneChange;
import org.zonetrust.dnssec.ZoneSigner;

/**
 * Signs one zone file with ZoneTrust, as {@code compare-signers} runs it beside the C signers.
 *
 * <p>Usage: {@code SignZone --origin bench.example. [--alg p256|ed25519] [--denial nsec|nsec3]
 * [--threads N] [--provider auto|bc|accp] [--out signed.db] [--changes 20] ZONEFILE}. Generates a
 * KSK and a ZSK signing with the given provider choice ({@link SigningProvider}; default auto: ACCP
 * for ECDSA where it loads) on a second thread while it reads the file, signs it, writes the signed
 * master file and prints one {@code ZONETRUST} line with the provider in use, the signature count
 * and the time of each phase. With {@code --changes N} it then applies N single-record changes to
 * the signed zone with {@link ZoneSigner#apply} (alternately an address changed at an existing
 * name, and a new name added) and prints their times in milliseconds.
 */
public final class SignZone {
  private SignZone() {}

  /**
   * Runs the benchmark.
   *
   * @param args the options described on the class
   * @throws Exception if reading, signing or writing fails
   */
  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    Name origin = Name.fromString(options.get("origin", "bench.example."));
    DnssecAlgorithm algorithm = Algorithms.parse(options.get("alg", "p256"));
    String denial = options.get("denial", "nsec");
    int threads = options.getInt("threads", Runtime.getRuntime().availableProcessors());
    Path input = Path.of(options.positional(0, "ZONEFILE"));
    String out = options.get("out");

    SigningProvider provider = provider(options.get("provider", "auto"));

    long start = System.nanoTime();
    // keys (and with them the crypto providers, a few hundred ms of class loading and self-tests)
    // are made on another core while this one reads the zone, as an application would at startup
    CompletableFuture<List<SigningKey>> keyPair =
        CompletableFuture.supplyAsync(
            () ->
                List.of(
                    SigningKey.generate(origin, algorithm, KeyRole.KSK).withProvider(provider),
                    SigningKey.generate(origin, algorithm, KeyRole.ZSK).withProvider(provider)));
    List<Record> records = ZoneFiles.read(input, origin);
    long read = System.nanoTime();
    List<SigningKey> keyList = keyPair.join();
    SigningKey zsk = keyList.get(1);
    ZoneSigner signer =
        ZoneSigner.builder()
            .keys(keyList)
            .clock(Clock.systemUTC())
            .denial(Denials.parse(denial))
            .threads(threads)
            .build();
    long keys = System.nanoTime();
    int changes = options.getInt("changes", 0);
    ARecord target = changes > 0 ? pickAddress(records, origin) : null;
    int recordsIn = records.size();
    SignedZone signed = signer.sign(origin, records);
    records.clear(); // the signed zone holds what it needs; the rest of the input can go
    long sign = System.nanoTime();
    if (out != null) {
      signed.writeMasterFile(Path.of(out));
    }
    long write = System.nanoTime();
    long[] counts = counts(signed);
    System.out.printf(
        Locale.ROOT,
        "ZONETRUST provider=%s alg=%s denial=%s threads=%d records_in=%d records_out=%d"
            + " signatures=%d read_ms=%.0f keys_ms=%.0f sign_ms=%.0f write_ms=%.0f%n",
        zsk.providerName(),
        algorithm.mnemonic(),
        denial,
        threads,
        recordsIn,
        counts[0],
        counts[1],
        ZoneFiles.millis(start, read),
        ZoneFiles.millis(read, keys),
        ZoneFiles.millis(keys, sign),
        ZoneFiles.millis(sign, write));

    if (target != null) {
      applyChanges(signer, signed, target, changes);
    }
  }

  private static void applyChanges(
      ZoneSigner signer, SignedZone signed, ARecord target, int changes) throws Exception {
    Name origin = signed.origin();
    double[] modify = new double[(changes + 1) / 2];
    double[] add = new double[changes / 2];
    SignedZone current = signed;
    ARecord old = target;
    for (int i = 0; i < changes; i++) {
      ZoneChange change;
      boolean isModify = i % 2 == 0;
      if (isModify) {
        ARecord next =
            new ARecord(
                old.getName(),
                old.getDClass(),
                old.getTTL(),
                InetAddress.getByAddress(new byte[] {(byte) 198, 51, 100, (byte) i}));
        change = ZoneChange.of(List.of(next), List.of(old));
        old = next;
      } else {
        ARecord fresh =
            new ARecord(
                Name.fromString("zt-change-" + i, origin),
                old.getDClass(),
                old.getTTL(),
                InetAddress.getByAddress(new byte[] {(byte) 203, 0, 113, (byte) i}));
        change = ZoneChange.of(List.of(fresh), List.of());
      }
      long t0 = System.nanoTime();
      current = signer.apply(current, change);
      double ms = ZoneFiles.millis(t0, System.nanoTime());
      if (isModify) {
        modify[i / 2] = ms;
      } else {
        add[i / 2] = ms;
      }
    }
    print("modify-address", target.getName(), modify);
    print("add-name", origin, add);
  }

  /** Returns the number of records and of signatures of a signed zone. */
  private static long[] counts(SignedZone signed) {
    List<Record> all = signed.records();
    return new long[] {all.size(), ZoneFiles.signatures(all)};
  }

  private static SigningProvider provider(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "auto" -> SigningProvider.AUTO;
      case "bc" -> SigningProvider.BOUNCY_CASTLE;
      case "accp" -> SigningProvider.ACCP;
      default -> throw new IllegalArgumentException("unknown provider: " + name);
    };
  }

  /** An address record one label below the apex (a customer's web site, not glue). */
  private static ARecord pickAddress(List<Record> records, Name origin) {
    List<ARecord> candidates = new ArrayList<>();
    for (Record r : records) {
      if (r.getType() == Type.A
          && r.getName().labels() == origin.labels() + 1
          && !r.getName().isWild()) {
        candidates.add((ARecord) r);
      }
    }
    if (candidates.isEmpty()) {
      throw new IllegalArgumentException("no A record one label below " + origin);
    }
    return candidates.get(candidates.size() / 2);
  }

  private static void print(String kind, Name at, double[] millis) {
    if (millis.length == 0) {
      return;
    }
    double first = millis[0];
    double[] sorted = millis.clone();
    Arrays.sort(sorted);
    System.out.printf(
        Locale.ROOT,
        "CHANGE kind=%s at=%s count=%d first_ms=%.2f median_ms=%.2f max_ms=%.2f%n",
        kind,
        at,
        millis.length,
        first,
        sorted[sorted.length / 2],
        sorted[sorted.length - 1]);
  }
}
