package org.zonetrust.dnssec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.zonetrust.dnssec.internal.ZoneState;

/**
 * A signed zone: the zone's records with their RRSIG records and the NSEC or NSEC3 chain, kept in
 * an index so that {@link ZoneSigner#apply} can change it without copying it.
 *
 * <p><b>Ownership.</b> {@link ZoneSigner#apply} takes over the instance it is given: it changes the
 * index in place and returns a new {@code SignedZone} over it; the old instance then throws {@link
 * IllegalStateException} on every use. {@link ZoneSigner#refresh} does not consume its input.
 * Reading methods may run concurrently with each other, but not with an {@code apply} of the same
 * instance.
 */
public final class SignedZone {
  private final ZoneState state;
  private boolean consumed;

  SignedZone(ZoneState state) {
    this.state = state;
  }

  /**
   * Returns the zone apex.
   *
   * @return the origin
   * @throws IllegalStateException if {@link ZoneSigner#apply} consumed this instance
   */
  public Name origin() {
    return live().origin();
  }

  /**
   * Returns every record of the signed zone in canonical order (RFC 4034 section 6): names in
   * canonical order; at each name the SOA first, then the RRsets by type code, each RRset in
   * canonical RDATA order followed by its RRSIG records.
   *
   * @return an immutable list of the records
   * @throws IllegalStateException if {@link ZoneSigner#apply} consumed this instance
   */
  public List<Record> records() {
    return live().records();
  }

  /**
   * Returns the zone as a master file (RFC 1035 section 5) with absolute names, in the order of
   * {@link #records()}, one record a line. In names (owners and inside RDATA) every octet outside
   * {@code [A-Za-z0-9_/-]} is written as {@code \DDD} (a leftmost {@code *} label stays the
   * wildcard), so that BIND, ldns, Knot and dnsjava all read the file back to the same records.
   *
   * @return the master file text
   * @throws IllegalStateException if {@link ZoneSigner#apply} consumed this instance
   */
  public String toMasterFile() {
    return live().toMasterFile();
  }

  /**
   * Writes the zone as a master file, streaming, atomically: to a temporary file in the same
   * directory, flushed to disk, then renamed over {@code file}.
   *
   * @param file the file to write
   * @throws IOException if writing fails; {@code file} is then unchanged
   * @throws IllegalStateException if {@link ZoneSigner#apply} consumed this instance
   */
  public void writeMasterFile(Path file) throws IOException {
    live().writeMasterFile(file);
  }

  @Override
  public String toString() {
    return consumed ? "SignedZone[consumed]" : "SignedZone[" + state.origin() + "]";
  }

  ZoneState state() {
    return live();
  }

  synchronized ZoneState takeOver() {
    ZoneState s = live();
    consumed = true;
    return s;
  }

  private synchronized ZoneState live() {
    if (consumed) {
      throw new IllegalStateException(
          "this SignedZone of "
              + state.origin()
              + " was consumed by ZoneSigner.apply; use the SignedZone that apply returned");
    }
    return state;
  }
}
