package org.zonetrust.dnssec;

import java.util.HashSet;
import java.util.Set;
import org.xbill.DNS.Type;

/**
 * The delegation shapes of {@link DifficultZones}: zone cuts with and without DS, glue, occlusion.
 */
final class Delegations {
  private Delegations() {}

  /** Every kind of cut once, plus ten random ones. */
  static void fill(ZoneBuilder z) {
    few(z);
    z.add("outside", Type.NS, "ns1.example.net.");
    z.add("outside", Type.NS, "ns2.example.org.");
    z.add("outside", Type.DS, z.dsRdata());
    // Name servers inside a sibling delegation: the address is occluded there, yet needed.
    z.add("sibling", Type.NS, "ns.secure");
    // Only an insecure delegation below an empty non-terminal (opt-out may skip the ENT).
    z.add("child.ent.deleg", Type.NS, "ns1.example.net.");
    z.add("other.ent.deleg", Type.NS, "ns.other.ent.deleg");
    z.add("ns.other.ent.deleg", Type.A, z.ipv4());
    z.add("www", Type.A, z.ipv4());
    for (int i = 0; i < 10; i++) {
      String label = "d" + i + "-" + z.label();
      boolean secure = z.random().nextBoolean();
      boolean glue = z.random().nextBoolean();
      z.add(label, Type.NS, glue ? "ns." + label : "ns" + i + ".example.net.");
      if (glue) {
        z.add("ns." + label, Type.A, z.ipv4());
      }
      if (secure) {
        z.add(label, Type.DS, z.dsRdata());
      }
    }
  }

  /** One secure and one insecure delegation, each with glue (A and AAAA) and occluded data. */
  static void few(ZoneBuilder z) {
    z.add("secure", Type.NS, "ns.secure");
    z.add("secure", Type.NS, "ns1.example.net.");
    z.add("secure", Type.DS, z.dsRdata());
    z.add("secure", Type.DS, z.dsRdata());
    z.add("ns.secure", Type.A, z.ipv4());
    z.add("ns.secure", Type.AAAA, z.ipv6());
    z.add("www.secure", Type.A, z.ipv4()); // occluded: below the cut, not glue
    z.add("deep.below.secure", Type.TXT, "\"occluded\"");
    z.add("insecure", Type.NS, "ns.insecure");
    z.add("ns.insecure", Type.A, z.ipv4());
    z.add("ns.insecure", Type.AAAA, z.ipv6());
    z.add("www.insecure", Type.A, z.ipv4());
    z.add("_tcp.insecure", Type.TXT, "\"occluded\"");
  }

  /** {@link DifficultZones#TLD_DELEGATIONS} delegations, a third secure, a fifth with glue. */
  static void tldLike(ZoneBuilder z) {
    z.add("nic", Type.A, z.ipv4());
    z.add("nic", Type.AAAA, z.ipv6());
    Set<String> used = new HashSet<>();
    while (used.size() < DifficultZones.TLD_DELEGATIONS) {
      String label = z.label();
      if (label.equals("nic") || label.equals("ns1") || !used.add(label)) {
        continue;
      }
      int kind = z.random().nextInt(15);
      if (kind < 3) {
        z.add(label, Type.NS, "ns1." + label);
        z.add(label, Type.NS, "ns2." + label);
        z.add("ns1." + label, Type.A, z.ipv4());
        z.add("ns2." + label, Type.AAAA, z.ipv6());
      } else {
        int hoster = z.random().nextInt(20);
        z.add(label, Type.NS, "ns1.hoster" + hoster + ".example.net.");
        z.add(label, Type.NS, "ns2.hoster" + hoster + ".example.net.");
      }
      if (kind % 3 == 0) {
        z.add(label, Type.DS, z.dsRdata());
      }
    }
  }
}
