package org.zonetrust.registrar;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.DSRecord;
import org.xbill.DNS.Name;

/**
 * What the parent holds (or should hold) for one child zone: its DS data and, at registries that
 * take keys instead of digests, its DNSKEY data. An empty delegation is insecure.
 *
 * <p>Equality is set equality: order does not matter. Iteration order is stable (key tag, then
 * algorithm, then digest type or flags), so what adapters send and log is reproducible.
 *
 * @param ds the DS data (copied)
 * @param keys the DNSKEY data (copied)
 */
public record SecureDelegation(Set<DsData> ds, Set<KeyData> keys) {
  /** DS digest type SHA-1 (RFC 3658): only when a parent still demands it. */
  public static final int SHA1 = 1;

  /** DS digest type SHA-256 (RFC 4509): the default. */
  public static final int SHA256 = 2;

  /** DS digest type SHA-384 (RFC 6605). */
  public static final int SHA384 = 4;

  private static final Comparator<DsData> DS_ORDER =
      Comparator.comparingInt(DsData::keyTag)
          .thenComparingInt(DsData::algorithm)
          .thenComparingInt(DsData::digestType)
          .thenComparing(DsData::toString);
  private static final Comparator<KeyData> KEY_ORDER =
      Comparator.comparingInt(KeyData::algorithm)
          .thenComparingInt(KeyData::flags)
          .thenComparing(KeyData::toString);

  /**
   * Copies the sets into a stable order.
   *
   * @param ds the DS data
   * @param keys the DNSKEY data
   */
  public SecureDelegation {
    ds = sorted(ds, DS_ORDER);
    keys = sorted(keys, KEY_ORDER);
  }

  /**
   * An insecure delegation: no DS, no key.
   *
   * @return the empty delegation
   */
  public static SecureDelegation insecure() {
    return new SecureDelegation(Set.of(), Set.of());
  }

  /**
   * A delegation given by DS data only.
   *
   * @param ds the DS data
   * @return the delegation
   */
  public static SecureDelegation ofDs(Collection<DsData> ds) {
    return new SecureDelegation(Set.copyOf(ds), Set.of());
  }

  /**
   * A delegation given by DS records (as read from DNS).
   *
   * @param records the DS records
   * @return the delegation
   */
  public static SecureDelegation ofDsRecords(Collection<DSRecord> records) {
    List<DsData> ds = new ArrayList<>();
    for (DSRecord r : records) {
      ds.add(DsData.of(r));
    }
    return ofDs(ds);
  }

  /**
   * Computes the delegation for a zone's key-signing keys: the DS of every DNSKEY with the SEP flag
   * (257) in each requested digest type, and the DNSKEY data of the same keys. Each computed DS is
   * checked against its key before it is returned.
   *
   * @param domain the zone apex the keys belong to
   * @param dnskeys the zone's DNSKEY records (keys without the SEP flag are ignored)
   * @param digestTypes the digest types to compute: 2 (SHA-256) and/or 4 (SHA-384); 1 (SHA-1) only
   *     when asked for explicitly
   * @return the delegation
   * @throws IllegalArgumentException if no key has the SEP flag, a key belongs to another name, or
   *     a digest type is unknown
   */
  public static SecureDelegation fromDnskeys(
      Name domain, Collection<DNSKEYRecord> dnskeys, Set<Integer> digestTypes) {
    Objects.requireNonNull(domain, "domain");
    if (digestTypes.isEmpty()) {
      throw new IllegalArgumentException("at least one digest type is needed");
    }
    for (int t : digestTypes) {
      if (t != SHA1 && t != SHA256 && t != SHA384) {
        throw new IllegalArgumentException(
            "digest type " + t + " is not supported (2 = SHA-256, 4 = SHA-384, 1 = SHA-1)");
      }
    }
    Set<DsData> ds = new LinkedHashSet<>();
    Set<KeyData> keys = new LinkedHashSet<>();
    for (DNSKEYRecord key : dnskeys) {
      if (!key.getName().equals(domain)) {
        throw new IllegalArgumentException(
            "DNSKEY of " + key.getName() + " given for the delegation of " + domain);
      }
      if ((key.getFlags() & DNSKEYRecord.Flags.SEP_KEY) == 0) {
        continue;
      }
      keys.add(KeyData.of(key));
      for (int t : digestTypes) {
        DsData d = DsData.of(new DSRecord(domain, DClass.IN, 0, t, key));
        if (!matches(domain, d, key)) {
          throw new IllegalStateException("computed DS " + d + " does not match its key");
        }
        ds.add(d);
      }
    }
    if (keys.isEmpty()) {
      throw new IllegalArgumentException(
          "no DNSKEY of " + domain + " has the SEP flag (257): nothing for the parent to point to");
    }
    return new SecureDelegation(ds, keys);
  }

  /**
   * Tells whether a DS points to a key: same key tag and algorithm, and the digest of the key
   * computed with the DS's digest type equals the DS's digest.
   *
   * @param domain the zone apex
   * @param ds the DS data
   * @param key the DNSKEY
   * @return true when the DS authenticates the key
   */
  public static boolean matches(Name domain, DsData ds, DNSKEYRecord key) {
    if (ds.keyTag() != key.getFootprint() || ds.algorithm() != key.getAlgorithm()) {
      return false;
    }
    DSRecord computed = new DSRecord(domain, DClass.IN, 0, ds.digestType(), key);
    return java.util.Arrays.equals(computed.getDigest(), ds.digest());
  }

  /**
   * Tells whether this delegation is insecure (no DS and no key).
   *
   * @return true when both sets are empty
   */
  public boolean isInsecure() {
    return ds.isEmpty() && keys.isEmpty();
  }

  /**
   * The same delegation with the DS data only (for parents that take DS data).
   *
   * @return a delegation without key data
   */
  public SecureDelegation dsOnly() {
    return new SecureDelegation(ds, Set.of());
  }

  /**
   * The DS records for a domain, in this delegation's order.
   *
   * @param domain the child zone's apex
   * @param ttl the TTL to give them
   * @return the records
   */
  public List<DSRecord> dsRecords(Name domain, long ttl) {
    List<DSRecord> out = new ArrayList<>();
    for (DsData d : ds) {
      out.add(d.toRecord(domain, ttl));
    }
    return out;
  }

  private static <T> Set<T> sorted(Set<T> in, Comparator<? super T> order) {
    Objects.requireNonNull(in);
    List<T> list = new ArrayList<>(in);
    for (T t : list) {
      Objects.requireNonNull(t, "null element");
    }
    list.sort(order);
    return java.util.Collections.unmodifiableSet(new LinkedHashSet<>(list));
  }
}
