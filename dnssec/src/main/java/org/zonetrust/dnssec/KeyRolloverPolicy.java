package org.zonetrust.dnssec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.zonetrust.dnssec.internal.keys.PolicyDurations;

/**
 * What the {@code KeyManager} keeps a zone's keys like, in the manner of BIND's {@code
 * dnssec-policy} and Knot's {@code policy}: which keys (a KSK and a ZSK, or one CSK), their
 * algorithm and lifetimes, the TTLs and delays that decide how long each rollover step must wait,
 * how signatures are made and refreshed, and how the parent is watched.
 *
 * <p>{@link Builder#build()} refuses a policy that cannot be run safely and names the numbers: a
 * lifetime shorter than the shortest rollover it allows, or a signature refresh that does not cover
 * the SOA expire time plus the largest TTL of the zone (a secondary that lost its primary must
 * never serve signatures that expire while cached).
 *
 * <p>Presets: {@link #defaults()} (ECDSA P-256 KSK + ZSK, ZSK every 30 days, KSK every year),
 * {@link #defaultsCsk()} and {@link #fast()} (TTLs of seconds, for labs and tests). {@link
 * #fromProperties} reads a policy from properties (the format of {@code zonetrust rollover plan
 * --policy FILE}). Instances are immutable.
 */
public final class KeyRolloverPolicy {
  private final Builder b;

  private KeyRolloverPolicy(Builder b) {
    this.b = b.copy();
  }

  /**
   * The default policy: ECDSA P-256 (algorithm 13) KSK and ZSK; ZSK rolled every 30 days by
   * pre-publication, KSK every 365 days by double-KSK; DNSKEY TTL 1 hour, zone TTLs up to 1 day, DS
   * TTL 1 day; safety margins of 1 hour; signatures valid 21 days, refreshed with 9 days left (SOA
   * expire 7 days plus 1 day of TTL, plus a day of slack); NSEC; an alert when the parent has not
   * served a requested DS after 2 days.
   *
   * @return the default policy
   */
  public static KeyRolloverPolicy defaults() {
    return builder().build();
  }

  /**
   * The default policy with one combined signing key (CSK) instead of a KSK and a ZSK, rolled every
   * 365 days.
   *
   * @return the CSK variant of the default policy
   */
  public static KeyRolloverPolicy defaultsCsk() {
    return builder().name("default-csk").csk(true).cskLifetime(Duration.ofDays(365)).build();
  }

  /**
   * A policy for labs and tests: TTLs of 2 seconds, margins and delays of 1 second, ZSK every 10
   * minutes, KSK every 20 minutes, signatures valid 2 hours. Never use it in production.
   *
   * @return the fast policy
   */
  public static KeyRolloverPolicy fast() {
    return builder()
        .name("fast")
        .zskLifetime(Duration.ofMinutes(10))
        .kskLifetime(Duration.ofMinutes(20))
        .cskLifetime(Duration.ofMinutes(20))
        .dnskeyTtl(Duration.ofSeconds(2))
        .maxZoneTtl(Duration.ofSeconds(2))
        .dsTtl(Duration.ofSeconds(2))
        .parentNegativeTtl(Duration.ofSeconds(2))
        .publishSafety(Duration.ofSeconds(1))
        .retireSafety(Duration.ofSeconds(1))
        .zonePropagationDelay(Duration.ofSeconds(1))
        .parentPropagationDelay(Duration.ofSeconds(1))
        .soaExpire(Duration.ofMinutes(10))
        .signatureValidity(
            SignatureValidity.of(
                Duration.ofHours(2),
                Duration.ofMinutes(5),
                Duration.ofMinutes(1),
                Duration.ofMinutes(20)))
        .parentAlertAfter(Duration.ofMinutes(1))
        .parentCheckInterval(Duration.ofSeconds(1))
        .parentRetryInterval(Duration.ofSeconds(30))
        .build();
  }

