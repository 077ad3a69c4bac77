package org.zonetrust.dnssec;

import java.util.List;
import org.xbill.DNS.Record;

/**
 * A set of record additions and deletions for {@link ZoneSigner#apply}.
 *
 * <p>Deletions are applied first, then additions. A deletion matches a record by owner, type and
 * data (its TTL is ignored); deleting a record that is not there does nothing, and adding one that
 * is already there does nothing. An added record whose TTL differs from its RRset's gives the whole
 * RRset its TTL (as RFC 2136 updates do). RRSIG, NSEC, NSEC3 and NSEC3PARAM records are made by the
 * signer: in a change they are ignored, as {@link ZoneSigner#sign sign} ignores them.
 *
 * @param additions the records to add
 * @param deletions the records to delete
 */
public record ZoneChange(List<Record> additions, List<Record> deletions) {

  /**
   * Copies the lists.
   *
   * @param additions the records to add
   * @param deletions the records to delete
   */
  public ZoneChange {
    additions = List.copyOf(additions);
    deletions = List.copyOf(deletions);
  }

  /**
   * Creates a change.
   *
   * @param additions the records to add
   * @param deletions the records to delete
   * @return the change
   */
  public static ZoneChange of(List<? extends Record> additions, List<? extends Record> deletions) {
    return new ZoneChange(List.copyOf(additions), List.copyOf(deletions));
  }
}
