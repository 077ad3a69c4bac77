package org.zonetrust.dnssec.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSOutput;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.Record;
import org.zonetrust.dnssec.DnssecException;
import org.zonetrust.dnssec.SignatureValidity;
import org.zonetrust.dnssec.SigningKey;

/**
 * Makes the RRSIG records of one signing run: one signing time, the validity window with its
 * deterministic per-RRset jitter, re-use of signatures that are still fresh.
 */
final class Rrsigs {
  private final Name origin;
  private final byte[] originWire;
  private final SignatureValidity validity;
  private final Instant now;
  private final Instant inception;
  private final Instant latestExpiration;
  private final long jitterSeconds;

  Rrsigs(Name origin, SignatureValidity validity, Instant now) {
    this.origin = origin;
    this.originWire = origin.toWireCanonical();
    this.validity = validity;
    this.now = Instant.ofEpochSecond(now.getEpochSecond());
    this.inception = this.now.minus(validity.inceptionOffset());
    this.latestExpiration = this.now.plus(validity.validity());
    this.jitterSeconds = validity.jitter().toSeconds();
  }

  /**
   * Returns the signatures of an RRset by the given keys: for each key, its existing signature in
   * the entry if that is still fresh, else a new one.
   */
  List<RRSIGRecord> sign(Name owner, RRsetEntry e, List<SigningKey> keys) throws DnssecException {
    List<RRSIGRecord> out = new ArrayList<>(keys.size());
    for (SigningKey key : keys) {
      RRSIGRecord kept = reusable(e, key);
      out.add(kept != null ? kept : make(owner, e, key));
    }
    return out;
  }

  /** Tells whether the entry's signatures are exactly one fresh one per key. */
  boolean covered(RRsetEntry e, List<SigningKey> keys) {
    if (e.sigs().size() != keys.size()) {
      return false;
    }
    for (SigningKey key : keys) {
      if (reusable(e, key) == null) {
        return false;
      }
    }
    return true;
  }

  private @Nullable RRSIGRecord reusable(RRsetEntry e, SigningKey key) {
    for (RRSIGRecord s : e.sigs()) {
      if (s.getAlgorithm() == key.algorithm().code()
          && s.getFootprint() == key.keyTag()
          && s.getOrigTTL() == e.ttl()
          && s.getSigner().equals(origin)
          && !s.getTimeSigned().isAfter(now)
          && s.getExpire().getEpochSecond() - now.getEpochSecond()
              > validity.refresh().toSeconds()) {
        return s;
      }
    }
    return null;
  }

  private RRSIGRecord make(Name owner, RRsetEntry e, SigningKey key) throws DnssecException {
    byte[] ownerWire = owner.toWireCanonical();
    Instant expiration = latestExpiration.minusSeconds(jitter(ownerWire, e.type()));
    byte[] signature =
        key.sign(
            dataToSign(
                owner,
                ownerWire,
                e,
                key.algorithm().code(),
                expiration.getEpochSecond(),
                inception.getEpochSecond(),
                key.keyTag()));
    return new RRSIGRecord(
        owner,
        DClass.IN,
        e.ttl(),
        e.type(),
        key.algorithm().code(),
        e.ttl(),
        expiration,
        inception,
        key.keyTag(),
        origin,
        signature);
  }

  /**
   * The signed data of RFC 4034 section 3.1.8.1: the RRSIG RDATA without signature, then the RRs
   * (owner, type, class, original TTL, RDATA, all in canonical form; the records of an entry are in
   * canonical form and order already).
   */
  byte[] dataToSign(
      Name owner,
      byte[] ownerWire,
      RRsetEntry e,
      int algorithm,
      long expiration,
      long inception,
      int keyTag) {
    int labels = owner.labels() - 1 - (owner.isWild() ? 1 : 0);
    DNSOutput out = new DNSOutput(64 + originWire.length + e.records().size() * 64);
    out.writeU16(e.type());
    out.writeU8(algorithm);
    out.writeU8(labels);
    out.writeU32(e.ttl());
    out.writeU32(expiration);
    out.writeU32(inception);
    out.writeU16(keyTag);
    out.writeByteArray(originWire);
    for (Record r : e.records()) {
      out.writeByteArray(ownerWire);
      out.writeU16(r.getType());
      out.writeU16(r.getDClass());
      out.writeU32(e.ttl());
      byte[] rdata = r.rdataToWireCanonical();
      out.writeU16(rdata.length);
      out.writeByteArray(rdata);
    }
    return out.toByteArray();
  }

  /**
   * The deterministic jitter of an RRset: FNV-1a over the owner (canonical wire form), the type and
   * the inception time, reduced to {@code [0, jitter]} seconds.
   */
  long jitter(byte[] ownerWire, int type) {
    if (jitterSeconds == 0) {
      return 0;
    }
    long h = 0xcbf29ce484222325L;
    for (byte b : ownerWire) {
      h = (h ^ (b & 0xff)) * 0x100000001b3L;
    }
    long extra = ((long) type << 32) ^ inception.getEpochSecond();
    for (int i = 0; i < 8; i++) {
      h = (h ^ ((extra >>> (8 * i)) & 0xff)) * 0x100000001b3L;
    }
    return Long.remainderUnsigned(h, jitterSeconds + 1);
  }
}