  /**
   * Reads a policy from properties: {@code base} ({@code default}, {@code default-csk} or {@code
   * fast}) names the preset to start from, and every other key overrides one value: {@code name},
   * {@code keys} ({@code ksk-zsk} or {@code csk}), {@code algorithm} (number or mnemonic), {@code
   * rsa-bits}, {@code ksk-lifetime}, {@code zsk-lifetime}, {@code csk-lifetime}, {@code zsk-method}
   * ({@code pre-publication} or {@code double-signature}), {@code ksk-method} ({@code double-ksk}
   * or {@code double-ds}), {@code dnskey-ttl}, {@code max-zone-ttl}, {@code ds-ttl}, {@code
   * parent-negative-ttl}, {@code publish-safety}, {@code retire-safety}, {@code
   * zone-propagation-delay}, {@code parent-propagation-delay}, {@code signature-validity}, {@code
   * signature-refresh}, {@code signature-jitter}, {@code signature-inception-offset}, {@code
   * soa-expire}, {@code nsec3} ({@code true} or {@code false}), {@code nsec3-iterations}, {@code
   * nsec3-salt} (hex, or {@code -} for none), {@code nsec3-opt-out}, {@code ds-digest} ({@code
   * SHA-256}, {@code SHA-384}, {@code SHA-1}), {@code cds} and {@code parent-alert-after}, {@code
   * parent-check-interval}, {@code parent-retry-interval}. Durations are ISO-8601 ({@code PT1H},
   * {@code P30D}) or a number with a unit ({@code 30d}, {@code 2h}, {@code 5m}, {@code 10s}), or
   * {@code 0}.
   *
   * @param properties the properties
   * @return the policy
   * @throws IllegalArgumentException for an unknown key or a bad value (the message names both), or
   *     a policy that cannot be run safely (the message names the numbers)
   */
  public static KeyRolloverPolicy fromProperties(java.util.Properties properties) {
    return org.zonetrust.dnssec.internal.keys.PolicyProperties.read(properties);
  }

  /**
   * Starts a builder holding the values of {@link #defaults()}.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts a builder holding this policy's values, to derive a variant.
   *
   * @return a builder with this policy's values
   */
  public Builder toBuilder() {
    return b.copy();
  }

  /**
   * Returns the policy's name, used in events, state and the timeline.
   *
   * @return the name
   */
  public String name() {
    return b.name;
  }

  /**
   * Tells whether the zone uses one combined signing key instead of a KSK and a ZSK.
   *
   * @return true for a CSK policy
   */
  public boolean csk() {
    return b.csk;
  }

  /**
   * Returns the algorithm of every key. Changing it on a running zone starts an algorithm rollover.
   *
   * @return the algorithm
   */
  public DnssecAlgorithm algorithm() {
    return b.algorithm;
  }

  /**
   * Returns the RSA modulus size, used only for RSA algorithms.
   *
   * @return the modulus size in bits
   */
  public int rsaBits() {
    return b.rsaBits;
  }

  /**
   * Returns how long a key of a role is used before its successor is started; {@link Duration#ZERO}
   * means "until replaced by hand".
   *
   * @param role the role
   * @return the lifetime
   */
  public Duration lifetime(KeyRole role) {
    return switch (role) {
      case KSK -> b.kskLifetime;
      case ZSK -> b.zskLifetime;
      case CSK -> b.cskLifetime;
    };
  }

  /**
   * Returns the method that replaces ZSKs (and the signature half of a CSK).
   *
   * @return {@link RolloverMethod#PRE_PUBLICATION} or {@link RolloverMethod#DOUBLE_SIGNATURE}
   */
  public RolloverMethod zskMethod() {
    return b.zskMethod;
  }

  /**
   * Returns the method that replaces KSKs (and the DS half of a CSK).
   *
   * @return {@link RolloverMethod#DOUBLE_KSK} or {@link RolloverMethod#DOUBLE_DS}
   */
  public RolloverMethod kskMethod() {
    return b.kskMethod;
  }

  /**
   * Returns the TTL of the DNSKEY, CDS and CDNSKEY RRsets.
   *
   * @return the DNSKEY TTL
   */
  public Duration dnskeyTtl() {
    return b.dnskeyTtl;
  }

  /**
   * Returns the largest TTL of any RRset in the zone (how long old signatures may stay cached).
   *
   * @return the largest zone TTL
   */
  public Duration maxZoneTtl() {
    return b.maxZoneTtl;
  }

  /**
   * Returns the TTL the parent gives the DS RRset.
   *
   * @return the DS TTL
   */
  public Duration dsTtl() {
    return b.dsTtl;
  }

