package org.zonetrust.dnssec;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * An independent judge of key rollovers: it is fed every publication of a child zone and every
 * change of its DS RRset at the parent, and at any instant checks every combination of cached views
 * that some validating resolver may hold. It uses no key-manager code, only dnsjava's DS digest and
 * signature verification.
 *
 * <p>The model:
 *
 * <ul>
 *   <li>Each RRset version published at {@code t0} and superseded at {@code t1} may be held in a
 *       resolver cache at any {@code at} with {@code t0 <= at < t1 + delay + TTL + margin}, where
 *       delay is the child's propagation delay (the previous version can still be fetched fresh
 *       from a lagging server that long) or the parent's, and TTL is that version's own TTL. The
 *       newest version published at or before {@code at} is always possible; no version is visible
 *       before it is published.
 *   <li>Versions are kept separately for the parent's DS RRset (TTL given to {@link
 *       #parentPublished}; for an empty set pass the parent's negative-caching TTL), the child's
 *       DNSKEY RRset with its RRSIGs, and every other authoritative RRset of the child with its
 *       RRSIGs (SOA, apex NS, CDS, CDNSKEY, data, NSEC/NSEC3, DS at delegations; not delegation NS
 *       or glue). A change of records, TTL or signatures makes a new version.
 *   <li>Every combination (DS version x DNSKEY version x version of one data RRset) must validate
 *       strictly (like Unbound's {@code harden-algo-downgrade}): for every algorithm of the DS set
 *       a zone key of the DNSKEY RRset matches a DS of that algorithm (digest recomputed) and has a
 *       valid RRSIG over the DNSKEY RRset, and some key of that algorithm in the DNSKEY RRset has a
 *       valid RRSIG over the data RRset. Valid means verified by {@code DNSSEC.verify} and {@code
 *       inception <= at <= expiration}, so a signature that expires while still cacheable fails.
 *   <li>An empty DS set is an insecure delegation and needs nothing, but one that follows a
 *       non-empty DS version is itself a violation unless {@link #allowInsecure} was set (a planned
 *       move to insecure).
 * </ul>
 *
 * <p>When to report a publication: {@link #childPublished} and {@link #parentPublished} mark the
 * start of a version's window and the end of the previous one's. Reporting the instant the last
 * server serves a change (as a key manager confirms it) is what the delay covers only for the old
 * version; a new version is then taken as invisible until that instant. Reporting the instant the
 * first server serves it (the moment of the change at the primary) is the more conservative use:
 * the delay then covers the servers that lag.
 *
 * <p>Reduction: each data RRset is judged on its own against each DNSKEY and DS version (a resolver
 * validates RRsets one by one), so the combinations grow with the sum, not the product, of the data
 * versions. Crypto results are cached per (signature, key) by record identity; DNSKEY records are
 * shared between versions with the same text, so a new DNSKEY RRSIG does not re-verify the data.
 *
 * <p>Not thread-safe. Publications must come in time order (per side); {@link #check} may be called
 * at any instant, in any order.
 */
final class ResolverCacheChecker {
  private final Name zone;
  private final Duration childDelay;
  private final Duration parentDelay;
  private final Duration margin;
  private boolean allowInsecure;
  private final List<Version<Set<DSRecord>>> ds = new ArrayList<>();
  private final List<Version<CachedRRset>> dnskey = new ArrayList<>();
  private final Map<String, List<Version<CachedRRset>>> data = new TreeMap<>();
  private final StrictValidator validator = new StrictValidator();
  private final List<Violation> violations = new ArrayList<>();
  // one instance per DNSKEY text, so that verification caches keyed by identity hit across versions
  private final Map<String, Record> keyInstances = new HashMap<>();

  ResolverCacheChecker(
      Name zone, Duration childPropagationDelay, Duration parentPropagationDelay, Duration margin) {
    this.zone = Objects.requireNonNull(zone, "zone");
    this.childDelay = Objects.requireNonNull(childPropagationDelay, "childPropagationDelay");
    this.parentDelay = Objects.requireNonNull(parentPropagationDelay, "parentPropagationDelay");
    this.margin = Objects.requireNonNull(margin, "margin");
  }

  /** Accepts empty DS views after secure ones (a planned move to insecure); default false. */
  ResolverCacheChecker allowInsecure(boolean allow) {
    this.allowInsecure = allow;
    return this;
  }

  /** A publication of the whole signed child zone, served by some server from {@code at}. */
  void childPublished(Instant at, List<Record> signedZone) {
    Map<String, List<Record>> sets = new LinkedHashMap<>();
    Map<String, List<RRSIGRecord>> sigs = new LinkedHashMap<>();
    Map<String, Record> firsts = new LinkedHashMap<>();
    Set<Name> cuts = new HashSet<>();
    for (Record r : signedZone) {
      if (r.getType() == Type.NS && !r.getName().equals(zone)) {
        cuts.add(r.getName());
      }
    }
    for (Record r : signedZone) {
      if (r.getDClass() != DClass.IN || !authoritative(r, cuts)) {
        continue;
      }
      if (r instanceof RRSIGRecord s) {
        sigs.computeIfAbsent(key(r.getName(), s.getTypeCovered()), k -> new ArrayList<>()).add(s);
      } else {
        String k = key(r.getName(), r.getType());
        Record same =
            r.getType() == Type.DNSKEY ? keyInstances.computeIfAbsent(r.toString(), x -> r) : r;
        sets.computeIfAbsent(k, x -> new ArrayList<>()).add(same);
        firsts.putIfAbsent(k, r);
      }
    }
    String apexDnskey = key(zone, Type.DNSKEY);
    CachedRRset keys =
        sets.containsKey(apexDnskey)
            ? new CachedRRset(
                zone, Type.DNSKEY, sets.get(apexDnskey), sigs.getOrDefault(apexDnskey, List.of()))
            : CachedRRset.absent(zone, Type.DNSKEY);
    supersede(dnskey, at, keys, childDelay);
    Set<String> names = new LinkedHashSet<>(data.keySet());
    names.addAll(sets.keySet());
    names.remove(apexDnskey);
    for (String k : names) {
      Record first = firsts.get(k);
      List<Version<CachedRRset>> track = data.computeIfAbsent(k, x -> new ArrayList<>());
      CachedRRset v =
          first == null
              ? CachedRRset.absent(track.get(0).content.name(), track.get(0).content.type())
              : new CachedRRset(
                  first.getName(), first.getType(), sets.get(k), sigs.getOrDefault(k, List.of()));
      supersede(track, at, v, childDelay);
    }
  }

  /**
   * A change of the DS RRset at the parent, at the instant every parent server serves it.
   *
   * @param ds the DS records (empty: insecure delegation)
   * @param dsTtlSeconds the DS TTL, or the parent's negative-caching TTL for an empty set
   */
  void parentPublished(Instant at, Set<DSRecord> ds, long dsTtlSeconds) {
    Set<DSRecord> copy = Set.copyOf(ds);
    if (!this.ds.isEmpty()) {
      Version<Set<DSRecord>> last = this.ds.get(this.ds.size() - 1);
      if (last.content.equals(copy) && last.ttl == dsTtlSeconds) {
        return;
      }
      requireOrder(last, at);
      last.supersede(at, margin);
    }
    this.ds.add(new Version<>(at, copy, dsTtlSeconds, parentDelay));
  }

  /** Checks every combination of views a resolver may hold at {@code at}; records what fails. */
  List<Violation> check(Instant at) {
    Set<String> found = new LinkedHashSet<>();
    List<Version<CachedRRset>> keyViews = possible(dnskey, at);
    for (Version<Set<DSRecord>> d : possible(ds, at)) {
      String dsView = "DS " + dsTags(d.content) + " (parent, published " + d.published + ")";
      if (d.content.isEmpty()) {
        Version<Set<DSRecord>> secure = earlierSecure(d);
        if (secure != null && !allowInsecure) {
          found.add(
              dsView
                  + ": insecure delegation after the secure DS "
                  + dsTags(secure.content)
                  + " published "
                  + secure.published);
        }
        continue;
      }
      if (keyViews.isEmpty()) {
        found.add(dsView + " | no child zone published: no DNSKEY RRset");
      }
      SortedSet<Integer> algorithms = StrictValidator.algorithms(d.content);
      for (Version<CachedRRset> k : keyViews) {
        String keyView =
            dsView
                + " | DNSKEY "
                + StrictValidator.tags(k.content.dnskeys())
                + " signed by "
                + k.content.signerTags()
                + " (published "
                + k.published
                + ")";
        String chain = validator.chainFailure(d.content, k.content, at);
        if (chain != null) {
          found.add(keyView + ": " + chain);
          continue;
        }
        for (List<Version<CachedRRset>> track : data.values()) {
          for (Version<CachedRRset> v : possible(track, at)) {
            if (v.content.isAbsent()) {
              continue;
            }
            String why = validator.dataFailure(algorithms, k.content, v.content, at);
            if (why != null) {
              found.add(
                  keyView
                      + " | "
                      + v.content.label()
                      + " signed by "
                      + v.content.signerTags()
                      + " (published "
                      + v.published
                      + "): "
                      + why);
            }
          }
        }
      }
    }
    List<Violation> out = found.stream().map(s -> new Violation(at, s)).toList();
    violations.addAll(out);
    return out;
  }

  /** Every violation found by {@link #check} so far, in the order found. */
  List<Violation> violations() {
    return List.copyOf(violations);
  }

  /** A view some resolver may hold at {@code at} that does not validate. */
  record Violation(Instant at, String description) {
    @Override
    public String toString() {
      return at + ": " + description;
    }
  }

  private boolean authoritative(Record r, Set<Name> cuts) {
    Name name = r.getName();
    if (!name.subdomain(zone)) {
      return false;
    }
    int type = r instanceof RRSIGRecord s ? s.getTypeCovered() : r.getType();
    for (Name n = name; !n.equals(zone); n = new Name(n, 1)) {
      if (cuts.contains(n)) {
        return n.equals(name) && (type == Type.DS || type == Type.NSEC);
      }
    }
    return true;
  }

  private void supersede(
      List<Version<CachedRRset>> track, Instant at, CachedRRset next, Duration delay) {
    if (!track.isEmpty()) {
      Version<CachedRRset> last = track.get(track.size() - 1);
      if (last.content.sameContent(next)) {
        return;
      }
      requireOrder(last, at);
      last.supersede(at, margin);
    }
    track.add(new Version<>(at, next, next.ttl(), delay));
  }

  private static void requireOrder(Version<?> last, Instant at) {
    if (at.isBefore(last.published)) {
      throw new IllegalArgumentException(
          "publication at " + at + " is older than the last one at " + last.published);
    }
  }

  private Version<Set<DSRecord>> earlierSecure(Version<Set<DSRecord>> insecure) {
    Version<Set<DSRecord>> found = null;
    for (Version<Set<DSRecord>> v : ds) {
      if (v.published.isBefore(insecure.published) && !v.content.isEmpty()) {
        found = v;
      }
    }
    return found;
  }

  private static <T> List<Version<T>> possible(List<Version<T>> track, Instant at) {
    List<Version<T>> out = new ArrayList<>();
    for (Version<T> v : track) {
      if (!at.isBefore(v.published) && (v.until == null || at.isBefore(v.until))) {
        out.add(v);
      }
    }
    return out;
  }

  private static String key(Name name, int type) {
    return name + "/" + Type.string(type);
  }

  private static String dsTags(Set<DSRecord> set) {
    return set.stream()
        .map(d -> d.getAlgorithm() + "/" + d.getFootprint() + "/digest" + d.getDigestID())
        .sorted(Comparator.naturalOrder())
        .collect(Collectors.joining(", ", "{", "}"));
  }

  /** One version of an RRset and the time span in which a resolver may hold it. */
  private static final class Version<T> {
    final Instant published;
    final T content;
    final long ttl;
    final Duration delay;
    Instant until;

    Version(Instant published, T content, long ttl, Duration delay) {
      this.published = published;
      this.content = content;
      this.ttl = ttl;
      this.delay = delay;
    }

    void supersede(Instant at, Duration margin) {
      until = at.plus(delay).plusSeconds(ttl).plus(margin);
    }
  }
}
