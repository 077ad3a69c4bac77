package org.zonetrust.dane;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Name;
import org.xbill.DNS.TLSARecord;
import org.xbill.DNS.Type;
import org.zonetrust.core.dns.DnsUpdate;

/**
 * The TLSA RRsets to publish now, made by {@link TlsaRolloverPlanner#plan}: for every endpoint, the
 * records of the current key and, when there is one, of the pre-generated next key. The planner
 * owns these RRsets: each one replaces whatever TLSA records its owner name had.
 *
 * @param current the key the servers use now
 * @param next the key the servers will use after the switch, or {@code null} if none is ready
 * @param records the records, grouped by owner name in endpoint order
 */
public record TlsaPublishSet(
    TlsaSource current, @Nullable TlsaSource next, List<TLSARecord> records) {
  /**
   * Copies the records.
   *
   * @param current the current key
   * @param next the next key, or {@code null}
   * @param records the records
   */
  public TlsaPublishSet {
    records = List.copyOf(records);
  }

  /**
   * The next key, if one is ready.
   *
   * @return the next key
   */
  public Optional<TlsaSource> nextKey() {
    return Optional.ofNullable(next);
  }

  /**
   * The records by owner name: one complete TLSA RRset per endpoint.
   *
   * @return owner name to RRset, in endpoint order
   */
  public Map<Name, List<TLSARecord>> byOwner() {
    Map<Name, List<TLSARecord>> out = new LinkedHashMap<>();
    for (TLSARecord r : records) {
      out.computeIfAbsent(r.getName(), k -> new ArrayList<>()).add(r);
    }
    out.replaceAll((k, v) -> List.copyOf(v));
    return out;
  }

  /**
   * One RFC 2136 update that replaces, in one step, the TLSA RRset at every owner name of this set
   * inside {@code zone} (delete the RRset, add the records: the server applies both atomically, so
   * no resolver can see a state in between).
   *
   * @param zone the zone holding (some of) the owner names
   * @return the update
   * @throws IllegalArgumentException if no owner name of this set is inside the zone
   */
  public DnsUpdate update(Name zone) {
    DnsUpdate.Builder b = DnsUpdate.builder(zone);
    boolean any = false;
    for (Map.Entry<Name, List<TLSARecord>> e : byOwner().entrySet()) {
      if (e.getKey().subdomain(zone)) {
        any = true;
        b.deleteRRset(e.getKey(), Type.TLSA);
        e.getValue().forEach(b::add);
      }
    }
    if (!any) {
      throw new IllegalArgumentException(
          "no TLSA owner name of this set is inside zone " + zone + ": " + byOwner().keySet());
    }
    return b.build();
  }

  /**
   * The records in master-file form, one per line.
   *
   * @return the records as text
   */
  public String toMasterFile() {
    StringBuilder sb = new StringBuilder();
    for (TLSARecord r : records) {
      sb.append(r).append('\n');
    }
    return sb.toString();
  }
}
