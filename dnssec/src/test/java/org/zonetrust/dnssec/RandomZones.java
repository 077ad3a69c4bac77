package org.zonetrust.dnssec;

import java.util.Random;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/**
 * Small random zones for properties: hosts (some mixed case, some below others, leaving empty
 * non-terminals), wildcards, secure and insecure delegations with glue and occluded data, CNAMEs,
 * TXT RRsets and unknown types; some labels hold arbitrary octets (escaped in the master file).
 * Owner prefixes keep CNAMEs and cuts apart from other data.
 */
final class RandomZones {
  private RandomZones() {}

  static TestZone random(Name origin, long seed, int names) {
    Random random = new Random(seed);
    ZoneBuilder z = new ZoneBuilder(origin, Name.fromConstantString("ns1." + origin), 1, random);
    for (int i = 0; i < names; i++) {
      // now and then a label of arbitrary octets (printable specials included), behind a unique
      // plain prefix so that names stay distinct
      String host =
          "h"
              + i
              + "-"
              + (random.nextInt(5) == 0
                  ? DifficultZones.randomEscapedLabel(random, DifficultZones.Labels.ALL_OCTETS)
                  : z.label());
      if (random.nextInt(4) == 0) {
        host = host + ".e" + random.nextInt(3) + "-" + "ent"; // e0-ent.. are empty non-terminals
      }
      if (random.nextBoolean()) {
        host = host.toUpperCase(java.util.Locale.ROOT);
      }
      switch (random.nextInt(8)) {
        case 0 -> z.add(host, Type.TXT, "\"" + z.label() + "\"");
        case 1 -> {
          for (int r = 0, n = 1 + random.nextInt(6); r < n; r++) {
            // distinct addresses: a duplicate record is an input error the signer refuses
            z.add(host, Type.A, "192.0.2." + (10 + r));
          }
        }
        case 2 -> z.add("*." + host, Type.A, z.ipv4());
        case 3 -> z.add("cn-" + host, Type.CNAME, "h0-target");
        case 4 -> {
          z.add("d-" + host, Type.NS, "ns.d-" + host);
          z.add("ns.d-" + host, Type.A, z.ipv4());
          z.add("www.d-" + host, Type.A, z.ipv4());
          if (random.nextBoolean()) {
            z.add("d-" + host, Type.DS, z.dsRdata());
          }
        }
        case 5 -> z.add("d-" + host, Type.NS, "ns1.example.net.");
        case 6 -> z.add(host, Type.value("TYPE65280"), "\\# 2 " + String.format("%04X", i));
        default -> z.add(host, Type.AAAA, z.ipv6());
      }
    }
    z.add("h0-target", Type.A, z.ipv4());
    return z.build("random-" + Long.toHexString(seed));
  }
}
