package org.zonetrust.dnssec.internal;

import java.util.List;
import java.util.function.IntFunction;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;
import org.zonetrust.dnssec.DnssecException;

/**
 * Record-level checks of a zone before it is signed: exactly one SOA, at the apex; NS records at
 * the apex; every name inside the zone; class IN only.
 */
public final class ZoneChecks {
  private ZoneChecks() {}

  /**
   * Checks a zone's records.
   *
   * @param origin the zone apex
   * @param records the records
   * @param where names the source of record {@code i} for messages, for example {@code
   *     "zone.db:12"}
   * @throws DnssecException naming the zone, the source, owner and type of the first problem
   */
  public static void check(Name origin, List<? extends Record> records, IntFunction<String> where)
      throws DnssecException {
    int soaIndex = -1;
    boolean apexNs = false;
    for (int i = 0; i < records.size(); i++) {
      Record r = records.get(i);
      String at = where.apply(i) + ": " + r.getName() + " " + Type.string(r.getType());
      if (r.getDClass() != DClass.IN) {
        throw new DnssecException(
            "zone " + origin + ", " + at + ": class " + DClass.string(r.getDClass()) + ", not IN");
      }
      if (!r.getName().subdomain(origin)) {
        throw new DnssecException("zone " + origin + ", " + at + ": name is outside the zone");
      }
      if (r.getType() == Type.SOA) {
        if (!r.getName().equals(origin)) {
          throw new DnssecException("zone " + origin + ", " + at + ": SOA must be at the apex");
        }
        if (soaIndex >= 0) {
          throw new DnssecException(
              "zone "
                  + origin
                  + ", "
                  + at
                  + ": second SOA (first at "
                  + where.apply(soaIndex)
                  + ")");
        }
        soaIndex = i;
      }
      if (r.getType() == Type.NS && r.getName().equals(origin)) {
        apexNs = true;
      }
    }
    if (soaIndex < 0) {
      throw new DnssecException("zone " + origin + " has no SOA record at the apex");
    }
    if (!apexNs) {
      throw new DnssecException("zone " + origin + " has no NS records at the apex");
    }
  }
}