  /**
   * Returns the parent's negative TTL (how long "no DS" may stay cached).
   *
   * @return the negative TTL of the parent zone
   */
  public Duration parentNegativeTtl() {
    return b.parentNegativeTtl;
  }

  /**
   * Returns the extra time waited after a record was introduced before it counts as everywhere.
   *
   * @return the publish safety margin
   */
  public Duration publishSafety() {
    return b.publishSafety;
  }

  /**
   * Returns the extra time waited after a record was withdrawn before it counts as gone.
   *
   * @return the retire safety margin
   */
  public Duration retireSafety() {
    return b.retireSafety;
  }

  /**
   * Returns how long a change of the zone takes to reach every authoritative server.
   *
   * @return the zone propagation delay
   */
  public Duration zonePropagationDelay() {
    return b.zonePropagationDelay;
  }

  /**
   * Returns how long a DS change takes to reach every server of the parent once it was seen.
   *
   * @return the parent propagation delay
   */
  public Duration parentPropagationDelay() {
    return b.parentPropagationDelay;
  }

  /**
   * Returns how signatures are made and when they are refreshed.
   *
   * @return the signature validity
   */
  public SignatureValidity signatureValidity() {
    return b.signatureValidity;
  }

  /**
   * Returns the SOA expire time the zone's secondaries use (they may serve old data that long).
   *
   * @return the SOA expire time
   */
  public Duration soaExpire() {
    return b.soaExpire;
  }

  /**
   * Returns the denial of existence (NSEC or NSEC3 with its parameters).
   *
   * @return the denial
   */
  public Denial denial() {
    return b.denial;
  }

  /**
   * Returns the digest type of DS and CDS records.
   *
   * @return the digest type
   */
  public DigestType dsDigest() {
    return b.dsDigest;
  }

  /**
   * Tells whether CDS and CDNSKEY records (RFC 7344, RFC 8078) are published for the DS wanted at
   * the parent.
   *
   * @return true if CDS/CDNSKEY are published
   */
  public boolean publishCds() {
    return b.publishCds;
  }

  /**
   * Returns how long a requested DS change may stay unseen at the parent before the key manager
   * raises a {@code dnssec.ds.overdue} event.
   *
   * @return the alert threshold
   */
  public Duration parentAlertAfter() {
    return b.parentAlertAfter;
  }

  /**
   * Returns how often the parent's servers are asked while a DS change is awaited.
   *
   * @return the check interval
   */
  public Duration parentCheckInterval() {
    return b.parentCheckInterval;
  }

  /**
   * Returns how often a DS change that the parent does not yet serve is requested again.
   *
   * @return the retry interval
   */
  public Duration parentRetryInterval() {
    return b.parentRetryInterval;
  }

  /**
   * Returns the shortest time a rollover of a role can take from the successor's creation to the
   * deletion of the old key, waiting only for TTLs, delays and margins (a parent is assumed to
   * answer at once). Lifetimes shorter than this are refused.
   *
   * @param role the role
   * @return the shortest rollover
   */
  public Duration shortestRollover(KeyRole role) {
    return PolicyDurations.shortestRollover(this, role);
  }

  @Override
  public String toString() {
    return "KeyRolloverPolicy["
        + b.name
        + ", "
        + (b.csk ? "CSK" : "KSK+ZSK")
        + ", "
        + b.algorithm
        + "]";
  }

