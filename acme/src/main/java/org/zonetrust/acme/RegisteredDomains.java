package org.zonetrust.acme;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Maps a DNS name to its "registered domain" for the certificates-per-registered-domain limit.
 * Let's Encrypt uses the Public Suffix List; ZoneTrust ships no copy of it. The rule here: the name
 * is lower-cased and loses a trailing dot and a leading {@code *.}; if it ends in one of the given
 * public suffixes (the longest that matches), the registered domain is that suffix plus one label;
 * otherwise it is the last two labels. A name with no more labels than that is its own registered
 * domain.
 *
 * <p>A coarser mapping is always safe: it puts more names into one bucket, so the ledger stops
 * earlier than the CA would. With no suffixes, {@code shop.example.co.uk} maps to {@code co.uk}
 * (coarser than the CA's {@code example.co.uk}): safe, but it may hold back orders needlessly. Pass
 * the multi-label suffixes of the TLDs you serve (or the whole Public Suffix List) to be exact. A
 * finer mapping than the CA's (a suffix that is not public) would let the CA refuse.
 */
@FunctionalInterface
public interface RegisteredDomains {

  /**
   * The registered domain of a name.
   *
   * @param name a DNS name, possibly with {@code *.} and a trailing dot
   * @return the registered domain, lower case, without trailing dot
   */
  String registeredDomain(String name);

  /**
   * The rule above with no public suffixes beyond the TLDs: the last two labels.
   *
   * @return the mapping
   */
  static RegisteredDomains lastTwoLabels() {
    return withPublicSuffixes(Set.of());
  }

  /**
   * The rule above with the given multi-label public suffixes (e.g. {@code co.uk}, {@code com.au}).
   *
   * @param publicSuffixes suffixes without leading or trailing dots, any case
   * @return the mapping
   */
  static RegisteredDomains withPublicSuffixes(Set<String> publicSuffixes) {
    Set<String> suffixes =
        publicSuffixes.stream()
            .map(s -> Objects.requireNonNull(s).toLowerCase(Locale.ROOT))
            .collect(java.util.stream.Collectors.toUnmodifiableSet());
    return name -> {
      String n = name.toLowerCase(Locale.ROOT);
      if (n.endsWith(".")) {
        n = n.substring(0, n.length() - 1);
      }
      if (n.startsWith("*.")) {
        n = n.substring(2);
      }
      String[] labels = n.split("\\.", -1);
      int keep = 2;
      for (int i = 1; i < labels.length; i++) {
        String suffix = String.join(".", java.util.Arrays.copyOfRange(labels, i, labels.length));
        if (suffixes.contains(suffix)) {
          keep = labels.length - i + 1;
          break;
        }
      }
      if (labels.length <= keep) {
        return n;
      }
      return String.join(
          ".", java.util.Arrays.copyOfRange(labels, labels.length - keep, labels.length));
    };
  }
}
