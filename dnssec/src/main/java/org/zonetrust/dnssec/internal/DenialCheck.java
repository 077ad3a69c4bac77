package org.zonetrust.dnssec.internal;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.xbill.DNS.NSECRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/** Decides which denial of existence a zone uses and checks its NSEC chain (NSEC3: Nsec3Check). */
final class DenialCheck {
  private final ZoneIndex zone;
  private final boolean requireDenial;
  private final Problems problems;

  DenialCheck(ZoneIndex zone, boolean requireDenial, Problems problems) {
    this.zone = zone;
    this.requireDenial = requireDenial;
    this.problems = problems;
  }

  /** Runs the checks and names the denial found. */
  String run() {
    boolean nsec = false;
    boolean nsec3 = zone.apex().has(Type.NSEC3PARAM);
    for (ZoneIndex.Node node : zone.nodes()) {
      nsec |= node.has(Type.NSEC);
      nsec3 |= node.has(Type.NSEC3);
    }
    if (nsec && nsec3) {
      problems.add(zone.origin, Type.NSEC3, "the zone has both NSEC and NSEC3 records");
    }
    String denial = "none";
    if (nsec3) {
      denial = new Nsec3Check(zone, problems).run();
    }
    if (nsec) {
      checkNsecChain();
      denial = nsec3 ? "NSEC and NSEC3" : "NSEC";
    }
    if (!nsec && !nsec3 && requireDenial) {
      problems.add(
          zone.origin, Type.NSEC, "no NSEC or NSEC3 records: denial of existence is missing");
    }
    return denial;
  }

  private void checkNsecChain() {
    List<ZoneIndex.Node> chain = zone.chainNodes();
    for (int i = 0; i < chain.size(); i++) {
      ZoneIndex.Node node = chain.get(i);
      List<Record> nsecs = node.rrset(Type.NSEC);
      if (nsecs.isEmpty()) {
        problems.add(node.name, Type.NSEC, "no NSEC record: the NSEC chain is broken here");
        continue;
      }
      if (nsecs.size() > 1) {
        problems.add(node.name, Type.NSEC, "more than one NSEC record");
      }
      NSECRecord nsec = (NSECRecord) nsecs.get(0);
      ZoneIndex.Node expected = chain.get((i + 1) % chain.size());
      if (!nsec.getNext().equals(expected.name)) {
        problems.add(
            node.name,
            Type.NSEC,
            "NSEC next name is " + nsec.getNext() + ", expected " + expected.name);
      }
      Set<Integer> want = zone.authoritativeTypes(node);
      want.add(Type.NSEC);
      want.add(Type.RRSIG);
      checkBitmap(problems, node, Type.NSEC, nsec.getTypes(), want);
    }
  }

  /**
   * Reports a type bitmap that differs from the wanted types, naming the missing and extra ones.
   */
  static void checkBitmap(
      Problems problems, ZoneIndex.Node node, int type, int[] bitmap, Set<Integer> want) {
    Set<Integer> have = new TreeSet<>();
    for (int t : bitmap) {
      have.add(t);
    }
    if (have.equals(want)) {
      return;
    }
    Set<Integer> missing = new TreeSet<>(want);
    missing.removeAll(have);
    Set<Integer> extra = new TreeSet<>(have);
    extra.removeAll(want);
    StringBuilder message = new StringBuilder(Type.string(type)).append(" type bitmap is wrong:");
    if (!missing.isEmpty()) {
      message.append(" missing ").append(names(missing));
    }
    if (!extra.isEmpty()) {
      message.append(missing.isEmpty() ? "" : ";").append(" not present ").append(names(extra));
    }
    problems.add(node.name, type, message.toString());
  }

  private static String names(Set<Integer> types) {
    StringBuilder b = new StringBuilder();
    for (int t : types) {
      b.append(b.length() == 0 ? "" : " ").append(Type.string(t));
    }
    return b.toString();
  }
}
