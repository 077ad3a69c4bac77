package org.zonetrust.dnssec.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.zonetrust.dnssec.DnssecAlgorithm;
import org.zonetrust.dnssec.SigningKey;

/**
 * Which keys sign which RRsets: the DNSKEY, CDS and CDNSKEY RRsets by every KSK and CSK, the rest
 * by every ZSK and CSK. So that every algorithm signs every RRset (RFC 6840 section 5.11), an
 * algorithm with only KSKs signs the data with them and one with only ZSKs signs the keys with
 * them.
 *
 * @param keys all keys, in the caller's order
 * @param keySigners the keys that sign the DNSKEY, CDS and CDNSKEY RRsets
 * @param dataSigners the keys that sign all other RRsets
 */
public record KeyPlan(
    List<SigningKey> keys, List<SigningKey> keySigners, List<SigningKey> dataSigners) {

  /**
   * Copies the lists.
   *
   * @param keys all keys, in the caller's order
   * @param keySigners the keys that sign the DNSKEY, CDS and CDNSKEY RRsets
   * @param dataSigners the keys that sign all other RRsets
   */
  public KeyPlan {
    keys = List.copyOf(keys);
    keySigners = List.copyOf(keySigners);
    dataSigners = List.copyOf(dataSigners);
  }

  /**
   * Plans the roles of the keys.
   *
   * @param keys the keys (at least one)
   * @return the plan
   */
  public static KeyPlan of(List<SigningKey> keys) {
    Set<DnssecAlgorithm> algorithms = new LinkedHashSet<>();
    keys.forEach(k -> algorithms.add(k.algorithm()));
    List<SigningKey> ksk = new ArrayList<>();
    List<SigningKey> zsk = new ArrayList<>();
    for (DnssecAlgorithm alg : algorithms) {
      List<SigningKey> k = new ArrayList<>();
      List<SigningKey> z = new ArrayList<>();
      for (SigningKey key : keys) {
        if (key.algorithm() == alg) {
          if (key.role().signsKeys()) {
            k.add(key);
          }
          if (key.role().signsData()) {
            z.add(key);
          }
        }
      }
      ksk.addAll(k.isEmpty() ? z : k);
      zsk.addAll(z.isEmpty() ? k : z);
    }
    return new KeyPlan(keys, ksk, zsk);
  }

  /**
   * Returns the keys that sign an RRset of the given type.
   *
   * @param type the RR type
   * @return the signing keys
   */
  public List<SigningKey> signers(int type) {
    return Types.signedByKsk(type) ? keySigners : dataSigners;
  }

  /**
   * Returns a text that is equal for plans with the same keys in the same roles.
   *
   * @return the fingerprint (algorithms, key tags, roles; no key material)
   */
  public String fingerprint() {
    StringBuilder sb = new StringBuilder();
    for (SigningKey k : keys) {
      sb.append(k.algorithm().code())
          .append('/')
          .append(k.keyTag())
          .append('/')
          .append(k.role())
          .append('/')
          .append(java.util.Base64.getEncoder().encodeToString(k.dnskey().getKey()))
          .append(' ');
    }
    return sb.toString();
  }
}
