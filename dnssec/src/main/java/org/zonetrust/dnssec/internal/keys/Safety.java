package org.zonetrust.dnssec.internal.keys;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.zonetrust.dnssec.DnssecAlgorithm;

/**
 * The rule every combination of cached views must satisfy: for each algorithm in the DS set, a key
 * of that algorithm matched by a DS is in the DNSKEY RRset and signs it, and a key of that
 * algorithm in the DNSKEY RRset signs the zone data (strict, as with Unbound's {@code
 * harden-algo-downgrade}, which implies RFC 6840's "any one path"). An empty DS set is an insecure
 * delegation and always validates; the engine never asks for one after the zone was secure unless
 * it is being made insecure.
 */
final class Safety {
  private Safety() {}

  static boolean allViewsValid(
      List<Version> dsViews,
      List<Version> dnskeyViews,
      List<Version> dataViews,
      Map<String, DnssecAlgorithm> algorithms) {
    for (Version ds : dsViews) {
      for (Version dk : dnskeyViews) {
        for (Version da : dataViews) {
          if (!valid(ds.members(), dk, da.members(), algorithms)) {
            return false;
          }
        }
      }
    }
    return true;
  }

  static boolean valid(
      Set<String> ds,
      Version dnskey,
      Set<String> dataSigners,
      Map<String, DnssecAlgorithm> algorithms) {
    if (ds.isEmpty()) {
      return true;
    }
    Set<DnssecAlgorithm> dsAlgorithms =
        ds.stream().map(algorithms::get).filter(a -> a != null).collect(Collectors.toSet());
    if (dsAlgorithms.isEmpty()) {
      return false;
    }
    for (DnssecAlgorithm a : dsAlgorithms) {
      boolean anchored =
          ds.stream()
              .anyMatch(
                  k ->
                      algorithms.get(k) == a
                          && dnskey.members().contains(k)
                          && dnskey.signers().contains(k));
      boolean dataSigned =
          dataSigners.stream()
              .anyMatch(z -> algorithms.get(z) == a && dnskey.members().contains(z));
      if (!anchored || !dataSigned) {
        return false;
      }
    }
    return true;
  }
}
