package org.zonetrust.acme.internal;

import java.util.List;
import org.zonetrust.acme.AcmeException;

/**
 * Publishes the DNS-01 TXT values of one order and removes exactly those values again. The seam
 * between the ACME protocol flow ({@code AcmeDns01Client}) and DNS ({@code DnsUpdater}, {@code
 * PropagationChecker}).
 *
 * <p>Obligations: {@link #publish} journals what it is about to add in the {@code StateStore}
 * before sending anything, adds values (never replaces: apex and wildcard share a record name),
 * sends one update per zone, follows {@code _acme-challenge} CNAMEs (and an explicit alias map) to
 * the zone that really holds the record, and returns only when every authoritative server of every
 * involved zone serves every value. {@link #remove} deletes exactly the published values and then
 * drops the journal entry; it is idempotent. {@link #recover} removes whatever a crashed process
 * left in the journal. Thread-safe; updates of one zone are serialised.
 */
public interface ChallengePublisher {
  /**
   * One TXT value to publish.
   *
   * @param identifier the domain of the authorization, without {@code *.} (e.g. {@code
   *     example.test.} for both {@code example.test} and {@code *.example.test})
   * @param value the key authorization digest (RFC 8555 section 8.4)
   */
  record Challenge(String identifier, String value) {}

  /**
   * Publishes the values and waits until they are served everywhere.
   *
   * @param orderKey a stable key of the order (used in the journal)
   * @param challenges the values
   * @return what was published, for {@link #remove}
   * @throws AcmeException if an update failed or propagation timed out; whatever was added is
   *     removed before this is thrown
   * @throws InterruptedException if interrupted; whatever was added is removed first
   */
  Publication publish(String orderKey, List<Challenge> challenges)
      throws AcmeException, InterruptedException;

  /**
   * Removes exactly the published values; idempotent.
   *
   * @param publication what {@link #publish} returned
   * @throws AcmeException if an update failed (the journal entry is kept, so {@link #recover}
   *     retries)
   */
  void remove(Publication publication) throws AcmeException;

  /**
   * Removes the values of every journal entry left by a crashed process.
   *
   * @return the number of entries cleaned
   * @throws AcmeException if an update failed (the entry is kept)
   */
  int recover() throws AcmeException;

  /**
   * What one {@link #publish} call added.
   *
   * @param orderKey the order's key
   * @param records per TXT owner name (after CNAME/alias resolution) the zone and the values added
   */
  record Publication(String orderKey, List<PublishedRecord> records) {
    /**
     * Copies the list.
     *
     * @param orderKey the order's key
     * @param records the records
     */
    public Publication {
      records = List.copyOf(records);
    }
  }

  /**
   * TXT values added at one owner name.
   *
   * @param zone the zone that holds the owner name
   * @param owner the TXT owner name actually written (after CNAME/alias resolution)
   * @param values the values added
   */
  record PublishedRecord(String zone, String owner, List<String> values) {
    /**
     * Copies the list.
     *
     * @param zone the zone
     * @param owner the owner name
     * @param values the values
     */
    public PublishedRecord {
      values = List.copyOf(values);
    }
  }
}
