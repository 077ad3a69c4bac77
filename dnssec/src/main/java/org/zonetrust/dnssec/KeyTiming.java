package org.zonetrust.dnssec;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The timing metadata of a key as BIND keeps it in its key files ({@code Created}, {@code Publish},
 * {@code Activate}, {@code Inactive}, {@code Delete}), all in UTC with one-second precision. Every
 * field is optional; ZoneTrust keeps them so that a key read from BIND's files and written back
 * keeps its schedule.
 *
 * @param created when the key was generated
 * @param publish when its DNSKEY is (or was) to be published
 * @param activate when it starts signing
 * @param inactive when it stops signing
 * @param delete when its DNSKEY is removed
 */
public record KeyTiming(
    Optional<Instant> created,
    Optional<Instant> publish,
    Optional<Instant> activate,
    Optional<Instant> inactive,
    Optional<Instant> delete) {

  /** No timing at all (a key generated in memory). */
  public static final KeyTiming NONE =
      new KeyTiming(
          Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

  /**
   * Checks that no component is null.
   *
   * @param created when the key was generated
   * @param publish when its DNSKEY is (or was) to be published
   * @param activate when it starts signing
   * @param inactive when it stops signing
   * @param delete when its DNSKEY is removed
   */
  public KeyTiming {
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(publish, "publish");
    Objects.requireNonNull(activate, "activate");
    Objects.requireNonNull(inactive, "inactive");
    Objects.requireNonNull(delete, "delete");
  }

  /**
   * The timing {@code dnssec-keygen} gives a new key: created, published and active at one instant.
   *
   * @param now the instant of creation (truncated to seconds)
   * @return the timing
   */
  public static KeyTiming createdAt(Instant now) {
    Optional<Instant> t = Optional.of(now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    return new KeyTiming(t, t, t, Optional.empty(), Optional.empty());
  }

  /**
   * Tells whether no field is set.
   *
   * @return true when every field is empty
   */
  public boolean isEmpty() {
    return equals(NONE);
  }
}
