package org.zonetrust.dnssec;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Type;
import org.zonetrust.core.dns.DnsChange;
import org.zonetrust.core.dns.DnsUpdate;
import org.zonetrust.core.dns.DnsUpdateException;
import org.zonetrust.core.dns.DnsUpdater;
import org.zonetrust.core.event.EventListener;
import org.zonetrust.core.event.ZoneTrustEvent;
import org.zonetrust.core.state.StateStore;
import org.zonetrust.core.state.StateStoreException;
import org.zonetrust.dnssec.internal.PublicationReceipt;
import org.zonetrust.dnssec.internal.StoredRecords;
import org.zonetrust.dnssec.internal.UnsignedZone;
import org.zonetrust.dnssec.internal.ZoneChecks;

/**
 * A zone whose records ZoneTrust keeps, signs and publishes: the key manager hands it the keys
 * ({@link #setKeys}), platforms and the ACME client change records through it ({@link #apply}, it
 * is core's {@link DnsUpdater}), and a scheduler calls {@link #refresh} so that signatures never
 * run out. Every change is signed incrementally ({@link ZoneSigner#apply}) before anyone sees it,
 * and every publication raises the SOA serial (by the {@linkplain
 * ManagedSignedZoneBuilder#serialPolicy serial policy}) so that secondaries transfer it.
 *
 * <p>The unsigned records live in the {@link StateStore} under {@code dnssec/zones/<zone>/records}
 * (master file text, zone without its trailing dot) and are stored atomically before each
 * publication: a new instance over the same store resumes where the last one stopped. DNSKEY, CDS,
 * CDNSKEY, RRSIG, NSEC, NSEC3 and NSEC3PARAM records are not stored; the {@link KeySetup} and the
 * signer make them.
 *
 * <p>After each successful publication a receipt goes to {@code dnssec/zones/<zone>/published}: a
 * digest of what the signed zone was made from (key setup, unsigned records and serial, denial,
 * validity, serial policy, and the publisher's {@code toString()}) and when its first signature
 * becomes due. A new instance whose first {@link #setKeys} would publish exactly that, before it is
 * due, publishes nothing: a cron job that builds a new instance on every run does not re-sign and
 * reload every zone on every run. Its first change, or the refresh time, signs the whole zone anew.
 * A lost or unreadable receipt only costs one extra publication.
 *
 * <p>Thread-safe: one lock per instance serialises all operations. Run one instance per zone (the
 * key manager's lease per zone ensures it across processes); a concurrent writer of the same store
 * key is detected and reported, never overwritten.
 */
public final class ManagedSignedZone implements DnsUpdater {
  private static final Logger LOG = LoggerFactory.getLogger(ManagedSignedZone.class);
  private static final String NOT_A_SERVER = "managed signed zone";

  private final Name origin;
  private final StoredRecords stored;
  private final PublicationReceipt receipt;
  private final ZonePublisher publisher;
  private final Clock clock;
  private final Denial denial;
  private final SignatureValidity validity;
  private final SerialPolicy serialPolicy;
  private final @Nullable Duration maxTtl;
  private final EventListener events;
  private final ReentrantLock lock = new ReentrantLock();

  private UnsignedZone unsigned;
  private @Nullable KeySetup keys;
  private @Nullable ZoneSigner signer;
  private @Nullable SignedZone current;
  private List<Record> published = List.of();
  private boolean unpublished;
  // when the zone an earlier instance published (per its receipt) becomes due, while not in memory
  private @Nullable Instant restoredRefresh;

  ManagedSignedZone(
      ManagedSignedZoneBuilder b,
      Name origin,
      StateStore store,
      ZonePublisher publisher,
      Clock clock)
      throws DnssecException {
    this.origin = origin;
    this.stored = new StoredRecords(origin, store);
    this.receipt = new PublicationReceipt(origin, store);
    this.publisher = publisher;
    this.clock = clock;
    this.denial = b.denial;
    this.validity = b.validity;
    this.serialPolicy = b.serialPolicy;
    this.maxTtl = b.maxTtl;
    this.events = b.events;
    UnsignedZone loaded = stored.load();
    if (loaded == null) {
      if (b.records.isEmpty()) {
        throw new DnssecException(
            "zone "
                + origin
                + " has no records in the state store ("
                + stored.key()
                + ") and none were given: call records(...)");
      }
      loaded = UnsignedZone.of(origin, b.records);
      checkZone(loaded);
      checkTtls(loaded.records(), stored.key());
      stored.save(loaded);
    } else {
      checkTtls(loaded.records(), stored.key());
    }
    this.unsigned = loaded;
  }

