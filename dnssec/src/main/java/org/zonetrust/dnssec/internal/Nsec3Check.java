package org.zonetrust.dnssec.internal;

import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.DClass;
import org.xbill.DNS.NSEC3PARAMRecord;
import org.xbill.DNS.NSEC3Record;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;
import org.xbill.DNS.utils.base16;
import org.xbill.DNS.utils.base32;

/**
 * Checks an NSEC3 chain (RFC 5155): parameters, one NSEC3 per name and empty non-terminal (opt-out
 * may leave out insecure delegations), hash order, a closed ring, and the type bitmaps.
 */
final class Nsec3Check {
  private static final base32 BASE32HEX = new base32(base32.Alphabet.BASE32HEX, false, false);

  private final ZoneIndex zone;
  private final Problems problems;

  Nsec3Check(ZoneIndex zone, Problems problems) {
    this.zone = zone;
    this.problems = problems;
  }

  /** One NSEC3 record with its decoded owner hash. */
  private static final class Hashed {
    private final byte[] hash;
    private final NSEC3Record record;

    Hashed(byte[] hash, NSEC3Record record) {
      this.hash = hash;
      this.record = record;
    }

    byte[] hash() {
      return hash;
    }

    NSEC3Record record() {
      return record;
    }
  }

  String run() {
    List<NSEC3Record> all = new ArrayList<>();
    for (ZoneIndex.Node node : zone.nodes()) {
      for (Record r : node.rrset(Type.NSEC3)) {
        all.add((NSEC3Record) r);
      }
    }
    NSEC3PARAMRecord params = params(all);
    if (params == null) {
      return "NSEC3";
    }
    boolean optOut = false;
    List<Hashed> ring = new ArrayList<>();
    Map<Name, NSEC3Record> byOwner = new HashMap<>();
    for (NSEC3Record r : all) {
      optOut |= (r.getFlags() & NSEC3Record.Flags.OPT_OUT) != 0;
      if (r.getHashAlgorithm() != params.getHashAlgorithm()
          || r.getIterations() != params.getIterations()
          || !Arrays.equals(r.getSalt(), params.getSalt())) {
        problems.add(
            r.getName(), Type.NSEC3, "NSEC3 parameters differ from the apex NSEC3PARAM " + params);
      }
      byte[] hash = ownerHash(r);
      if (hash == null) {
        problems.add(
            r.getName(), Type.NSEC3, "NSEC3 owner is not a base32hex hash directly below the apex");
        continue;
      }
      if (byOwner.put(r.getName(), r) != null) {
        problems.add(r.getName(), Type.NSEC3, "more than one NSEC3 record at this hashed owner");
        continue;
      }
      ring.add(new Hashed(hash, r));
    }
    ring.sort((a, b) -> Arrays.compareUnsigned(a.hash(), b.hash()));
    checkRing(ring);
    Set<Name> matched = checkNames(params, byOwner, ring);
    for (Hashed h : ring) {
      if (!matched.contains(h.record().getName())) {
        problems.add(h.record().getName(), Type.NSEC3, "NSEC3 record matches no name of the zone");
      }
    }
    return optOut ? "NSEC3 opt-out" : "NSEC3";
  }

  private @Nullable NSEC3PARAMRecord params(List<NSEC3Record> all) {
    List<Record> list = zone.apex().rrset(Type.NSEC3PARAM);
    if (!list.isEmpty()) {
      NSEC3PARAMRecord p = (NSEC3PARAMRecord) list.get(0);
      if (p.getHashAlgorithm() != NSEC3Record.SHA1_DIGEST_ID) {
        problems.add(
            zone.origin, Type.NSEC3PARAM, "unknown NSEC3 hash algorithm " + p.getHashAlgorithm());
        return null;
      }
      if (p.getFlags() != 0) {
        problems.add(
            zone.origin, Type.NSEC3PARAM, "NSEC3PARAM flags must be 0, not " + p.getFlags());
      }
      return p;
    }
    problems.add(zone.origin, Type.NSEC3PARAM, "NSEC3 records but no NSEC3PARAM at the apex");
    if (all.isEmpty() || all.get(0).getHashAlgorithm() != NSEC3Record.SHA1_DIGEST_ID) {
      return null;
    }
    NSEC3Record first = all.get(0);
    return new NSEC3PARAMRecord(
        zone.origin,
        DClass.IN,
        0,
        first.getHashAlgorithm(),
        0,
        first.getIterations(),
        first.getSalt());
  }

