package org.zonetrust.registrar;

import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link RegistrarDsUpdater#converge converge} call achieved.
 *
 * <p>Even {@link Status#APPLIED} only means the registry accepted the change: the change is done
 * when the parent observer sees the DS RRset on every authoritative server of the parent zone.
 *
 * @param status the outcome
 * @param requested the delegation that was asked for
 * @param reference something to follow a pending change by (a registry transaction id, a message
 *     id, a ticket), if there is one
 * @param message the registry's own words, or a short explanation (never a secret)
 */
public record DsUpdateResult(
    Status status, SecureDelegation requested, Optional<String> reference, String message) {

  /** Outcomes of a converge call. */
  public enum Status {
    /** The parent already held the requested set; nothing was sent. */
    UNCHANGED,
    /** The registry accepted and applied the change (confirm it by DNS). */
    APPLIED,
    /** The change was submitted and waits for the registry or a person (see the reference). */
    PENDING,
    /** The registry refused the change (see the message); the parent's set is unchanged. */
    REJECTED
  }

  /**
   * Checks that no component is null.
   *
   * @param status the outcome
   * @param requested the delegation asked for
   * @param reference the reference to follow, if any
   * @param message the registry's words or an explanation
   */
  public DsUpdateResult {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(requested, "requested");
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(message, "message");
  }

  /**
   * Nothing to do: the parent already holds the requested set.
   *
   * @param requested the delegation asked for
   * @return the result
   */
  public static DsUpdateResult unchanged(SecureDelegation requested) {
    return new DsUpdateResult(
        Status.UNCHANGED, requested, Optional.empty(), "the parent already holds this set");
  }

  /**
   * The registry applied the change.
   *
   * @param requested the delegation asked for
   * @param message the registry's words
   * @return the result
   */
  public static DsUpdateResult applied(SecureDelegation requested, String message) {
    return new DsUpdateResult(Status.APPLIED, requested, Optional.empty(), message);
  }

  /**
   * The change waits for the registry or a person.
   *
   * @param requested the delegation asked for
   * @param reference what to follow it by
   * @param message the registry's words
   * @return the result
   */
  public static DsUpdateResult pending(
      SecureDelegation requested, String reference, String message) {
    return new DsUpdateResult(Status.PENDING, requested, Optional.of(reference), message);
  }

  /**
   * The registry refused the change.
   *
   * @param requested the delegation asked for
   * @param message the registry's reason
   * @return the result
   */
  public static DsUpdateResult rejected(SecureDelegation requested, String message) {
    return new DsUpdateResult(Status.REJECTED, requested, Optional.empty(), message);
  }
}
