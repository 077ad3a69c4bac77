package org.zonetrust.dnssec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/** Builds a {@link TestZone} from owner names relative to the origin and RDATA in master form. */
final class ZoneBuilder {
  static final long TTL = 300;

  private final Name origin;
  private final Random random;
  private final List<Record> records = new ArrayList<>();
  private DifficultZones.Labels labels = DifficultZones.Labels.ALL_OCTETS;

  /**
   * Starts a zone with its SOA, {@code @ NS nameServer} and, if the name server lies inside the
   * zone, its glue A record (kzonecheck rejects an in-zone NS without an address).
   */
  ZoneBuilder(Name origin, Name nameServer, long serial, Random random) {
    this.origin = origin;
    this.random = random;
    add(
        "@",
        Type.SOA,
        "ns1.example.net. hostmaster.example.net. " + serial + " 3600 600 86400 300");
    add("@", Type.NS, nameServer.toString());
    if (nameServer.subdomain(origin)) {
      records.add(record(nameServer, Type.A, "192.0.2.53"));
    }
  }

  Name origin() {
    return origin;
  }

  Random random() {
    return random;
  }

  /** Which octets escaped labels may hold (see {@link DifficultZones.Labels}). */
  DifficultZones.Labels labels() {
    return labels;
  }

  void labels(DifficultZones.Labels labels) {
    this.labels = labels;
  }

  /** The absolute name of {@code relative} ({@code @} is the origin); master-file escapes apply. */
  Name name(String relative) {
    if (relative.equals("@")) {
      return origin;
    }
    try {
      return Name.fromString(relative, origin);
    } catch (TextParseException e) {
      throw new IllegalArgumentException(relative, e);
    }
  }

  ZoneBuilder add(String relative, int type, String rdata) {
    records.add(record(name(relative), type, rdata));
    return this;
  }

  ZoneBuilder add(Name owner, int type, String rdata) {
    records.add(record(owner, type, rdata));
    return this;
  }

  /** An address in 192.0.2.0/24 or 198.51.100.0/24 chosen by the seed. */
  String ipv4() {
    return (random.nextBoolean() ? "192.0.2." : "198.51.100.") + random.nextInt(256);
  }

  String ipv6() {
    return "2001:db8::" + Integer.toHexString(random.nextInt(0x10000));
  }

  /** A DS RDATA with a random SHA-256 digest (verifiers never follow it to the child). */
  String dsRdata() {
    StringBuilder digest = new StringBuilder();
    for (int i = 0; i < 32; i++) {
      digest.append(String.format("%02X", random.nextInt(256)));
    }
    return random.nextInt(65536) + " 13 2 " + digest;
  }

  /** A lower-case host label of 3 to 12 letters and digits. */
  String label() {
    int length = 3 + random.nextInt(10);
    StringBuilder label = new StringBuilder();
    for (int i = 0; i < length; i++) {
      label.append("abcdefghijklmnopqrstuvwxyz0123456789".charAt(random.nextInt(36)));
    }
    return label.toString();
  }

  TestZone build(String id) {
    return new TestZone(id, origin, records);
  }

  private Record record(Name owner, int type, String rdata) {
    try {
      return Record.fromString(owner, type, DClass.IN, TTL, rdata, origin);
    } catch (IOException e) {
      throw new UncheckedIOException(owner + " " + Type.string(type) + " " + rdata, e);
    }
  }
}