  /** Collects and validates the values of a policy; starts with those of {@link #defaults()}. */
  public static final class Builder {
    private String name = "default";
    private boolean csk;
    private DnssecAlgorithm algorithm = DnssecAlgorithm.ECDSAP256SHA256;
    private int rsaBits = 2048;
    private Duration kskLifetime = Duration.ofDays(365);
    private Duration zskLifetime = Duration.ofDays(30);
    private Duration cskLifetime = Duration.ofDays(365);
    private RolloverMethod zskMethod = RolloverMethod.PRE_PUBLICATION;
    private RolloverMethod kskMethod = RolloverMethod.DOUBLE_KSK;
    private Duration dnskeyTtl = Duration.ofHours(1);
    private Duration maxZoneTtl = Duration.ofDays(1);
    private Duration dsTtl = Duration.ofDays(1);
    private Duration parentNegativeTtl = Duration.ofHours(1);
    private Duration publishSafety = Duration.ofHours(1);
    private Duration retireSafety = Duration.ofHours(1);
    private Duration zonePropagationDelay = Duration.ofMinutes(5);
    private Duration parentPropagationDelay = Duration.ofHours(1);
    private SignatureValidity signatureValidity =
        SignatureValidity.of(
            Duration.ofDays(21), Duration.ofHours(1), Duration.ofHours(12), Duration.ofDays(9));
    private Duration soaExpire = Duration.ofDays(7);
    private Denial denial = Denial.nsec();
    private DigestType dsDigest = DigestType.SHA256;
    private boolean publishCds = true;
    private Duration parentAlertAfter = Duration.ofDays(2);
    private Duration parentCheckInterval = Duration.ofHours(1);
    private Duration parentRetryInterval = Duration.ofDays(1);

    private Builder() {}

    private Builder copy() {
      Builder c = new Builder();
      c.name = name;
      c.csk = csk;
      c.algorithm = algorithm;
      c.rsaBits = rsaBits;
      c.kskLifetime = kskLifetime;
      c.zskLifetime = zskLifetime;
      c.cskLifetime = cskLifetime;
      c.zskMethod = zskMethod;
      c.kskMethod = kskMethod;
      c.dnskeyTtl = dnskeyTtl;
      c.maxZoneTtl = maxZoneTtl;
      c.dsTtl = dsTtl;
      c.parentNegativeTtl = parentNegativeTtl;
      c.publishSafety = publishSafety;
      c.retireSafety = retireSafety;
      c.zonePropagationDelay = zonePropagationDelay;
      c.parentPropagationDelay = parentPropagationDelay;
      c.signatureValidity = signatureValidity;
      c.soaExpire = soaExpire;
      c.denial = denial;
      c.dsDigest = dsDigest;
      c.publishCds = publishCds;
      c.parentAlertAfter = parentAlertAfter;
      c.parentCheckInterval = parentCheckInterval;
      c.parentRetryInterval = parentRetryInterval;
      return c;
    }

    /**
     * Sets the name.
     *
     * @param name 1 to 63 characters of letters, digits, '-' and '_'
     * @return this builder
     */
    public Builder name(String name) {
      if (!name.matches("[A-Za-z0-9_-]{1,63}")) {
        throw new IllegalArgumentException(
            "a policy name is 1 to 63 letters, digits, '-' or '_', not '" + name + "'");
      }
      this.name = name;
      return this;
    }

    /**
     * Chooses one combined signing key (true) or a KSK and a ZSK (false, the default).
     *
     * @param csk whether to use a CSK
     * @return this builder
     */
    public Builder csk(boolean csk) {
      this.csk = csk;
      return this;
    }

    /**
     * Sets the algorithm of every key.
     *
     * @param algorithm the algorithm
     * @return this builder
     */
    public Builder algorithm(DnssecAlgorithm algorithm) {
      this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
      return this;
    }

    /**
     * Sets the RSA modulus size.
     *
     * @param rsaBits 2048 to 4096
     * @return this builder
     */
    public Builder rsaBits(int rsaBits) {
      this.rsaBits = rsaBits;
      return this;
    }

    /**
     * Sets the KSK lifetime.
     *
     * @param lifetime the lifetime, or zero for "until replaced by hand"
     * @return this builder
     */
    public Builder kskLifetime(Duration lifetime) {
      this.kskLifetime = nonNegative("KSK lifetime", lifetime);
      return this;
    }

    /**
     * Sets the ZSK lifetime.
     *
     * @param lifetime the lifetime, or zero for "until replaced by hand"
     * @return this builder
     */
    public Builder zskLifetime(Duration lifetime) {
      this.zskLifetime = nonNegative("ZSK lifetime", lifetime);
      return this;
    }

    /**
     * Sets the CSK lifetime.
     *
     * @param lifetime the lifetime, or zero for "until replaced by hand"
     * @return this builder
     */
    public Builder cskLifetime(Duration lifetime) {
      this.cskLifetime = nonNegative("CSK lifetime", lifetime);
      return this;
    }

