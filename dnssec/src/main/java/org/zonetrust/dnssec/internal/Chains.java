package org.zonetrust.dnssec.internal;

import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.DClass;
import org.xbill.DNS.NSEC3Record;
import org.xbill.DNS.NSECRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;
import org.zonetrust.dnssec.Denial;

/**
 * The rules of the NSEC and NSEC3 chains (RFC 4034 section 4, RFC 4035 section 2.3, RFC 5155
 * section 7.1): which names are in the chain, what their type bitmaps hold, and which RRsets are
 * authoritative and therefore signed.
 */
final class Chains {
  private Chains() {}

  /** Tells whether an RRset of the node is authoritative: signed and in the bitmap. */
  static boolean authoritative(Node n, int type, Name origin) {
    if (n.occluded()) {
      return false;
    }
    if (n.isCut(origin)) {
      return type == Type.DS || type == Type.NSEC;
    }
    return true;
  }

  /**
   * NSEC chain membership: every name with authoritative data or a delegation; not empty
   * non-terminals, not names below a cut.
   */
  static boolean nsecMember(Node n) {
    return !n.occluded() && n.hasData();
  }

  /**
   * NSEC3 chain membership: every name that exists (empty non-terminals included) and is not below
   * a cut; with opt-out, delegations without DS are left out. Empty non-terminals that exist only
   * because of such delegations stay in the chain (RFC 5155 section 7.1 allows both).
   */
  static boolean nsec3Member(Node n, Name origin, Denial denial) {
    if (n.occluded()) {
      return false;
    }
    return !(denial.optOut() && n.isCut(origin) && !n.has(Type.DS));
  }

  /** Makes the NSEC record of a member. */
  static NSECRecord nsec(Node n, Name next, Name origin, long ttl) {
    List<Integer> types = new ArrayList<>();
    if (n.isCut(origin)) {
      types.add(Type.NS);
      if (n.has(Type.DS)) {
        types.add(Type.DS);
      }
    } else {
      for (RRsetEntry e : n.sets()) {
        if (!Types.generated(e.type())) {
          types.add(e.type());
        }
      }
    }
    types.add(Type.RRSIG);
    types.add(Type.NSEC);
    return new NSECRecord(n.name(), DClass.IN, ttl, next, toArray(types));
  }

  /** Makes the NSEC3 record of a member. */
  static NSEC3Record nsec3(
      Node n, Name hashedOwner, byte[] nextHash, Name origin, Denial denial, long ttl) {
    List<Integer> types = new ArrayList<>();
    if (n.isCut(origin)) {
      types.add(Type.NS);
      if (n.has(Type.DS)) {
        types.add(Type.DS);
        types.add(Type.RRSIG);
      }
    } else if (n.hasData()) {
      for (RRsetEntry e : n.sets()) {
        types.add(e.type());
      }
      if (n.name().equals(origin) && !n.has(Type.NSEC3PARAM)) {
        types.add(Type.NSEC3PARAM);
      }
      types.add(Type.RRSIG);
    }
    return new NSEC3Record(
        hashedOwner,
        DClass.IN,
        ttl,
        NSEC3Record.SHA1_DIGEST_ID,
        denial.optOut() ? NSEC3Record.Flags.OPT_OUT : 0,
        denial.iterations(),
        denial.salt(),
        nextHash,
        toArray(types));
  }

  /** Makes the entry holding one generated record. */
  static RRsetEntry entry(Record r) {
    return new RRsetEntry(r.getType(), r.getTTL(), List.of(r));
  }

  private static int[] toArray(List<Integer> types) {
    int[] out = new int[types.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = types.get(i);
    }
    return out;
  }
}
