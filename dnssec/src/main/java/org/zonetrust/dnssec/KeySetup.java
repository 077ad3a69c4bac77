package org.zonetrust.dnssec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * The keys a zone is signed and published with at one moment of its key life cycle; the key manager
 * hands one to {@link ManagedSignedZone#setKeys} on every key change.
 *
 * <p>The DNSKEY, CDS and CDNSKEY RRsets are published with {@code dnskeyTtl}, whatever TTL the
 * given records or the keys' own DNSKEY records carry.
 *
 * @param signers the keys that sign, by role: KSK and CSK sign the DNSKEY, CDS and CDNSKEY RRsets,
 *     ZSK and CSK the rest (the rules of {@link ZoneSigner}); their DNSKEY records are published
 * @param publishedOnly DNSKEY records published without signing anything (pre-published or retiring
 *     keys)
 * @param cds CDS and CDNSKEY records to publish at the apex (may be empty; the RFC 8078 delete form
 *     {@code 0 0 0 00} / {@code 0 3 0 AA==} is allowed)
 * @param dnskeyTtl the TTL of the DNSKEY, CDS and CDNSKEY RRsets
 */
public record KeySetup(
    List<SigningKey> signers,
    List<DNSKEYRecord> publishedOnly,
    List<Record> cds,
    Duration dnskeyTtl) {

  /**
   * Validates and copies.
   *
   * @param signers see the record component
   * @param publishedOnly see the record component
   * @param cds see the record component
   * @param dnskeyTtl see the record component
   * @throws IllegalArgumentException if there is no signer, a CDS list entry is neither CDS nor
   *     CDNSKEY, or the TTL is negative or above 2<sup>31</sup>-1 seconds
   */
  public KeySetup {
    signers = List.copyOf(signers);
    publishedOnly = List.copyOf(publishedOnly);
    cds = List.copyOf(cds);
    Objects.requireNonNull(dnskeyTtl, "dnskeyTtl");
    if (signers.isEmpty()) {
      throw new IllegalArgumentException("a KeySetup needs at least one signing key");
    }
    for (Record r : cds) {
      if (r.getType() != Type.CDS && r.getType() != Type.CDNSKEY) {
        throw new IllegalArgumentException("not a CDS or CDNSKEY record: " + r);
      }
    }
    if (dnskeyTtl.isNegative() || dnskeyTtl.toSeconds() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "dnskeyTtl must be 0 to 2147483647 seconds, not " + dnskeyTtl);
    }
  }

  /**
   * Creates a setup of signing keys alone: no pre-published keys, no CDS.
   *
   * @param signers the signing keys
   * @param dnskeyTtl the TTL of the DNSKEY RRset
   * @return the setup
   */
  public static KeySetup of(List<SigningKey> signers, Duration dnskeyTtl) {
    return new KeySetup(signers, List.of(), List.of(), dnskeyTtl);
  }

  /**
   * The apex records this setup publishes besides the signatures: the signers' and the published
   * only DNSKEY records and the CDS and CDNSKEY records, all owned by {@code origin} with {@link
   * #dnskeyTtl}.
   */
  List<Record> apexRecords(Name origin) {
    long ttl = dnskeyTtl.toSeconds();
    List<Record> out = new ArrayList<>();
    for (SigningKey k : signers) {
      out.add(withTtl(origin, k.dnskey(), ttl));
    }
    for (DNSKEYRecord k : publishedOnly) {
      out.add(withTtl(origin, k, ttl));
    }
    for (Record r : cds) {
      out.add(withTtl(origin, r, ttl));
    }
    return out;
  }

  /** A text that is equal for two setups that publish and sign exactly the same way. */
  String fingerprint() {
    StringBuilder s = new StringBuilder().append(dnskeyTtl.toSeconds());
    signers.stream()
        .map(k -> k.role() + " " + k.dnskey().rdataToString())
        .sorted()
        .forEach(t -> s.append('|').append(t));
    s.append("|published");
    publishedOnly.stream()
        .map(Record::rdataToString)
        .sorted()
        .forEach(t -> s.append('|').append(t));
    s.append("|cds");
    cds.stream()
        .map(r -> r.getType() + " " + r.rdataToString())
        .sorted()
        .forEach(t -> s.append('|').append(t));
    return s.toString();
  }

  private static Record withTtl(Name origin, Record r, long ttl) {
    if (!r.getName().equals(origin)) {
      throw new IllegalArgumentException(r + " is not owned by the zone apex " + origin);
    }
    return Record.newRecord(origin, r.getType(), r.getDClass(), ttl, r.rdataToWireCanonical());
  }
}
