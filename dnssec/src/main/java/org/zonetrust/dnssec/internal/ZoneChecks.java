package org.zonetrust.dnssec.internal;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;
import org.zonetrust.dnssec.DnssecException;

/**
 * Record-level sanity checks of zone data before it is signed or verified: class IN only, no data
 * outside the zone, one SOA at the apex, NS at the apex, no CNAME beside other data (RRSIG and NSEC
 * excepted), one TTL per RRset, no exact duplicates.
 *
 * <p>Runs in O(n) expected time plus sorting inside each owner name, so a zone of a million records
 * is checked in well under a second.
 */
public final class ZoneChecks {
  private ZoneChecks() {}

  /**
   * Checks the records of one zone and throws on the first problem found.
   *
   * @param origin the zone apex (absolute)
   * @param records the zone's records in source order
   * @param where names the source of record {@code i}, e.g. {@code "zone.db:12"}; used as the
   *     prefix of the message
   * @throws DnssecException a {@link ZoneCheckException} naming the offending record's index and
   *     position (index -1 for a missing SOA or apex NS)
   */
  public static void check(Name origin, List<? extends Record> records, IntFunction<String> where)
      throws DnssecException {
    if (!origin.isAbsolute()) {
      throw new IllegalArgumentException("origin must be absolute: " + origin);
    }
    int n = records.size();
    int[] owner = new int[n];
    Map<Name, Integer> ids = new HashMap<>(Math.max(16, n * 2));
    for (int i = 0; i < n; i++) {
      Record r = records.get(i);
      if (r.getDClass() != DClass.IN) {
        throw fail(
            where,
            i,
            "class "
                + DClass.string(r.getDClass())
                + " of "
                + describe(r)
                + " is not supported,"
                + " only IN");
      }
      Name name = r.getName();
      if (!name.subdomain(origin)) {
        throw fail(where, i, describe(r) + " is outside the zone " + origin);
      }
      if (r.getType() == Type.SOA && !name.equals(origin)) {
        throw fail(where, i, "SOA record at " + name + " is not at the zone apex " + origin);
      }
      Integer id = ids.putIfAbsent(name, ids.size());
      owner[i] = id == null ? ids.size() - 1 : id;
    }
    int[] order = byOwner(owner, ids.size());
    int[] start = groupStarts(owner, ids.size());
    boolean apexSoa = false;
    boolean apexNs = false;
    Integer apexId = ids.get(origin);
    for (int id = 0; id < ids.size(); id++) {
      long[] keys = new long[start[id + 1] - start[id]];
      for (int k = 0; k < keys.length; k++) {
        int i = order[start[id] + k];
        keys[k] = ((long) typeKey(records.get(i)) << 32) | i;
      }
      Arrays.sort(keys);
      checkOwner(records, keys, where);
      if (apexId != null && apexId == id) {
        for (long key : keys) {
          int type = records.get((int) key).getType();
          apexSoa |= type == Type.SOA;
          apexNs |= type == Type.NS;
        }
      }
    }
    if (!apexSoa) {
      throw fail(where, -1, "no SOA record at the zone apex " + origin);
    }
    if (!apexNs) {
      throw fail(where, -1, "no NS records at the zone apex " + origin);
    }
  }

  /** Checks the records of one owner name, given as (typeKey, index) pairs in ascending order. */
  private static void checkOwner(
      List<? extends Record> records, long[] keys, IntFunction<String> where)
      throws ZoneCheckException {
    int cname = -1;
    int other = -1;
    int setStart = 0;
    for (int k = 0; k < keys.length; k++) {
      int i = (int) keys[k];
      Record r = records.get(i);
      int type = r.getType();
      if (type == Type.CNAME) {
        cname = cname < 0 ? i : Math.min(cname, i);
      } else if (type != Type.RRSIG && type != Type.NSEC) {
        other = other < 0 ? i : Math.min(other, i);
      }
      if (k > 0 && (keys[k] >>> 32) != (keys[k - 1] >>> 32)) {
        setStart = k;
      }
      if (k == setStart) {
        continue;
      }
      int first = (int) keys[setStart];
      Record f = records.get(first);
      if (type == Type.CNAME) {
        throw fail(where, i, "more than one CNAME record at " + r.getName());
      }
      if (type == Type.SOA) {
        throw fail(where, i, "more than one SOA record (first at " + where.apply(first) + ")");
      }
      if (r.getTTL() != f.getTTL()) {
        throw fail(
            where,
            i,
            "TTL "
                + r.getTTL()
                + " of "
                + describe(r)
                + " differs from TTL "
                + f.getTTL()
                + " of the same RRset at "
                + where.apply(first)
                + "; all records of an RRset must have one TTL");
      }
    }
    if (cname >= 0 && other >= 0) {
      int later = Math.max(cname, other);
      int earlier = Math.min(cname, other);
      throw fail(
          where,
          later,
          "CNAME beside other data at "
              + records.get(cname).getName()
              + ": "
              + describe(records.get(later))
              + " and "
              + describe(records.get(earlier))
              + " at "
              + where.apply(earlier));
    }
    checkDuplicates(records, keys, where);
  }

  private static void checkDuplicates(
      List<? extends Record> records, long[] keys, IntFunction<String> where)
      throws ZoneCheckException {
    if (keys.length < 2) {
      return;
    }
    Map<Record, Integer> seen = new HashMap<>(keys.length * 2);
    for (long key : keys) {
      int i = (int) key;
      Integer first = seen.putIfAbsent(records.get(i), i);
      if (first != null) {
        throw fail(
            where,
            i,
            "duplicate record "
                + describe(records.get(i))
                + " (same as at "
                + where.apply(first)
                + ")");
      }
    }
  }

  /** The RRset key: the type, and for RRSIG also the covered type (their TTLs differ by type). */
  private static int typeKey(Record r) {
    if (r instanceof RRSIGRecord sig) {
      return Type.RRSIG | (sig.getTypeCovered() << 16);
    }
    return r.getType();
  }

  /** Record indices ordered by owner id, in source order within an owner (counting sort). */
  private static int[] byOwner(int[] owner, int owners) {
    int[] next = groupStarts(owner, owners);
    int[] order = new int[owner.length];
    for (int i = 0; i < owner.length; i++) {
      order[next[owner[i]]++] = i;
    }
    return order;
  }

  private static int[] groupStarts(int[] owner, int owners) {
    int[] start = new int[owners + 1];
    for (int o : owner) {
      start[o + 1]++;
    }
    for (int id = 0; id < owners; id++) {
      start[id + 1] += start[id];
    }
    return start;
  }

  private static String describe(Record r) {
    return r.getName() + " " + Type.string(r.getType());
  }

  private static ZoneCheckException fail(IntFunction<String> where, int index, String detail) {
    String message = index >= 0 ? where.apply(index) + ": " + detail : detail;
    return new ZoneCheckException(message, index, detail);
  }
}
