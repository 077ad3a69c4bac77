package org.zonetrust.dnssec.internal;

import java.time.Instant;
import java.util.List;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;
import org.zonetrust.dnssec.DnssecException;
import org.zonetrust.dnssec.VerificationReport;

/** One run of the zone verifier over one zone: signatures, delegations, then the denial chain. */
public final class VerificationRun {
  private final Name origin;
  private final List<Record> records;
  private final Instant now;
  private final boolean requireDenial;
  private final Problems problems = new Problems();

  /**
   * Prepares a run.
   *
   * @param origin the zone apex
   * @param records the signed zone
   * @param now the time at which signatures must be valid
   * @param requireDenial whether a zone without NSEC or NSEC3 is a problem
   */
  public VerificationRun(Name origin, List<Record> records, Instant now, boolean requireDenial) {
    this.origin = origin;
    this.records = records;
    this.now = now;
    this.requireDenial = requireDenial;
  }

  /**
   * Runs every check.
   *
   * @return the report with every problem found
   */
  public VerificationReport run() {
    recordChecks();
    ZoneIndex zone = new ZoneIndex(origin, records);
    ZoneIndex.Node apex = zone.apex();
    SignatureCheck signatures = new SignatureCheck(origin, apex.rrset(Type.DNSKEY), now, problems);
    int rrsets = 0;
    if (!signatures.hasKeys()) {
      problems.add(origin, Type.DNSKEY, "no zone keys at the apex: the zone is not signed");
    }
    for (ZoneIndex.Node node : zone.nodes()) {
      Name cut = zone.occludingCut(node.name);
      if (cut != null) {
        occluded(node, cut);
        continue;
      }
      boolean isCut = zone.isCut(node.name);
      for (var e : node.rrsets.entrySet()) {
        int type = e.getKey();
        List<RRSIGRecord> sigs = node.sigs.getOrDefault(type, List.of());
        if (isCut && type != Type.DS && type != Type.NSEC) {
          if (!sigs.isEmpty()) {
            problems.add(
                node.name,
                type,
                type == Type.NS
                    ? "the NS RRset of a delegation must not be signed"
                    : "data at a delegation point is glue and must not be signed");
          }
          continue;
        }
        rrsets++;
        boolean bySep = signatures.check(node.name, type, e.getValue(), sigs);
        if (type == Type.DNSKEY && node.name.equals(origin) && signatures.hasKeys() && !bySep) {
          problems.add(
              node.name,
              type,
              "the DNSKEY RRset is not signed by any key with the SEP flag (a KSK or CSK, flags"
                  + " 257)");
        }
      }
      for (int covered : node.sigs.keySet()) {
        if (!node.rrsets.containsKey(covered)) {
          problems.add(
              node.name,
              Type.RRSIG,
              "RRSIG covers " + Type.string(covered) + " but there is no such RRset here");
        }
      }
    }
    String denial = new DenialCheck(zone, requireDenial, problems).run();
    return new VerificationReport(
        origin, denial, problems.list(), rrsets, signatures.signaturesChecked());
  }

  private void occluded(ZoneIndex.Node node, Name cut) {
    if (!node.sigs.isEmpty()) {
      problems.add(
          node.name,
          Type.RRSIG,
          "occluded data below the delegation " + cut + " (glue) must not be signed");
    }
    if (node.has(Type.NSEC)) {
      problems.add(
          node.name,
          Type.NSEC,
          "occluded name below the delegation " + cut + " must not have an NSEC record");
    }
  }

  private void recordChecks() {
    try {
      ZoneChecks.check(origin, records, i -> "record " + (i + 1));
    } catch (ZoneCheckException e) {
      int i = e.index();
      Record r = i >= 0 ? records.get(i) : null;
      problems.add(
          r != null ? r.getName() : origin, r != null ? r.getType() : Type.SOA, e.detail());
    } catch (DnssecException e) {
      problems.add(origin, Type.SOA, String.valueOf(e.getMessage()));
    }
  }
}
