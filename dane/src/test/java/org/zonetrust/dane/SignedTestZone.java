package org.zonetrust.dane;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.xbill.DNS.Master;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;
import org.zonetrust.dnssec.DnssecAlgorithm;
import org.zonetrust.dnssec.DnssecException;
import org.zonetrust.dnssec.KeyRole;
import org.zonetrust.dnssec.SignedZone;
import org.zonetrust.dnssec.SigningKey;
import org.zonetrust.dnssec.ZoneSigner;
import org.zonetrust.testbed.Testbed;

/**
 * A child zone of the testbed's {@code test.}, signed by ZoneTrust's {@link ZoneSigner} (one ECDSA
 * P-256 CSK, NSEC, the system clock because BIND and Unbound judge signatures by the real time),
 * served by BIND as a file with its DS in {@code test.}, so that the testbed's Unbound validates it
 * (AD). DANE tests publish TLSA, MX and address records in it.
 *
 * <p>Records are master-file lines relative to the origin, e.g. {@code "mx 60 IN A 127.0.0.1"} or
 * {@code "_25._tcp.mx 60 IN TLSA 3 1 1 ABCD..."}. The SOA ({@code ns1.test.}, negative TTL 60 s)
 * and the NS record are added. {@link #replace} and {@link #corrupt} publish a new version (new
 * serial, same key, so the DS stays right) and flush the zone from the testbed's Unbound; another
 * resolver's cache is the caller's business.
 */
final class SignedTestZone {
  private static final AtomicInteger COUNTER = new AtomicInteger();

  private final Testbed testbed;
  private final Name origin;
  private final SigningKey key;
  private final Path dir;
  private long serial;

  private SignedTestZone(Testbed testbed, Name origin, SigningKey key, Path dir) {
    this.testbed = testbed;
    this.origin = origin;
    this.key = key;
    this.dir = dir;
  }

  /**
   * Signs and serves a new zone {@code sz<N>-<label>.test.}.
   *
   * @param testbed the testbed
   * @param label a host label, made unique with a counter
   * @param lines the zone's records, relative to the origin
   * @return the served zone
   */
  static SignedTestZone serve(Testbed testbed, String label, List<String> lines) {
    try {
      Name origin = Name.fromString("sz" + COUNTER.incrementAndGet() + "-" + label + ".test.");
      SigningKey key = SigningKey.generate(origin, DnssecAlgorithm.ECDSAP256SHA256, KeyRole.CSK);
      SignedTestZone zone =
          new SignedTestZone(
              testbed, origin, key, Files.createTempDirectory("zonetrust-dane-zone-"));
      testbed.addSignedZone(origin.toString(), zone.write(lines, false));
      return zone;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The zone's name.
   *
   * @return e.g. {@code sz3-mail.test.}
   */
  Name origin() {
    return origin;
  }

  /**
   * An absolute name in the zone.
   *
   * @param relative a name relative to the origin, e.g. {@code mx} or {@code _25._tcp.mx}
   * @return the absolute name
   */
  Name name(String relative) {
    try {
      return Name.fromString(relative, origin);
    } catch (TextParseException e) {
      throw new IllegalArgumentException(relative, e);
    }
  }

  /**
   * Publishes a new version of the zone with these records (the old ones are gone).
   *
   * @param lines the records, relative to the origin
   */
  void replace(List<String> lines) {
    testbed.reloadSignedZone(origin.toString(), write(lines, false));
  }

  /**
   * Publishes a new version with these records in which every signature over the RRset {@code
   * relative}/{@code type} is damaged: validators must call that RRset bogus; the rest of the zone
   * still validates.
   *
   * @param lines the records, relative to the origin
   * @param relative the owner of the RRset to damage, relative to the origin
   * @param type the type of the RRset to damage, e.g. {@link Type#TLSA}
   */
  void corrupt(List<String> lines, String relative, int type) {
    testbed.reloadSignedZone(origin.toString(), write(lines, true, name(relative), type));
  }

  private Path write(List<String> lines, boolean damage) {
    return write(lines, damage, origin, Type.SOA);
  }

  private Path write(List<String> lines, boolean damage, Name owner, int type) {
    serial++;
    StringBuilder text = new StringBuilder();
    text.append("$ORIGIN ").append(origin).append('\n');
    text.append("@ 60 IN SOA ns1.test. hostmaster.test. ").append(serial).append(" 60 60 600 60\n");
    text.append("@ 60 IN NS ns1.test.\n");
    for (String line : lines) {
      text.append(line).append('\n');
    }
    List<Record> records = new ArrayList<>();
    try (Master master =
        new Master(
            new ByteArrayInputStream(text.toString().getBytes(StandardCharsets.UTF_8)),
            origin,
            60)) {
      for (Record r = master.nextRecord(); r != null; r = master.nextRecord()) {
        records.add(r);
      }
      SignedZone signed =
          ZoneSigner.builder()
              .keys(List.of(key))
              .clock(Clock.systemUTC())
              .threads(1)
              .build()
              .sign(origin, records);
      Path file = dir.resolve(origin.toString() + serial + ".zone");
      if (!damage) {
        signed.writeMasterFile(file);
        return file;
      }
      StringBuilder out = new StringBuilder();
      int damaged = 0;
      for (Record r : signed.records()) {
        if (r instanceof RRSIGRecord sig
            && sig.getName().equals(owner)
            && sig.getTypeCovered() == type) {
          byte[] signature = sig.getSignature().clone();
          signature[signature.length / 2] ^= 0x01;
          r =
              new RRSIGRecord(
                  sig.getName(),
                  sig.getDClass(),
                  sig.getTTL(),
                  sig.getTypeCovered(),
                  sig.getAlgorithm(),
                  sig.getOrigTTL(),
                  sig.getExpire(),
                  sig.getTimeSigned(),
                  sig.getFootprint(),
                  sig.getSigner(),
                  signature);
          damaged++;
        }
        out.append(r).append('\n');
      }
      if (damaged == 0) {
        throw new IllegalArgumentException("no RRSIG " + Type.string(type) + " at " + owner);
      }
      Files.writeString(file, out);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (DnssecException e) {
      throw new AssertionError("ZoneSigner refused " + origin + ": " + e, e);
    }
  }
}
