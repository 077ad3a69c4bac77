package org.zonetrust.dnssec.internal.keys;

import java.time.Instant;
import java.util.Objects;
import org.zonetrust.dnssec.DnssecAlgorithm;
import org.zonetrust.dnssec.KeyRole;

/**
 * A key the engine manages: what it is, when its lifetime started, and whether it is on its way
 * out.
 *
 * @param id stable identifier, also the key's name in the state store
 * @param role the role
 * @param algorithm the algorithm
 * @param keyTag the key tag
 * @param created when the key was generated or adopted
 * @param lifetimeFrom when its lifetime started (creation, or adoption for an imported key)
 * @param retiring true once a successor replaces it
 * @param rollRequested true when an operator asked for an early roll
 */
public record KeyEntry(
    String id,
    KeyRole role,
    DnssecAlgorithm algorithm,
    int keyTag,
    Instant created,
    Instant lifetimeFrom,
    boolean retiring,
    boolean rollRequested) {

  /**
   * Checks that nothing is null.
   *
   * @param id the identifier
   * @param role the role
   * @param algorithm the algorithm
   * @param keyTag the key tag
   * @param created creation time
   * @param lifetimeFrom start of the lifetime
   * @param retiring whether it is retiring
   * @param rollRequested whether an early roll was asked for
   */
  public KeyEntry {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(lifetimeFrom, "lifetimeFrom");
  }

  KeyEntry retire() {
    return new KeyEntry(id, role, algorithm, keyTag, created, lifetimeFrom, true, false);
  }

  /**
   * Returns a copy that asks for an early roll.
   *
   * @return the copy
   */
  public KeyEntry requestRoll() {
    return new KeyEntry(id, role, algorithm, keyTag, created, lifetimeFrom, retiring, true);
  }

  /**
   * Tells whether the key signs the DNSKEY RRset and may have a DS.
   *
   * @return true for KSKs and CSKs
   */
  public boolean signsKeys() {
    return role.signsKeys();
  }

  /**
   * Tells whether the key signs zone data.
   *
   * @return true for ZSKs and CSKs
   */
  public boolean signsData() {
    return role.signsData();
  }

  /**
   * Returns a short label, e.g. {@code "KSK 13/12345"}.
   *
   * @return the label
   */
  public String label() {
    return role + " " + algorithm.code() + "/" + keyTag;
  }
}
