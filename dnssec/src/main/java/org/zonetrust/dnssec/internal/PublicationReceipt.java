package org.zonetrust.dnssec.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.Optional;
import org.xbill.DNS.Name;
import org.zonetrust.core.state.StateStore;
import org.zonetrust.core.state.StateStoreException;
import org.zonetrust.core.state.Versioned;

/**
 * What a managed zone published last, in the {@link StateStore} under {@code
 * dnssec/zones/<zone>/published}: a SHA-256 digest of everything the signed zone is made from (key
 * setup, unsigned records with their serial, denial, validity, serial policy, publisher) and when
 * its earliest signature becomes due. A later instance that would publish the same thing finds a
 * matching receipt and does not sign and publish it again.
 *
 * <p>Written only after a publication succeeded; a receipt that cannot be read or parsed counts as
 * absent, so the worst a lost or damaged receipt causes is one extra publication.
 */
public final class PublicationReceipt {
  private final StateStore store;
  private final String key;

  /**
   * Creates the accessor.
   *
   * @param origin the zone apex
   * @param store the store
   */
  public PublicationReceipt(Name origin, StateStore store) {
    this.store = store;
    this.key = StoredRecords.key(origin, "published");
  }

  /**
   * Returns the digest of the parts a signed zone is made from.
   *
   * @param parts the parts, each in a stable text form
   * @return the lower-case hex SHA-256 of the parts, each followed by a NUL
   */
  public static String digest(String... parts) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (String p : parts) {
        md.update(p.getBytes(StandardCharsets.UTF_8));
        md.update((byte) 0);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /**
   * Returns when the published zone's earliest signature becomes due, if the stored receipt is for
   * {@code digest}.
   *
   * @param digest the digest of what would be published now
   * @return the refresh time, or empty if there is no receipt, it is for something else, or it
   *     cannot be read
   */
  public Optional<Instant> matching(String digest) {
    Optional<Versioned> stored;
    try {
      stored = store.get(key);
    } catch (StateStoreException e) {
      return Optional.empty();
    }
    if (stored.isEmpty()) {
      return Optional.empty();
    }
    String[] lines = new String(stored.get().value(), StandardCharsets.UTF_8).split("\n", -1);
    if (lines.length < 2 || !lines[0].equals("digest " + digest)) {
      return Optional.empty();
    }
    if (!lines[1].startsWith("refresh ")) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(lines[1].substring("refresh ".length())));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /**
   * Records a successful publication.
   *
   * @param digest the digest of what was published
   * @param refresh when its earliest signature becomes due
   * @throws StateStoreException if the store fails
   */
  public void write(String digest, Instant refresh) throws StateStoreException {
    String text = "digest " + digest + "\nrefresh " + refresh + "\n";
    store.put(key, text.getBytes(StandardCharsets.UTF_8));
  }
}
