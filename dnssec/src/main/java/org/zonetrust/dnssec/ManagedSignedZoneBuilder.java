package org.zonetrust.dnssec;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.zonetrust.core.event.EventListener;
import org.zonetrust.core.state.StateStore;

/**
 * Configures a {@link ManagedSignedZone}. Not thread-safe.
 *
 * <p>Required: {@link #origin}, {@link #store}, {@link #publisher}, {@link #clock}, and {@link
 * #records} unless the store already holds the zone. Defaults: {@link Denial#nsec()}, {@link
 * SignatureValidity#defaults()}, {@link SerialPolicy#INCREMENT}, no largest TTL, no events. A zone
 * that a {@link KeyManager} manages needs {@link #policy} (or at least {@link #maxTtl}): key timing
 * is only safe if no record outlives the policy's largest zone TTL in a cache.
 */
public final class ManagedSignedZoneBuilder {
  private @Nullable Name origin;
  List<Record> records = List.of();
  private @Nullable StateStore store;
  private @Nullable ZonePublisher publisher;
  private @Nullable Clock clock;
  Denial denial = Denial.nsec();
  SignatureValidity validity = SignatureValidity.defaults();
  SerialPolicy serialPolicy = SerialPolicy.INCREMENT;
  EventListener events = EventListener.NONE;
  @Nullable Duration maxTtl;

  ManagedSignedZoneBuilder() {}

  /**
   * Sets the zone apex.
   *
   * @param origin the apex (absolute)
   * @return this builder
   */
  public ManagedSignedZoneBuilder origin(Name origin) {
    Objects.requireNonNull(origin, "origin");
    if (!origin.isAbsolute()) {
      throw new IllegalArgumentException("origin must be absolute (end with a dot): " + origin);
    }
    this.origin = origin;
    return this;
  }

  /**
   * Sets the unsigned zone to start from; ignored when the store already holds this zone's records.
   * DNSKEY, CDS, CDNSKEY, RRSIG, NSEC, NSEC3 and NSEC3PARAM records are dropped (the key setup and
   * the signer make them).
   *
   * @param records the zone's records, with one SOA and the apex NS RRset
   * @return this builder
   */
  public ManagedSignedZoneBuilder records(Collection<? extends Record> records) {
    this.records = List.copyOf(records);
    return this;
  }

  /**
   * Sets the store that keeps the unsigned records.
   *
   * @param store the state store
   * @return this builder
   */
  public ManagedSignedZoneBuilder store(StateStore store) {
    this.store = Objects.requireNonNull(store, "store");
    return this;
  }

  /**
   * Sets how the signed zone reaches the servers.
   *
   * @param publisher the publisher, e.g. from {@link ZonePublishers}
   * @return this builder
   */
  public ManagedSignedZoneBuilder publisher(ZonePublisher publisher) {
    this.publisher = Objects.requireNonNull(publisher, "publisher");
    return this;
  }

  /**
   * Sets the clock for signing times, serials and events.
   *
   * @param clock the clock
   * @return this builder
   */
  public ManagedSignedZoneBuilder clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /**
   * Sets the denial of existence (default NSEC).
   *
   * @param denial NSEC or NSEC3
   * @return this builder
   */
  public ManagedSignedZoneBuilder denial(Denial denial) {
    this.denial = Objects.requireNonNull(denial, "denial");
    return this;
  }

  /**
   * Sets the signature validity window (default {@link SignatureValidity#defaults()}).
   *
   * @param validity the window
   * @return this builder
   */
  public ManagedSignedZoneBuilder validity(SignatureValidity validity) {
    this.validity = Objects.requireNonNull(validity, "validity");
    return this;
  }

  /**
   * Sets the largest TTL a record of the zone may have: records above it are refused when the zone
   * is built (given or stored) and when an update adds them, naming the record and both TTLs. A
   * {@link KeyManager} requires it to be at most its policy's {@link
   * KeyRolloverPolicy#maxZoneTtl()}, since it retires keys once that TTL has run out.
   *
   * @param ttl the largest TTL, at least one second, in whole seconds
   * @return this builder
   * @throws IllegalArgumentException if the TTL is not a positive whole number of seconds
   */
  public ManagedSignedZoneBuilder maxTtl(Duration ttl) {
    Objects.requireNonNull(ttl, "ttl");
    if (ttl.toSeconds() < 1 || !ttl.equals(Duration.ofSeconds(ttl.toSeconds()))) {
      throw new IllegalArgumentException(
          "the largest TTL must be a positive whole number of seconds, not " + ttl);
    }
    this.maxTtl = ttl;
    return this;
  }

  /**
   * Signs as a key-rollover policy says: its {@linkplain KeyRolloverPolicy#denial() denial}, its
   * {@linkplain KeyRolloverPolicy#signatureValidity() signature validity} and its {@linkplain
   * KeyRolloverPolicy#maxZoneTtl() largest zone TTL} as {@link #maxTtl}. What a zone under a {@link
   * KeyManager} with that policy should use.
   *
   * @param policy the policy
   * @return this builder
   */
  public ManagedSignedZoneBuilder policy(KeyRolloverPolicy policy) {
    Objects.requireNonNull(policy, "policy");
    denial(policy.denial());
    validity(policy.signatureValidity());
    return maxTtl(policy.maxZoneTtl());
  }

  /**
   * Sets how the SOA serial grows with each publication (default {@link SerialPolicy#INCREMENT};
   * {@link SerialPolicy#KEEP} is refused because secondaries would not transfer the change).
   *
   * @param serialPolicy the policy
   * @return this builder
   * @throws IllegalArgumentException for {@link SerialPolicy#KEEP}
   */
  public ManagedSignedZoneBuilder serialPolicy(SerialPolicy serialPolicy) {
    Objects.requireNonNull(serialPolicy, "serialPolicy");
    if (serialPolicy == SerialPolicy.KEEP) {
      throw new IllegalArgumentException(
          "a managed zone must raise its serial on every publication: KEEP is not allowed");
    }
    this.serialPolicy = serialPolicy;
    return this;
  }

  /**
   * Sets the listener for {@code dnssec.zone.published} and {@code dnssec.zone.publish-failed}
   * events.
   *
   * @param events the listener
   * @return this builder
   */
  public ManagedSignedZoneBuilder events(EventListener events) {
    this.events = Objects.requireNonNull(events, "events");
    return this;
  }

  /**
   * Builds the zone: reads its records from the store, or stores the given ones. Publishes nothing
   * (that starts with {@link ManagedSignedZone#setKeys}).
   *
   * @return the managed zone
   * @throws IllegalStateException if a required setting is missing
   * @throws DnssecException if the store cannot be read or written, the stored text cannot be
   *     parsed, neither the store nor {@link #records} has the zone, or a record's TTL is above
   *     {@link #maxTtl}
   */
  public ManagedSignedZone build() throws DnssecException {
    Name o = require(origin, "origin(Name)");
    return new ManagedSignedZone(
        this,
        o,
        require(store, "store(StateStore)"),
        require(publisher, "publisher(ZonePublisher)"),
        require(clock, "clock(Clock)"));
  }

  private static <T> T require(@Nullable T value, String call) {
    if (value == null) {
      throw new IllegalStateException("ManagedSignedZone needs " + call);
    }
    return value;
  }
}