    /**
     * Sets the ZSK rollover method.
     *
     * @param method {@link RolloverMethod#PRE_PUBLICATION} or {@link
     *     RolloverMethod#DOUBLE_SIGNATURE}
     * @return this builder
     */
    public Builder zskMethod(RolloverMethod method) {
      if (!method.forZsk()) {
        throw new IllegalArgumentException(
            method
                + " is a KSK method; a ZSK rolls by "
                + RolloverMethod.PRE_PUBLICATION
                + " or "
                + RolloverMethod.DOUBLE_SIGNATURE);
      }
      this.zskMethod = method;
      return this;
    }

    /**
     * Sets the KSK rollover method.
     *
     * @param method {@link RolloverMethod#DOUBLE_KSK} or {@link RolloverMethod#DOUBLE_DS}
     * @return this builder
     */
    public Builder kskMethod(RolloverMethod method) {
      if (method.forZsk()) {
        throw new IllegalArgumentException(
            method
                + " is a ZSK method; a KSK rolls by "
                + RolloverMethod.DOUBLE_KSK
                + " or "
                + RolloverMethod.DOUBLE_DS);
      }
      this.kskMethod = method;
      return this;
    }

    /**
     * Sets the DNSKEY TTL.
     *
     * @param ttl 1 second to 2 days
     * @return this builder
     */
    public Builder dnskeyTtl(Duration ttl) {
      this.dnskeyTtl = ttl("DNSKEY TTL", ttl);
      return this;
    }

    /**
     * Sets the largest TTL in the zone.
     *
     * @param ttl 1 second to 2 days
     * @return this builder
     */
    public Builder maxZoneTtl(Duration ttl) {
      this.maxZoneTtl = ttl("largest zone TTL", ttl);
      return this;
    }

    /**
     * Sets the parent's DS TTL.
     *
     * @param ttl 1 second to 2 days
     * @return this builder
     */
    public Builder dsTtl(Duration ttl) {
      this.dsTtl = ttl("DS TTL", ttl);
      return this;
    }

    /**
     * Sets the parent's negative TTL.
     *
     * @param ttl 1 second to 2 days
     * @return this builder
     */
    public Builder parentNegativeTtl(Duration ttl) {
      this.parentNegativeTtl = ttl("parent negative TTL", ttl);
      return this;
    }

    /**
     * Sets the publish safety margin.
     *
     * @param margin zero or more
     * @return this builder
     */
    public Builder publishSafety(Duration margin) {
      this.publishSafety = nonNegative("publish safety", margin);
      return this;
    }

    /**
     * Sets the retire safety margin.
     *
     * @param margin zero or more
     * @return this builder
     */
    public Builder retireSafety(Duration margin) {
      this.retireSafety = nonNegative("retire safety", margin);
      return this;
    }

    /**
     * Sets the zone propagation delay.
     *
     * @param delay zero or more
     * @return this builder
     */
    public Builder zonePropagationDelay(Duration delay) {
      this.zonePropagationDelay = nonNegative("zone propagation delay", delay);
      return this;
    }

    /**
     * Sets the parent propagation delay.
     *
     * @param delay zero or more
     * @return this builder
     */
    public Builder parentPropagationDelay(Duration delay) {
      this.parentPropagationDelay = nonNegative("parent propagation delay", delay);
      return this;
    }

    /**
     * Sets the signature validity and refresh.
     *
     * @param validity the validity
     * @return this builder
     */
    public Builder signatureValidity(SignatureValidity validity) {
      this.signatureValidity = Objects.requireNonNull(validity, "validity");
      return this;
    }

    /**
     * Sets the SOA expire time of the zone.
     *
     * @param expire positive
     * @return this builder
     */
    public Builder soaExpire(Duration expire) {
      this.soaExpire = ttl("SOA expire", expire, Duration.ofDays(90));
      return this;
    }

    /**
     * Sets the denial of existence.
     *
     * @param denial NSEC or NSEC3 with its parameters
     * @return this builder
     */
    public Builder denial(Denial denial) {
      this.denial = Objects.requireNonNull(denial, "denial");
      return this;
    }

    /**
     * Sets the DS and CDS digest type.
     *
     * @param digest the digest type
     * @return this builder
     */
    public Builder dsDigest(DigestType digest) {
      this.dsDigest = Objects.requireNonNull(digest, "digest");
      return this;
    }

