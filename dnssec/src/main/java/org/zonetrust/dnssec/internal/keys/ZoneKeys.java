package org.zonetrust.dnssec.internal.keys;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.zonetrust.dnssec.RecordState;
import org.zonetrust.dnssec.RolloverTimeline.RecordKind;

/**
 * Everything the engine knows about one zone: its keys, the live versions of each record family
 * (oldest first; a version stays until no resolver can hold it any more), a DS change awaited at
 * the parent, and whether the zone was ever secure at the parent.
 *
 * @param keys the managed keys
 * @param dnskey live versions of the DNSKEY RRset with its signers
 * @param data live versions of the set of keys signing zone data
 * @param ds live versions of the DS RRset, as confirmed at the parent
 * @param pending the DS set requested and not yet confirmed, or null
 * @param everSecure true once a non-empty DS set was confirmed
 * @param goInsecure true when the operator asked to make the zone insecure
 * @param unpublished the instant of a decision whose DNSKEY and data versions are stored but not
 *     yet published (they are stamped with the real publication time once it succeeds), or null
 */
public record ZoneKeys(
    List<KeyEntry> keys,
    List<Version> dnskey,
    List<Version> data,
    List<Version> ds,
    @Nullable PendingDs pending,
    boolean everSecure,
    boolean goInsecure,
    @Nullable Instant unpublished) {

  /**
   * Copies the lists.
   *
   * @param keys keys
   * @param dnskey DNSKEY versions
   * @param data data-signer versions
   * @param ds DS versions
   * @param pending awaited DS, or null
   * @param everSecure whether a DS was ever confirmed
   * @param goInsecure whether the zone is being made insecure
   * @param unpublished decision awaiting publication, or null
   */
  public ZoneKeys {
    keys = List.copyOf(keys);
    dnskey = List.copyOf(dnskey);
    data = List.copyOf(data);
    ds = List.copyOf(ds);
  }

  /**
   * Finds a key.
   *
   * @param id its identifier
   * @return the key, if managed
   */
  public Optional<KeyEntry> key(String id) {
    return keys.stream().filter(k -> k.id().equals(id)).findFirst();
  }

  /**
   * Returns the state of one record kind of one key, derived from the live versions.
   *
   * @param id the key
   * @param kind the record kind
   * @return the state
   */
  public RecordState state(String id, RecordKind kind) {
    List<Version> versions =
        switch (kind) {
          case DNSKEY, KRRSIG -> dnskey;
          case ZRRSIG -> data;
          case DS -> dsWithPending();
        };
    boolean signers = kind == RecordKind.KRRSIG;
    return stateIn(versions, id, signers);
  }

  List<Version> dsWithPending() {
    PendingDs p = pending;
    if (p == null) {
      return ds;
    }
    List<Version> all = new ArrayList<>(ds);
    all.add(new Version(p.requestedAt(), p.desired(), Set.of()));
    return all;
  }

  static RecordState stateIn(List<Version> versions, String id, boolean signers) {
    if (versions.isEmpty()) {
      return RecordState.HIDDEN;
    }
    boolean newest = members(versions.get(versions.size() - 1), signers).contains(id);
    boolean all = true;
    boolean any = false;
    for (Version v : versions) {
      boolean in = members(v, signers).contains(id);
      all &= in;
      any |= in;
    }
    if (!any) {
      return RecordState.HIDDEN;
    }
    if (all) {
      return RecordState.OMNIPRESENT;
    }
    return newest ? RecordState.RUMOURED : RecordState.UNRETENTIVE;
  }

  private static Set<String> members(Version v, boolean signers) {
    return signers ? v.signers() : v.members();
  }

  /**
   * Returns the state of a zone that has never been signed.
   *
   * @return the empty state
   */
  public static ZoneKeys empty() {
    return new ZoneKeys(List.of(), List.of(), List.of(), List.of(), null, false, false, null);
  }

  /**
   * Returns a copy with the go-insecure flag set.
   *
   * @return the copy
   */
  public ZoneKeys goingInsecure() {
    return new ZoneKeys(keys, dnskey, data, ds, pending, everSecure, true, unpublished);
  }

  /**
   * Returns a copy with the keys replaced.
   *
   * @param newKeys the keys
   * @return the copy
   */
  public ZoneKeys withKeys(List<KeyEntry> newKeys) {
    Objects.requireNonNull(newKeys, "newKeys");
    return new ZoneKeys(newKeys, dnskey, data, ds, pending, everSecure, goInsecure, unpublished);
  }

  /**
   * Returns a copy with another awaited DS request.
   *
   * @param next the request, or null
   * @return the copy
   */
  public ZoneKeys withPending(@Nullable PendingDs next) {
    return new ZoneKeys(keys, dnskey, data, ds, next, everSecure, goInsecure, unpublished);
  }

  /**
   * Marks the versions decided at {@code decidedAt} as stored but not yet published.
   *
   * @param decidedAt the decision's instant (the {@code since} of its new versions)
   * @return the copy
   */
  public ZoneKeys awaitingPublication(Instant decidedAt) {
    return new ZoneKeys(keys, dnskey, data, ds, pending, everSecure, goInsecure, decidedAt);
  }

  /**
   * Records that the awaited publication happened at {@code at}: the versions decided earlier are
   * stamped with {@code at}, so that the versions they replaced count as cached until then.
   *
   * @param at when the publication succeeded
   * @return the copy, with nothing awaiting publication
   */
  public ZoneKeys published(Instant at) {
    Instant decided = unpublished;
    if (decided == null) {
      return this;
    }
    return new ZoneKeys(
        keys,
        restamp(dnskey, decided, at),
        restamp(data, decided, at),
        ds,
        pending,
        everSecure,
        goInsecure,
        null);
  }

  private static List<Version> restamp(List<Version> versions, Instant decided, Instant at) {
    List<Version> out = new ArrayList<>();
    for (Version v : versions) {
      out.add(v.since().equals(decided) ? new Version(at, v.members(), v.signers()) : v);
    }
    return out;
  }
}
