package org.zonetrust.dnssec;

import java.time.Instant;
import java.util.Objects;

/**
 * Where one managed key stands: what it is and the state of each of its records in the caches of
 * validating resolvers. Returned by {@link KeyManager#status} and printed by {@code zonetrust keys
 * status}.
 *
 * @param id the key's identifier in the state store
 * @param role the role
 * @param algorithm the algorithm
 * @param keyTag the key tag
 * @param created when the key was generated (or adopted)
 * @param retiring true once a successor replaces it
 * @param dnskey the state of its DNSKEY record
 * @param krrsig the state of its signatures over the DNSKEY RRset (HIDDEN for a ZSK)
 * @param zrrsig the state of its signatures over zone data (HIDDEN for a KSK)
 * @param ds the state of its DS at the parent (HIDDEN for a ZSK)
 */
public record KeyStatus(
    String id,
    KeyRole role,
    DnssecAlgorithm algorithm,
    int keyTag,
    Instant created,
    boolean retiring,
    RecordState dnskey,
    RecordState krrsig,
    RecordState zrrsig,
    RecordState ds) {

  /**
   * Checks that nothing is null.
   *
   * @param id the identifier
   * @param role the role
   * @param algorithm the algorithm
   * @param keyTag the key tag
   * @param created creation time
   * @param retiring whether it is retiring
   * @param dnskey DNSKEY state
   * @param krrsig DNSKEY-signature state
   * @param zrrsig data-signature state
   * @param ds DS state
   */
  public KeyStatus {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(dnskey, "dnskey");
    Objects.requireNonNull(krrsig, "krrsig");
    Objects.requireNonNull(zrrsig, "zrrsig");
    Objects.requireNonNull(ds, "ds");
  }
}
