package org.zonetrust.dnssec;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.zonetrust.dnssec.internal.VerificationRun;

/**
 * Checks a signed zone the way a validator would see it, and reports every problem rather than the
 * first.
 *
 * <ul>
 *   <li>Every authoritative RRset (not the NS RRset of a delegation, not glue or other occluded
 *       data) has a signature that verifies and is inside its validity window at the clock's time,
 *       by a key in the apex DNSKEY RRset, for every algorithm in that RRset.
 *   <li>The DNSKEY RRset is signed by a key with the SEP flag (a KSK or CSK, flags 257).
 *   <li>Delegation NS RRsets, glue and occluded data carry no RRSIG and no NSEC.
 *   <li>NSEC: one per authoritative name and delegation, in canonical order, the last pointing back
 *       to the apex, with type bitmaps matching the types present.
 *   <li>NSEC3: NSEC3PARAM present and matching every NSEC3; one NSEC3 per authoritative name and
 *       empty non-terminal (with opt-out, insecure delegations may be left out), in hash order,
 *       closing the ring, with the right bitmaps; no NSEC3 for names that do not exist.
 *   <li>The record-level checks of {@link ZoneFile} (data inside the zone, one SOA, apex NS, CNAME
 *       alone, one TTL per RRset, no duplicates).
 * </ul>
 *
 * <pre>{@code
 * VerificationReport report = ZoneVerifier.builder().clock(clock).build().verify(origin, records);
 * if (!report.ok()) report.problems().forEach(System.err::println);
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class ZoneVerifier {
  private final Clock clock;
  private final boolean requireDenial;

  private ZoneVerifier(Clock clock, boolean requireDenial) {
    this.clock = clock;
    this.requireDenial = requireDenial;
  }

  /**
   * Starts a configuration; {@link Builder#clock(Clock)} is required.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Verifies a signed zone.
   *
   * @param origin the zone apex (absolute)
   * @param records every record of the signed zone, in any order
   * @return the report: every problem found, and the counts of what was checked
   */
  public VerificationReport verify(Name origin, Collection<? extends Record> records) {
    if (!origin.isAbsolute()) {
      throw new IllegalArgumentException("origin must be absolute (end with a dot): " + origin);
    }
    List<Record> list = List.copyOf(records);
    return new VerificationRun(origin, list, clock.instant(), requireDenial).run();
  }

  /** Configures a {@link ZoneVerifier}; {@link #build()} validates. Not thread-safe. */
  public static final class Builder {
    private @Nullable Clock clock;
    private boolean requireDenial = true;

    private Builder() {}

    /**
     * Sets the clock whose time decides whether signatures are inside their validity window.
     *
     * @param clock the clock (required)
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets whether a zone without an NSEC or NSEC3 chain is a problem (default true: a signed zone
     * needs authenticated denial of existence).
     *
     * @param require whether to require NSEC or NSEC3
     * @return this builder
     */
    public Builder requireDenial(boolean require) {
      this.requireDenial = require;
      return this;
    }

    /**
     * Builds the verifier.
     *
     * @return an immutable, thread-safe verifier
     * @throws IllegalStateException if no clock was set
     */
    public ZoneVerifier build() {
      Clock c = clock;
      if (c == null) {
        throw new IllegalStateException(
            "clock is required: pass Clock.systemUTC() or a fixed clock for a point in time");
      }
      return new ZoneVerifier(c, requireDenial);
    }
  }
}
