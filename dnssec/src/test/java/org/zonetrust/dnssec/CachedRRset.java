package org.zonetrust.dnssec;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.DNSSEC;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * One version of one RRset as a resolver caches it: the records, the RRSIGs over them fetched
 * together, and the TTL. Remembers which of its signatures verify cryptographically with which key
 * (the time check is made per instant, from the RRSIG's inception and expiration).
 */
final class CachedRRset {
  private final Name name;
  private final int type;
  private final List<Record> records;
  private final List<RRSIGRecord> sigs;
  private final long ttl;
  private final String content;
  private final Map<RRSIGRecord, Map<DNSKEYRecord, Boolean>> verified = new IdentityHashMap<>();
  private final RRset rrset;

  CachedRRset(Name name, int type, List<Record> records, List<RRSIGRecord> sigs) {
    this.name = name;
    this.type = type;
    this.records = List.copyOf(records);
    this.sigs = List.copyOf(sigs);
    this.ttl = records.stream().mapToLong(Record::getTTL).max().orElse(0);
    this.content =
        ttl
            + "\n"
            + records.stream().map(Record::toString).sorted().collect(Collectors.joining("\n"))
            + "\n"
            + sigs.stream().map(Record::toString).sorted().collect(Collectors.joining("\n"));
    this.rrset = new RRset(records);
  }

  /** An absent RRset (no records, no signatures). */
  static CachedRRset absent(Name name, int type) {
    return new CachedRRset(name, type, List.of(), List.of());
  }

  boolean isAbsent() {
    return records.isEmpty();
  }

  Name name() {
    return name;
  }

  int type() {
    return type;
  }

  long ttl() {
    return ttl;
  }

  List<Record> records() {
    return records;
  }

  List<RRSIGRecord> sigs() {
    return sigs;
  }

  /** Same records, TTL and signatures (the text form, so TTL changes count). */
  boolean sameContent(CachedRRset other) {
    return content.equals(other.content);
  }

  /** The DNSKEY records of this RRset (empty unless it is a DNSKEY RRset). */
  List<DNSKEYRecord> dnskeys() {
    List<DNSKEYRecord> out = new ArrayList<>();
    for (Record r : records) {
      if (r instanceof DNSKEYRecord k) {
        out.add(k);
      }
    }
    return out;
  }

  /** Owner and type, e.g. {@code www.example.test./A}. */
  String label() {
    return name + "/" + Type.string(type);
  }

  /**
   * Tells whether {@code sig} (one of this RRset's) verifies with {@code key} cryptographically,
   * ignoring time; the answer is cached by record identity (hashing a record encodes it).
   */
  boolean cryptoValid(RRSIGRecord sig, DNSKEYRecord key) {
    return verified
        .computeIfAbsent(sig, s -> new IdentityHashMap<>())
        .computeIfAbsent(
            key,
            k -> {
              try {
                DNSSEC.verify(rrset, sig, key, sig.getTimeSigned());
                return true;
              } catch (DNSSEC.DNSSECException e) {
                return false;
              }
            });
  }

  /** {@code alg/tag} of every signature, sorted, e.g. {@code {13/4711, 13/815}}. */
  String signerTags() {
    return sigs.stream()
        .map(s -> s.getAlgorithm() + "/" + s.getFootprint())
        .distinct()
        .sorted(Comparator.naturalOrder())
        .collect(Collectors.joining(", ", "{", "}"));
  }
}