    /**
     * Chooses whether CDS and CDNSKEY are published.
     *
     * @param publish true to publish them (the default)
     * @return this builder
     */
    public Builder publishCds(boolean publish) {
      this.publishCds = publish;
      return this;
    }

    /**
     * Sets how long a DS change may stay unseen before an alert event.
     *
     * @param after positive
     * @return this builder
     */
    public Builder parentAlertAfter(Duration after) {
      this.parentAlertAfter = positive("parent alert threshold", after);
      return this;
    }

    /**
     * Sets how often the parent is checked while a DS change is awaited.
     *
     * @param interval positive
     * @return this builder
     */
    public Builder parentCheckInterval(Duration interval) {
      this.parentCheckInterval = positive("parent check interval", interval);
      return this;
    }

    /**
     * Sets how often an unseen DS change is requested again.
     *
     * @param interval positive
     * @return this builder
     */
    public Builder parentRetryInterval(Duration interval) {
      this.parentRetryInterval = positive("parent retry interval", interval);
      return this;
    }

    /**
     * Checks the values together and builds the policy.
     *
     * @return the policy
     * @throws IllegalArgumentException naming the numbers, if the policy cannot be run safely
     */
    public KeyRolloverPolicy build() {
      List<String> problems = new ArrayList<>();
      if (algorithm == DnssecAlgorithm.RSASHA256 && (rsaBits < 2048 || rsaBits > 4096)) {
        problems.add("RSA keys need 2048 to 4096 bits (RFC 8624), not " + rsaBits);
      }
      Duration largestTtl = maxZoneTtl.compareTo(dnskeyTtl) >= 0 ? maxZoneTtl : dnskeyTtl;
      Duration cover = soaExpire.plus(largestTtl).plus(zonePropagationDelay).plus(retireSafety);
      if (signatureValidity.refresh().compareTo(cover) < 0) {
        problems.add(
            "the signature refresh ("
                + PolicyDurations.human(signatureValidity.refresh())
                + " of validity left) must cover the SOA expire ("
                + PolicyDurations.human(soaExpire)
                + ") plus the largest TTL of the zone, DNSKEY included ("
                + PolicyDurations.human(largestTtl)
                + "), the zone propagation delay ("
                + PolicyDurations.human(zonePropagationDelay)
                + ") and the retire safety ("
                + PolicyDurations.human(retireSafety)
                + "): at least "
                + PolicyDurations.human(cover));
      }
      KeyRolloverPolicy candidate = new KeyRolloverPolicy(this);
      for (KeyRole role : csk ? List.of(KeyRole.CSK) : List.of(KeyRole.KSK, KeyRole.ZSK)) {
        Duration lifetime = candidate.lifetime(role);
        Duration shortest = PolicyDurations.shortestRollover(candidate, role);
        if (!lifetime.isZero() && lifetime.compareTo(shortest) < 0) {
          problems.add(
              "the "
                  + role
                  + " lifetime ("
                  + PolicyDurations.human(lifetime)
                  + ") is shorter than the shortest "
                  + role
                  + " rollover it allows ("
                  + PolicyDurations.explain(candidate, role)
                  + ")");
        }
      }
      if (!problems.isEmpty()) {
        throw new IllegalArgumentException(
            "policy '" + name + "' cannot be run safely: " + String.join("; ", problems));
      }
      return candidate;
    }

    private static Duration ttl(String what, Duration d) {
      return ttl(what, d, Duration.ofDays(2));
    }

    private static Duration ttl(String what, Duration d, Duration max) {
      positive(what, d);
      if (d.compareTo(max) > 0 || d.toMillis() % 1000 != 0) {
        throw new IllegalArgumentException(
            what + " must be whole seconds up to " + PolicyDurations.human(max) + ", not " + d);
      }
      return d;
    }

    private static Duration positive(String what, Duration d) {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(what + " must be positive, not " + d);
      }
      return d;
    }

    private static Duration nonNegative(String what, Duration d) {
      if (d.isNegative()) {
        throw new IllegalArgumentException(what + " must not be negative, not " + d);
      }
      return d;
    }
  }
}
