package org.zonetrust.dnssec;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.DNSSEC;
import org.xbill.DNS.Master;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Record;

/** Zones, keys and checks shared by the signer tests. */
final class SignerFixtures {
  static final Name ORIGIN = Name.fromConstantString("example.test.");
  static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
  static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);

  private static final Map<DnssecAlgorithm, List<SigningKey>> KEYS =
      new EnumMap<>(DnssecAlgorithm.class);

  private SignerFixtures() {}

  /** A KSK and a ZSK of the algorithm for {@link #ORIGIN}, generated once per JVM. */
  static synchronized List<SigningKey> keys(DnssecAlgorithm alg) {
    return KEYS.computeIfAbsent(
        alg,
        a ->
            List.of(
                SigningKey.generate(ORIGIN, a, KeyRole.KSK),
                SigningKey.generate(ORIGIN, a, KeyRole.ZSK)));
  }

  static ZoneSigner.Builder signer(DnssecAlgorithm alg, Denial denial) {
    return ZoneSigner.builder().keys(keys(alg)).clock(CLOCK).denial(denial).threads(2);
  }

  /** Parses master-file text with {@code $ORIGIN example.test.} and {@code $TTL 3600}. */
  static List<Record> parse(String text) {
    return parse(ORIGIN, text);
  }

  static List<Record> parse(Name origin, String text) {
    String full = "$ORIGIN " + origin + "\n$TTL 3600\n" + text;
    List<Record> out = new ArrayList<>();
    try (Master m =
        new Master(new ByteArrayInputStream(full.getBytes(StandardCharsets.UTF_8)), origin)) {
      for (Record r = m.nextRecord(); r != null; r = m.nextRecord()) {
        out.add(r);
      }
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
    return out;
  }

  static final String APEX =
      "@ SOA ns1 hostmaster 2026030100 7200 3600 1209600 300\n"
          + "@ NS ns1\n"
          + "@ NS ns2.example.net.\n"
          + "ns1 A 192.0.2.53\n";

  /** Every signature of the zone verifies with dnsjava against the zone's DNSKEY RRset. */
  static int verifyAllSignatures(List<Record> records, Instant at) throws Exception {
    Map<String, RRset> sets = new HashMap<>();
    List<RRSIGRecord> sigs = new ArrayList<>();
    List<DNSKEYRecord> keys = new ArrayList<>();
    for (Record r : records) {
      if (r instanceof RRSIGRecord s) {
        sigs.add(s);
      } else {
        sets.computeIfAbsent(r.getName() + "/" + r.getType(), k -> new RRset()).addRR(r);
        if (r instanceof DNSKEYRecord k) {
          keys.add(k);
        }
      }
    }
    for (RRSIGRecord s : sigs) {
      RRset set = sets.get(s.getName() + "/" + s.getTypeCovered());
      if (set == null) {
        throw new AssertionError("RRSIG without RRset: " + s);
      }
      DNSKEYRecord key =
          keys.stream()
              .filter(
                  k -> k.getFootprint() == s.getFootprint() && k.getAlgorithm() == s.getAlgorithm())
              .findFirst()
              .orElseThrow(() -> new AssertionError("no DNSKEY for " + s));
      DNSSEC.verify(set, s, key, at);
    }
    return sigs.size();
  }
}
