package org.zonetrust.dnssec.internal;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Type;
import org.zonetrust.dnssec.Denial;

/**
 * The indexed state behind a signed zone: the owner names in canonical order (a sorted map, empty
 * non-terminals included) with their RRsets and signatures, and for NSEC3 the chain in hash order
 * (a sorted map from hashed owner name to the NSEC3 RRset and the name it stands for).
 *
 * <p>Mutable only by the incremental signer, which owns it while it works; see {@link
 * org.zonetrust.dnssec.SignedZone} for the ownership rules.
 */
public final class ZoneState {
  private final Name origin;
  private final Denial denial;
  private final String keyFingerprint;
  final NavigableMap<Name, Node> names;
  final NavigableMap<Name, Nsec3Slot> nsec3 = new TreeMap<>();

  ZoneState(Name origin, Denial denial, String keyFingerprint, NavigableMap<Name, Node> names) {
    this.origin = origin;
    this.denial = denial;
    this.keyFingerprint = keyFingerprint;
    this.names = names;
  }

  /**
   * Returns the apex.
   *
   * @return the origin
   */
  public Name origin() {
    return origin;
  }

  /**
   * Returns the denial of existence the zone was signed with.
   *
   * @return NSEC or NSEC3 parameters
   */
  public Denial denial() {
    return denial;
  }

  /**
   * Returns the fingerprint of the keys the zone was signed with.
   *
   * @return the {@link KeyPlan#fingerprint()}
   */
  public String keyFingerprint() {
    return keyFingerprint;
  }

  /**
   * Returns the SOA record.
   *
   * @return the SOA
   */
  public SOARecord soa() {
    Node apex = names.get(origin);
    RRsetEntry soa = apex == null ? null : apex.get(Type.SOA);
    if (soa == null) {
      throw new IllegalStateException("signed zone " + origin + " lost its SOA");
    }
    return (SOARecord) soa.records().get(0);
  }

  /**
   * Returns the zone's own records (no RRSIG, NSEC, NSEC3 or NSEC3PARAM), in canonical order.
   *
   * @return the unsigned records
   */
  public List<Record> dataRecords() {
    List<Record> out = new ArrayList<>();
    for (Node n : names.values()) {
      for (RRsetEntry e : n.sets()) {
        if (!Types.generated(e.type())) {
          out.addAll(e.records());
        }
      }
    }
    return out;
  }

  /**
   * Returns all records in canonical order.
   *
   * @return an immutable list of the records
   */
  public List<Record> records() {
    List<Record> out = new ArrayList<>();
    forEachRecord(out::add);
    return List.copyOf(out);
  }

  /**
   * Returns the master file text.
   *
   * @return the master file
   */
  public String toMasterFile() {
    return MasterFileWriter.toText(this::forEachRecord);
  }

  /**
   * Writes the master file atomically (temporary file, fsync, rename, fsync of the directory).
   *
   * @param file the target
   * @throws IOException if writing fails
   */
  public void writeMasterFile(Path file) throws IOException {
    AtomicFiles.write(file, this::writeTo);
  }

  void writeTo(Writer w) throws IOException {
    MasterFileWriter.write(w, this::forEachRecord);
  }

  /** Calls the action for every record in canonical order. */
  void forEachRecord(Consumer<Record> action) {
    Iterator<Map.Entry<Name, Node>> a = names.entrySet().iterator();
    Iterator<Map.Entry<Name, Nsec3Slot>> b = nsec3.entrySet().iterator();
    Map.@Nullable Entry<Name, Node> na = a.hasNext() ? a.next() : null;
    Map.@Nullable Entry<Name, Nsec3Slot> nb = b.hasNext() ? b.next() : null;
    while (na != null || nb != null) {
      if (na != null && (nb == null || na.getKey().compareTo(nb.getKey()) <= 0)) {
        emit(na.getValue(), action);
        na = a.hasNext() ? a.next() : null;
      } else if (nb != null) {
        RRsetEntry e = nb.getValue().set();
        if (e != null) {
          emit(e, action);
        }
        nb = b.hasNext() ? b.next() : null;
      }
    }
  }

  private static void emit(Node n, Consumer<Record> action) {
    RRsetEntry soa = n.get(Type.SOA);
    if (soa != null) {
      emit(soa, action);
    }
    for (RRsetEntry e : n.sets()) {
      if (e != soa) {
        emit(e, action);
      }
    }
  }

  private static void emit(RRsetEntry e, Consumer<Record> action) {
    e.records().forEach(action);
    e.sigs().forEach(action);
  }

  /** One position of the NSEC3 chain: the name it stands for and its NSEC3 RRset. */
  static final class Nsec3Slot {
    private final Name owner;
    private final Name source;
    private @Nullable RRsetEntry set;

    Nsec3Slot(Name owner, Name source) {
      this.owner = owner;
      this.source = source;
    }

    Name owner() {
      return owner;
    }

    Name source() {
      return source;
    }

    @Nullable RRsetEntry set() {
      return set;
    }

    void set(RRsetEntry set) {
      this.set = set;
    }
  }
}
