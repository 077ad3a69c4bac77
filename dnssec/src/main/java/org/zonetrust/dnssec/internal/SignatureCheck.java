package org.zonetrust.dnssec.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.DNSSEC;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Record;

/** Checks the RRSIGs of one RRset against the zone's apex DNSKEY RRset. */
final class SignatureCheck {
  private final Name origin;
  private final Instant now;
  private final Problems problems;
  private final Map<Integer, List<DNSKEYRecord>> keysByTag = new HashMap<>();
  private final Set<Integer> algorithms = new TreeSet<>();
  private int signaturesChecked;

  SignatureCheck(Name origin, List<Record> dnskeys, Instant now, Problems problems) {
    this.origin = origin;
    this.now = now;
    this.problems = problems;
    for (Record r : dnskeys) {
      if (r instanceof DNSKEYRecord key && (key.getFlags() & DNSKEYRecord.Flags.ZONE_KEY) != 0) {
        keysByTag.computeIfAbsent(key.getFootprint(), t -> new ArrayList<>()).add(key);
        algorithms.add(key.getAlgorithm());
      }
    }
  }

  int signaturesChecked() {
    return signaturesChecked;
  }

  boolean hasKeys() {
    return !algorithms.isEmpty();
  }

  /**
   * Checks an authoritative RRset: every signature by an apex key must verify and be in its window,
   * and every key algorithm must have at least one good signature.
   *
   * @return true if some signature came from a key with the SEP flag (whether it verified or not: a
   *     failing one is reported on its own)
   */
  boolean check(Name owner, int type, List<Record> records, List<RRSIGRecord> sigs) {
    RRset rrset = new RRset();
    records.forEach(rrset::addRR);
    Set<Integer> good = new TreeSet<>();
    Set<Integer> unknownTags = new TreeSet<>();
    boolean bySep = false;
    for (RRSIGRecord sig : sigs) {
      if (!sig.getSigner().equals(origin)) {
        problems.add(owner, type, "RRSIG signer " + sig.getSigner() + " is not the zone " + origin);
        continue;
      }
      List<DNSKEYRecord> candidates = new ArrayList<>();
      for (DNSKEYRecord key : keysByTag.getOrDefault(sig.getFootprint(), List.of())) {
        if (key.getAlgorithm() == sig.getAlgorithm()) {
          candidates.add(key);
        }
      }
      if (candidates.isEmpty()) {
        unknownTags.add(sig.getFootprint());
        continue;
      }
      signaturesChecked++;
      DNSSEC.@Nullable DNSSECException failure = null;
      @Nullable DNSKEYRecord signer = null;
      for (DNSKEYRecord key : candidates) {
        try {
          DNSSEC.verify(rrset, sig, key, now);
          signer = key;
          break;
        } catch (DNSSEC.DNSSECException e) {
          failure = e;
        }
      }
      for (DNSKEYRecord key : candidates) {
        bySep |= (key.getFlags() & DNSKEYRecord.Flags.SEP_KEY) != 0;
      }
      if (signer != null) {
        good.add(sig.getAlgorithm());
      } else {
        problems.add(owner, type, describe(sig) + " " + reason(failure, sig));
      }
    }
    for (int algorithm : algorithms) {
      if (!good.contains(algorithm)) {
        String message = "no valid signature by a key of algorithm " + algorithm;
        if (!unknownTags.isEmpty()) {
          message +=
              " (signatures by key tags " + unknownTags + " that are not in the DNSKEY RRset)";
        }
        problems.add(owner, type, message);
      }
    }
    return bySep;
  }

  private static String describe(RRSIGRecord sig) {
    return "RRSIG by key " + sig.getFootprint() + " (algorithm " + sig.getAlgorithm() + ")";
  }

  private String reason(DNSSEC.@Nullable DNSSECException e, RRSIGRecord sig) {
    if (e instanceof DNSSEC.SignatureExpiredException x) {
      return "expired at " + x.getExpiration() + " (now " + now + ")";
    }
    if (e instanceof DNSSEC.SignatureNotYetValidException) {
      return "is not valid before " + sig.getTimeSigned() + " (now " + now + ")";
    }
    if (e instanceof DNSSEC.SignatureVerificationException) {
      return "does not verify";
    }
    return "fails: " + (e == null ? "no key" : e.getMessage());
  }
}