  private byte @Nullable [] ownerHash(NSEC3Record r) {
    Name owner = r.getName();
    if (owner.labels() != zone.origin.labels() + 1 || !owner.subdomain(zone.origin)) {
      return null;
    }
    byte[] hash = BASE32HEX.fromString(owner.getLabelString(0));
    return hash == null || hash.length == 0 ? null : hash;
  }

  private void checkRing(List<Hashed> ring) {
    for (int i = 0; i < ring.size(); i++) {
      NSEC3Record r = ring.get(i).record();
      byte[] next = ring.get((i + 1) % ring.size()).hash();
      if (!Arrays.equals(r.getNext(), next)) {
        problems.add(
            r.getName(),
            Type.NSEC3,
            "NSEC3 next hashed owner is "
                + BASE32HEX.toString(r.getNext())
                + ", expected "
                + BASE32HEX.toString(next)
                + ": the chain is not ordered or not closed");
      }
    }
  }

  /** Checks every name and empty non-terminal; returns the NSEC3 owners that matched a name. */
  private Set<Name> checkNames(
      NSEC3PARAMRecord params, Map<Name, NSEC3Record> byOwner, List<Hashed> ring) {
    // every name that needs an NSEC3, mapped to whether opt-out may leave it out
    Map<Name, Boolean> names = new LinkedHashMap<>();
    Map<Name, ZoneIndex.Node> nodes = new HashMap<>();
    Set<Name> requiredEnts = new HashSet<>();
    for (ZoneIndex.Node node : zone.chainNodes()) {
      boolean insecure = zone.isCut(node.name) && !node.has(Type.DS);
      names.put(node.name, insecure);
      nodes.put(node.name, node);
      for (Name p = ZoneIndex.parent(node.name);
          p != null && p.subdomain(zone.origin) && !p.equals(zone.origin);
          p = ZoneIndex.parent(p)) {
        ZoneIndex.Node above = zone.node(p);
        if (above == null || above.rrsets.isEmpty()) {
          names.putIfAbsent(p, true);
          if (!insecure) {
            requiredEnts.add(p);
          }
        }
      }
    }
    requiredEnts.forEach(ent -> names.put(ent, false));
    Set<Name> matched = new HashSet<>();
    for (Map.Entry<Name, Boolean> e : names.entrySet()) {
      Name name = e.getKey();
      byte[] hash = hash(params, name);
      Name owner = hashedOwner(hash);
      NSEC3Record r = byOwner.get(owner);
      ZoneIndex.Node node = nodes.get(name);
      if (r == null) {
        missing(name, hash, ring, e.getValue(), node == null);
        continue;
      }
      matched.add(owner);
      Set<Integer> want = new TreeSet<>();
      if (node != null) {
        want.addAll(zone.authoritativeTypes(node));
        if (zone.hasSignedData(node)) {
          want.add(Type.RRSIG);
        }
      }
      DenialCheck.checkBitmap(problems, new ZoneIndex.Node(name), Type.NSEC3, r.getTypes(), want);
    }
    return matched;
  }

  private void missing(Name name, byte[] hash, List<Hashed> ring, boolean mayOptOut, boolean ent) {
    String what = ent ? "empty non-terminal" : "name";
    if (!mayOptOut) {
      problems.add(
          name,
          Type.NSEC3,
          "no NSEC3 record for this " + what + " (hash " + BASE32HEX.toString(hash) + ")");
      return;
    }
    Hashed covering = covering(hash, ring);
    if (covering == null || (covering.record().getFlags() & NSEC3Record.Flags.OPT_OUT) == 0) {
      problems.add(
          name,
          Type.NSEC3,
          (ent ? "empty non-terminal above insecure delegations" : "insecure delegation")
              + " without NSEC3 is not covered by an opt-out NSEC3 record");
    }
  }

  private static @Nullable Hashed covering(byte[] hash, List<Hashed> ring) {
    Hashed before = null;
    for (Hashed h : ring) {
      if (Arrays.compareUnsigned(h.hash(), hash) < 0) {
        before = h;
      }
    }
    return before != null ? before : ring.isEmpty() ? null : ring.get(ring.size() - 1);
  }

  private Name hashedOwner(byte[] hash) {
    try {
      return Name.fromString(BASE32HEX.toString(hash), zone.origin);
    } catch (org.xbill.DNS.TextParseException e) {
      throw new IllegalStateException("base32hex label did not parse: " + base16.toString(hash), e);
    }
  }

  private static byte[] hash(NSEC3PARAMRecord params, Name name) {
    try {
      return params.hashName(name);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is missing from this JVM", e);
    }
  }
}
