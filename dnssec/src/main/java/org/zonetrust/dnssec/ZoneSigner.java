package org.zonetrust.dnssec;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.zonetrust.dnssec.internal.FullSigner;
import org.zonetrust.dnssec.internal.Incremental;
import org.zonetrust.dnssec.internal.KeyPlan;
import org.zonetrust.dnssec.internal.SignerConfig;
import org.zonetrust.dnssec.internal.ZoneChecks;
import org.zonetrust.dnssec.internal.ZoneState;

/**
 * Signs DNS zones with DNSSEC (RFC 4033-4035, RFC 5155, RFC 6840, RFC 9077, RFC 9276).
 *
 * <pre>{@code
 * ZoneSigner signer = ZoneSigner.builder().keys(List.of(ksk, zsk)).clock(clock).build();
 * SignedZone signed = signer.sign(origin, records);
 * signed.writeMasterFile(Path.of("example.com.signed"));
 * }</pre>
 *
 * <p>Keys sign by role: the DNSKEY, CDS and CDNSKEY RRsets are signed by every KSK and CSK, all
 * other authoritative RRsets by every ZSK and CSK. Every algorithm among the keys signs every RRset
 * (RFC 6840 section 5.11): an algorithm that has only KSKs signs the data with them, one that has
 * only ZSKs signs the DNSKEY RRset with them.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class ZoneSigner {
  private final SignerConfig config;

  private ZoneSigner(Builder b, Clock clock) {
    this.config =
        new SignerConfig(
            KeyPlan.of(b.keys), b.denial, b.validity, b.serialPolicy, clock, b.threads);
  }

  /**
   * Starts a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Signs a zone.
   *
   * <p>RRSIG, NSEC, NSEC3 and NSEC3PARAM records in the input are dropped and made anew. DNSKEY
   * records in the input are kept (for example pre-published keys) and the signer's keys' DNSKEY
   * records are added. The SOA serial is changed by the {@linkplain Builder#serialPolicy serial
   * policy}.
   *
   * @param origin the zone apex (absolute)
   * @param records the zone's records
   * @return the signed zone
   * @throws DnssecException if the records are not a valid zone (naming the zone, owner and type),
   *     a key belongs to another zone, or signing fails
   */
  public SignedZone sign(Name origin, Collection<? extends Record> records) throws DnssecException {
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(records, "records");
    List<? extends Record> list = List.copyOf(records);
    ZoneChecks.check(origin, list, i -> "record " + (i + 1));
    return new SignedZone(FullSigner.sign(origin, list, config, null));
  }

  /**
   * Re-signs a signed zone, re-using every signature that is still valid for more than the
   * {@linkplain SignatureValidity#refresh() refresh} period, was made by one of this signer's keys
   * and covers an unchanged RRset; the others are made anew. The SOA serial is changed by the
   * serial policy (and the SOA then re-signed). {@code previous} stays usable.
   *
   * @param previous the zone as signed before
   * @return the re-signed zone
   * @throws DnssecException if a key belongs to another zone or signing fails
   */
  public SignedZone refresh(SignedZone previous) throws DnssecException {
    Objects.requireNonNull(previous, "previous");
    ZoneState old = previous.state();
    return new SignedZone(FullSigner.sign(old.origin(), old.dataRecords(), config, old));
  }

  /**
   * Signs {@code records} as {@link #sign} does, re-using the signatures of {@code previous} that
   * {@link #refresh} would keep (same key, unchanged RRset, not due): for a changed key setup.
   */
  SignedZone resign(SignedZone previous, Collection<? extends Record> records)
      throws DnssecException {
    List<? extends Record> list = List.copyOf(records);
    ZoneState old = previous.state();
    ZoneChecks.check(old.origin(), list, i -> "record " + (i + 1));
    return new SignedZone(FullSigner.sign(old.origin(), list, config, old));
  }

  /**
   * Applies a change to a signed zone and re-signs only what it affects: the changed RRsets, the
   * SOA (whose serial the serial policy changes) and the NSEC or NSEC3 records of the names that
   * join or leave the chain and of their neighbours. Other signatures are kept as they are, even if
   * due for refresh (use {@link #refresh}).
   *
   * <p>{@code previous} is taken over: it is changed in place and throws {@link
   * IllegalStateException} afterwards. If the change is invalid, a {@link DnssecException} is
   * thrown and {@code previous} is left unchanged and usable.
   *
   * @param previous the zone as signed before; consumed
   * @param change the records to add and delete
   * @return the signed zone with the change
   * @throws DnssecException if the change would make the zone invalid (naming the owner and type),
   *     or signing fails
   */
  public SignedZone apply(SignedZone previous, ZoneChange change) throws DnssecException {
    Objects.requireNonNull(previous, "previous");
    Objects.requireNonNull(change, "change");
    ZoneState state = previous.state();
    Incremental prepared =
        Incremental.prepare(state, change.additions(), change.deletions(), config);
    previous.takeOver();
    return new SignedZone(prepared.commit());
  }

  /**
   * Returns the keys this signer signs with.
   *
   * @return the keys
   */
  public List<SigningKey> keys() {
    return config.plan().keys();
  }

  @Override
  public String toString() {
    return "ZoneSigner["
        + config.plan().keys()
        + ", "
        + config.denial()
        + ", "
        + config.validity()
        + ", "
        + config.serialPolicy()
        + ", threads "
        + config.threads()
        + "]";
  }

  /**
   * Configures a {@link ZoneSigner}. Not thread-safe.
   *
   * <p>Required: {@link #keys} and {@link #clock}. Defaults: {@link Denial#nsec()}, {@link
   * SignatureValidity#defaults()}, {@link SerialPolicy#KEEP}, one thread per available processor.
   */
  public static final class Builder {
    private List<SigningKey> keys = List.of();
    private @Nullable Clock clock;
    private Denial denial = Denial.nsec();
    private SignatureValidity validity = SignatureValidity.defaults();
    private SerialPolicy serialPolicy = SerialPolicy.KEEP;
    private int threads = Runtime.getRuntime().availableProcessors();

    private Builder() {}

    /**
     * Sets the signing keys; their roles decide what each signs.
     *
     * @param keys the keys, all of one zone
     * @return this builder
     */
    public Builder keys(List<SigningKey> keys) {
      this.keys = List.copyOf(keys);
      return this;
    }

    /**
     * Sets the clock that gives the signing time.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets the denial of existence (default NSEC).
     *
     * @param denial NSEC or NSEC3
     * @return this builder
     */
    public Builder denial(Denial denial) {
      this.denial = Objects.requireNonNull(denial, "denial");
      return this;
    }

    /**
     * Sets the signature validity window (default {@link SignatureValidity#defaults()}).
     *
     * @param validity the validity window
     * @return this builder
     */
    public Builder validity(SignatureValidity validity) {
      this.validity = Objects.requireNonNull(validity, "validity");
      return this;
    }

    /**
     * Sets how the SOA serial changes (default {@link SerialPolicy#KEEP}).
     *
     * @param serialPolicy the serial policy
     * @return this builder
     */
    public Builder serialPolicy(SerialPolicy serialPolicy) {
      this.serialPolicy = Objects.requireNonNull(serialPolicy, "serialPolicy");
      return this;
    }

    /**
     * Sets the number of signing threads (default: available processors).
     *
     * @param threads 1 to 1024
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder threads(int threads) {
      if (threads < 1 || threads > 1024) {
        throw new IllegalArgumentException("threads must be 1 to 1024, not " + threads);
      }
      this.threads = threads;
      return this;
    }

    /**
     * Builds the signer.
     *
     * @return the signer
     * @throws IllegalStateException if the clock or keys are missing, the keys belong to different
     *     zones, no key signs the DNSKEY RRset (KSK or CSK) or no key signs the data (ZSK or CSK)
     */
    public ZoneSigner build() {
      if (clock == null) {
        throw new IllegalStateException("ZoneSigner needs a clock: call clock(Clock)");
      }
      if (keys.isEmpty()) {
        throw new IllegalStateException("ZoneSigner needs at least one key: call keys(List)");
      }
      Name zone = keys.get(0).zone();
      for (SigningKey k : keys) {
        if (!k.zone().equals(zone)) {
          throw new IllegalStateException(
              "all keys must belong to one zone: " + k + " is not of " + zone);
        }
      }
      if (keys.stream().noneMatch(k -> k.role().signsKeys())) {
        throw new IllegalStateException(
            "no key of " + zone + " signs the DNSKEY RRset: add a KSK or CSK");
      }
      if (keys.stream().noneMatch(k -> k.role().signsData())) {
        throw new IllegalStateException(
            "no key of " + zone + " signs the zone data: add a ZSK or CSK");
      }
      return new ZoneSigner(this, clock);
    }
  }
}