  /**
   * Starts a builder.
   *
   * @return a new builder
   */
  public static ManagedSignedZoneBuilder builder() {
    return new ManagedSignedZoneBuilder();
  }

  /**
   * Returns the zone apex.
   *
   * @return the origin
   */
  public Name origin() {
    return origin;
  }

  /**
   * Tells whether {@code store} already holds the records of the zone {@code origin}, in which case
   * a builder's {@link ManagedSignedZoneBuilder#records} are ignored: a caller can skip reading its
   * zone file.
   *
   * @param store the state store
   * @param origin the zone apex
   * @return true if the records are stored
   * @throws DnssecException if the store cannot be read
   */
  public static boolean hasStoredRecords(StateStore store, Name origin) throws DnssecException {
    return new StoredRecords(origin, store).exists();
  }

  /**
   * Returns the largest TTL a record of this zone may have ({@link
   * ManagedSignedZoneBuilder#maxTtl}).
   *
   * @return the largest TTL, or empty if the zone has no limit
   */
  public Optional<Duration> maxTtl() {
    return Optional.ofNullable(maxTtl);
  }

  /**
   * Signs the zone with a new key setup and publishes it; does nothing if the setup signs and
   * publishes exactly as the current one and the last publication succeeded, or, on a new instance,
   * if the receipt of an earlier instance shows that exactly this zone is published and not yet due
   * for refresh. Signatures that the new setup's keys made before and that are not due are kept.
   *
   * @param setup the keys, published-only DNSKEYs, CDS/CDNSKEY records and their TTL
   * @return true if the zone was signed and published, false if nothing needed to be done
   * @throws DnssecException if the setup cannot sign (no KSK or CSK, no ZSK or CSK, a key of
   *     another zone) or signing fails (the zone keeps its previous keys), or publishing fails
   *     ({@link ZonePublishException}; the new keys are kept and the next call publishes)
   */
  public boolean setKeys(KeySetup setup) throws DnssecException {
    Objects.requireNonNull(setup, "setup");
    lock.lock();
    try {
      KeySetup old = keys;
      if (old != null && old.fingerprint().equals(setup.fingerprint()) && !unpublished) {
        return false;
      }
      ZoneSigner next = signerFor(setup);
      if (old == null && current == null && !unpublished) {
        Optional<Instant> due = receipt.matching(digest(setup));
        if (due.isPresent() && clock.instant().isBefore(due.get())) {
          keys = setup;
          signer = next;
          restoredRefresh = due.get();
          LOG.debug("{}: already published as signed now, due at {}", origin, due.get());
          return false;
        }
      }
      List<Record> input = withKeys(unsigned, setup);
      SignedZone before = current;
      SignedZone signed = before == null ? next.sign(origin, input) : next.resign(before, input);
      keys = setup;
      signer = next;
      commit(signed, unsigned, "keys");
      return true;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Applies an update: checks its prerequisites against the unsigned records, applies its changes
   * (RFC 2136 semantics: adds never duplicate, deleting what is absent does nothing, the SOA and
   * the apex NS RRset are never deleted), signs what changed and publishes. Before the first {@link
   * #setKeys} the change is only stored. An update that changes nothing publishes nothing.
   *
   * @param update the update of this zone
   * @throws DnsUpdateException naming the zone: {@code PREREQUISITE_FAILED} naming the failed
   *     prerequisite, {@code NOT_ZONE} for another zone, {@code REFUSED} for a change of a DNSKEY,
   *     CDS, CDNSKEY, RRSIG, NSEC, NSEC3 or NSEC3PARAM record (the key manager's), one that makes
   *     the zone invalid, or the addition of a record whose TTL is above {@link #maxTtl()}, {@code
   *     SERVER_ERROR} if storing or publishing failed, {@code INTERRUPTED} if the publisher was
   *     interrupted
   */
  @Override
  public void apply(DnsUpdate update) throws DnsUpdateException {
    Objects.requireNonNull(update, "update");
    if (!update.zone().equals(origin)) {
      throw failure(
          DnsUpdateException.Reason.NOT_ZONE,
          "NOTZONE",
          "this object manages " + origin + ", not " + update.zone(),
          null);
    }
    for (DnsChange c : update.changes()) {
      int type = typeOf(c);
      if (type >= 0 && UnsignedZone.keyManaged(type)) {
        throw failure(
            DnsUpdateException.Reason.REFUSED,
            "REFUSED",
            c
                + " changes a "
                + Type.string(type)
                + " record: those belong to the key manager (ManagedSignedZone.setKeys) and the"
                + " signer, not to apply",
            null);
      }
      String tooLong = c instanceof DnsChange.Add a ? ttlProblem(a.record()) : null;
      if (tooLong != null) {
        throw failure(DnsUpdateException.Reason.REFUSED, "REFUSED", tooLong, null);
      }
    }
    lock.lock();
    try {
      String failed = unsigned.failedPrerequisite(update.prerequisites());
      if (failed != null) {
        throw failure(
            DnsUpdateException.Reason.PREREQUISITE_FAILED,
            failed.substring(0, failed.indexOf(' ')),
            failed,
            null);
      }
      UnsignedZone next = unsigned.apply(update.changes());
      if (next.equals(unsigned)) {
        if (unpublished && current != null) {
          publish(current, "retry");
        }
        return;
      }
      ZoneSigner s = signer;
      KeySetup k = keys;
      SignedZone before = current;
      if (s == null || k == null) {
        checkZone(next);
        stored.save(next);
        unsigned = next;
        return;
      }
      SignedZone signed =
          before == null
              ? s.sign(origin, withKeys(next, k))
              : s.apply(before, unsigned.changeTo(next));
      commit(signed, next, "update");
    } catch (ZonePublishException e) {
      boolean interrupted = Thread.currentThread().isInterrupted();
      throw failure(
          interrupted
              ? DnsUpdateException.Reason.INTERRUPTED
              : DnsUpdateException.Reason.SERVER_ERROR,
          null,
          "the change is stored and signed, but publishing failed: " + e.getMessage(),
          e);
    } catch (DnssecException e) {
      throw failure(DnsUpdateException.Reason.REFUSED, "REFUSED", e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Re-signs the signatures that are due ({@link ZoneSigner#refresh}) and publishes, if the
   * {@linkplain #nextRefresh() next refresh} time has come; also retries a publication that failed.
   * Before the first {@link #setKeys} it does nothing.
   *
   * @return true if something was published
   * @throws DnssecException if signing or publishing fails
   */
  public boolean refresh() throws DnssecException {
    lock.lock();
    try {
      ZoneSigner s = signer;
      KeySetup k = keys;
      SignedZone before = current;
      if (s == null || k == null) {
        return false;
      }
      if (before == null) {
        Instant restored = restoredRefresh;
        if (restored != null && clock.instant().isBefore(restored)) {
          return false;
        }
        commit(
            s.sign(origin, withKeys(unsigned, k)),
            unsigned,
            restored == null ? "retry" : "refresh");
        return true;
      }
      Optional<Instant> due = dueTime(before);
      if (due.isPresent() && !clock.instant().isBefore(due.get())) {
        commit(s.refresh(before), unsigned, "refresh");
        return true;
      }
      if (unpublished) {
        publish(before, "retry");
        return true;
      }
      return false;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Returns the zone as signed last by this instance (published, unless the last publication
   * failed).
   *
   * @return the signed zone, or empty before the first {@link #setKeys} and while the zone an
   *     earlier instance published (per its receipt) is served unchanged
   */
  public Optional<SignedZone> current() {
    lock.lock();
    try {
      return Optional.ofNullable(current);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Returns when the earliest signature becomes due for refresh: its expiration minus the
   * {@linkplain SignatureValidity#refresh() refresh} period.
   *
   * @return the time, or empty before the first {@link #setKeys}
   */
  public Optional<Instant> nextRefresh() {
    lock.lock();
    try {
      SignedZone z = current;
      return z == null ? Optional.ofNullable(restoredRefresh) : dueTime(z);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Returns the unsigned records as they are stored.
   *
   * @return the records, without DNSKEY, CDS, CDNSKEY, RRSIG, NSEC, NSEC3 and NSEC3PARAM
   */
  public List<Record> unsignedRecords() {
    lock.lock();
    try {
      return unsigned.records();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public String toString() {
    return "ManagedSignedZone[" + origin + ", " + publisher + "]";
  }

  private Optional<Instant> dueTime(SignedZone z) {
    Instant earliest = null;
    for (Record r : z.records()) {
      if (r instanceof RRSIGRecord sig
          && (earliest == null || sig.getExpire().isBefore(earliest))) {
        earliest = sig.getExpire();
      }
    }
    return earliest == null ? Optional.empty() : Optional.of(earliest.minus(validity.refresh()));
  }

  /** Stores the unsigned records with the signed serial, then publishes. */
  private void commit(SignedZone signed, UnsignedZone records, String why) throws DnssecException {
    SOARecord soa = (SOARecord) signed.records().get(0);
    UnsignedZone next = records.withSerial(soa.getSerial());
    try {
      stored.save(next);
    } catch (DnssecException e) {
      // the previous SignedZone may be consumed by ZoneSigner.apply: sign anew on the next call
      current = null;
      unpublished = true;
      throw e;
    }
    unsigned = next;
    current = signed;
    restoredRefresh = null;
    publish(signed, why);
  }

  /**
   * Whether {@link #setKeys} was called: the zone is signed, or served as an earlier one signed.
   */
  boolean hasKeys() {
    lock.lock();
    try {
      return keys != null;
    } finally {
      lock.unlock();
    }
  }

  /** The digest of everything the signed zone would be made from with {@code setup}. */
  private String digest(KeySetup setup) {
    return PublicationReceipt.digest(
        setup.fingerprint(),
        unsigned.toText(),
        denial.toString(),
        validity.toString(),
        serialPolicy.name(),
        publisher.toString());
  }

  private List<Record> withKeys(UnsignedZone records, KeySetup setup) {
    List<Record> input = new ArrayList<>(records.records());
    input.addAll(setup.apexRecords(origin));
    return input;
  }

  private void publish(SignedZone signed, String why) throws ZonePublishException {
    unpublished = true;
    List<Record> records = signed.records();
    long serial = ((SOARecord) records.get(0)).getSerial();
    try {
      publisher.publish(signed, published);
    } catch (ZonePublishException e) {
      emit(
          "dnssec.zone.publish-failed",
          Map.of(
              "serial",
              Long.toString(serial),
              "reason",
              why,
              "error",
              String.valueOf(e.getMessage())));
      throw e;
    } catch (RuntimeException e) {
      emit(
          "dnssec.zone.publish-failed",
          Map.of("serial", Long.toString(serial), "reason", why, "error", e.toString()));
      throw new ZonePublishException("zone " + origin + ": " + publisher + " failed: " + e, e);
    }
    published = records;
    unpublished = false;
    KeySetup k = keys;
    Optional<Instant> due = dueTime(signed);
    if (k != null && due.isPresent()) {
      try {
        receipt.write(digest(k), due.get());
      } catch (StateStoreException e) {
        LOG.warn("{}: published, but the receipt could not be stored: {}", origin, e.getMessage());
      }
    }
    emit(
        "dnssec.zone.published",
        Map.of(
            "serial",
            Long.toString(serial),
            "reason",
            why,
            "records",
            Integer.toString(records.size())));
  }

  private void emit(String type, Map<String, String> attributes) {
    try {
      events.onEvent(new ZoneTrustEvent(clock.instant(), type, origin.toString(), attributes));
    } catch (RuntimeException e) {
      // a faulty listener never breaks an operation (EventListener's contract)
    }
  }

  private void checkTtls(List<Record> records, String where) throws DnssecException {
    for (Record r : records) {
      String problem = ttlProblem(r);
      if (problem != null) {
        throw new DnssecException(
            "zone "
                + origin
                + " ("
                + where
                + "): "
                + problem
                + ": lower the record's TTL or raise the limit");
      }
    }
  }

  /** Why {@code r}'s TTL is above {@link #maxTtl}, or null if it is not. */
  private @Nullable String ttlProblem(Record r) {
    Duration limit = maxTtl;
    if (limit == null || r.getTTL() <= limit.toSeconds()) {
      return null;
    }
    return "the TTL of "
        + r
        + " is above the zone's largest TTL of "
        + limit.toSeconds()
        + " s, which key rollovers rely on";
  }

  private void checkZone(UnsignedZone zone) throws DnssecException {
    ZoneChecks.check(origin, zone.records(), i -> "record " + zone.records().get(i));
  }

  private ZoneSigner signerFor(KeySetup setup) throws DnssecException {
    try {
      return ZoneSigner.builder()
          .keys(setup.signers())
          .clock(clock)
          .denial(denial)
          .validity(validity)
          .serialPolicy(serialPolicy)
          .build();
    } catch (IllegalStateException e) {
      throw new DnssecException(
          "zone " + origin + ": the key setup cannot sign: " + e.getMessage(), e);
    }
  }

  private DnsUpdateException failure(
      DnsUpdateException.Reason reason,
      @Nullable String rcode,
      @Nullable String message,
      @Nullable Throwable cause) {
    return new DnsUpdateException(
        origin.toString(), NOT_A_SERVER, reason, rcode, String.valueOf(message), cause);
  }

  private static int typeOf(DnsChange c) {
    if (c instanceof DnsChange.Add a) {
      return a.record().getType();
    } else if (c instanceof DnsChange.Delete d) {
      return d.record().getType();
    } else if (c instanceof DnsChange.DeleteRRset d) {
      return d.type();
    }
    return -1;
  }
}
