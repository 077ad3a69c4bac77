package org.zonetrust.dnssec;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.DSRecord;
import org.xbill.DNS.RRSIGRecord;

/**
 * The validation a strict validating resolver (Unbound with {@code harden-algo-downgrade: yes})
 * makes of one cached view, written without any key-manager or signer code: every algorithm of the
 * DS RRset must have a DS-matched key that signs the DNSKEY RRset, and a key of that algorithm in
 * the DNSKEY RRset that signs each data RRset. A signature counts when it verifies with dnsjava and
 * {@code inception <= at <= expiration}.
 */
final class StrictValidator {
  // by record identity: hashing a dnsjava record encodes it to wire format
  private final Map<DSRecord, Map<DNSKEYRecord, Boolean>> dsMatches = new IdentityHashMap<>();

  /** The DS algorithms that must each validate (sorted). */
  static SortedSet<Integer> algorithms(Set<DSRecord> ds) {
    SortedSet<Integer> out = new TreeSet<>();
    ds.forEach(d -> out.add(d.getAlgorithm()));
    return out;
  }

  /**
   * Validates the DNSKEY RRset against the DS RRset.
   *
   * @return null when every DS algorithm has a DS-matched key whose RRSIG over the DNSKEY RRset is
   *     valid at {@code at}, otherwise why not
   */
  String chainFailure(Set<DSRecord> ds, CachedRRset dnskeys, Instant at) {
    if (dnskeys.isAbsent()) {
      return "no DNSKEY RRset";
    }
    for (int alg : algorithms(ds)) {
      List<DNSKEYRecord> matched = new ArrayList<>();
      for (DNSKEYRecord k : usableKeys(dnskeys, alg)) {
        if (ds.stream().anyMatch(d -> d.getAlgorithm() == alg && matches(d, k))) {
          matched.add(k);
        }
      }
      if (matched.isEmpty()) {
        return "algorithm " + alg + ": no key in the DNSKEY RRset matches a DS of that algorithm";
      }
      String why = signatureFailure(dnskeys, matched, alg, at);
      if (why != null) {
        return "algorithm "
            + alg
            + ": DNSKEY RRset not validly signed by a DS-matched key "
            + tags(matched)
            + " ("
            + why
            + ")";
      }
    }
    return null;
  }

  /**
   * Validates one data RRset with the keys of a (validated) DNSKEY RRset.
   *
   * @return null when, for every algorithm, a key of that algorithm in the DNSKEY RRset has a valid
   *     RRSIG over the data at {@code at}, otherwise why not
   */
  String dataFailure(Set<Integer> algorithms, CachedRRset dnskeys, CachedRRset data, Instant at) {
    for (int alg : algorithms) {
      String why = signatureFailure(data, usableKeys(dnskeys, alg), alg, at);
      if (why != null) {
        return "algorithm " + alg + ": " + data.label() + " not validly signed (" + why + ")";
      }
    }
    return null;
  }

  /** Null if some RRSIG of {@code alg} over {@code set} is valid with one of {@code keys}. */
  private static String signatureFailure(
      CachedRRset set, List<DNSKEYRecord> keys, int alg, Instant at) {
    List<String> problems = new ArrayList<>();
    for (RRSIGRecord sig : set.sigs()) {
      if (sig.getAlgorithm() != alg) {
        continue;
      }
      String tag = "RRSIG " + alg + "/" + sig.getFootprint();
      List<DNSKEYRecord> signers = new ArrayList<>();
      for (DNSKEYRecord k : keys) {
        if (k.getFootprint() == sig.getFootprint() && k.getName().equals(sig.getSigner())) {
          signers.add(k);
        }
      }
      if (signers.isEmpty()) {
        problems.add(tag + ": key not in the DNSKEY RRset (or not usable)");
      } else if (signers.stream().noneMatch(k -> set.cryptoValid(sig, k))) {
        problems.add(tag + ": does not verify");
      } else if (at.isBefore(sig.getTimeSigned())) {
        problems.add(tag + ": not valid before " + sig.getTimeSigned());
      } else if (at.isAfter(sig.getExpire())) {
        problems.add(tag + ": expired " + sig.getExpire());
      } else {
        return null;
      }
    }
    if (problems.isEmpty()) {
      return "no RRSIG of algorithm " + alg;
    }
    return String.join("; ", problems);
  }

  /** Zone keys of the algorithm that are not revoked. */
  private static List<DNSKEYRecord> usableKeys(CachedRRset dnskeys, int alg) {
    List<DNSKEYRecord> out = new ArrayList<>();
    for (DNSKEYRecord k : dnskeys.dnskeys()) {
      if (k.getAlgorithm() == alg
          && (k.getFlags() & DNSKEYRecord.Flags.ZONE_KEY) != 0
          && (k.getFlags() & DNSKEYRecord.Flags.REVOKE) == 0
          && k.getProtocol() == DNSKEYRecord.Protocol.DNSSEC) {
        out.add(k);
      }
    }
    return out;
  }

  /** The DS digest computed from the DNSKEY equals the DS's (dnsjava's DS digest code). */
  private boolean matches(DSRecord ds, DNSKEYRecord key) {
    return dsMatches
        .computeIfAbsent(ds, d -> new IdentityHashMap<>())
        .computeIfAbsent(
            key,
            x -> {
              if (ds.getFootprint() != key.getFootprint() || !ds.getName().equals(key.getName())) {
                return false;
              }
              try {
                DSRecord computed =
                    new DSRecord(ds.getName(), ds.getDClass(), ds.getTTL(), ds.getDigestID(), key);
                return Arrays.equals(computed.getDigest(), ds.getDigest());
              } catch (IllegalArgumentException e) {
                return false; // a digest type dnsjava cannot compute: a validator ignores this DS
              }
            });
  }

  static String tags(List<DNSKEYRecord> keys) {
    List<String> out = new ArrayList<>();
    for (DNSKEYRecord k : keys) {
      out.add(
          k.getAlgorithm()
              + "/"
              + k.getFootprint()
              + ((k.getFlags() & DNSKEYRecord.Flags.SEP_KEY) != 0 ? " SEP" : ""));
    }
    out.sort(null);
    return out.toString().replace('[', '{').replace(']', '}');
  }
}
