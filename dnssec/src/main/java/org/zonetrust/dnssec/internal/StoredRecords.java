package org.zonetrust.dnssec.internal;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Name;
import org.zonetrust.core.state.StateStore;
import org.zonetrust.core.state.StateStoreException;
import org.zonetrust.core.state.Versioned;
import org.zonetrust.dnssec.DnssecException;

/**
 * The unsigned records of a managed zone in the {@link StateStore}: key {@code
 * dnssec/zones/<zone>/records} (zone without its trailing dot), master file text, written by
 * compare-and-set so that a second writer is detected instead of overwritten. Not thread-safe (the
 * managed zone's lock guards it).
 */
public final class StoredRecords {
  private final Name origin;
  private final StateStore store;
  private final String key;
  private long version = Versioned.ABSENT;

  /**
   * Creates the accessor.
   *
   * @param origin the zone apex
   * @param store the store
   */
  public StoredRecords(Name origin, StateStore store) {
    this.origin = origin;
    this.store = store;
    this.key = key(origin, "records");
  }

  /**
   * Returns the store key of one value of a managed zone.
   *
   * @param origin the zone apex
   * @param leaf the value's name, e.g. {@code records}
   * @return {@code dnssec/zones/<zone>/<leaf>}, the zone without its trailing dot
   */
  public static String key(Name origin, String leaf) {
    String name = origin.toString();
    return "dnssec/zones/" + name.substring(0, name.length() - 1) + "/" + leaf;
  }

  /**
   * Tells whether the store holds the zone's records.
   *
   * @return true if the records are stored
   * @throws DnssecException if the store cannot be read
   */
  public boolean exists() throws DnssecException {
    try {
      return store.get(key).isPresent();
    } catch (StateStoreException e) {
      throw new DnssecException(
          "zone " + origin + ": cannot read " + key + ": " + e.getMessage(), e);
    }
  }

  /**
   * Returns the store key.
   *
   * @return {@code dnssec/zones/<zone>/records}
   */
  public String key() {
    return key;
  }

  /**
   * Reads the stored records and remembers their version.
   *
   * @return the records, or null if none are stored
   * @throws DnssecException if the store cannot be read or the text cannot be parsed
   */
  public @Nullable UnsignedZone load() throws DnssecException {
    Optional<Versioned> stored;
    try {
      stored = store.get(key);
    } catch (StateStoreException e) {
      throw new DnssecException(
          "zone " + origin + ": cannot read " + key + ": " + e.getMessage(), e);
    }
    if (stored.isEmpty()) {
      return null;
    }
    version = stored.get().version();
    String text = new String(stored.get().value(), StandardCharsets.UTF_8);
    return UnsignedZone.parse(origin, text, "state store key " + key);
  }

  /**
   * Stores the records atomically, if nobody else wrote them since the last load or save.
   *
   * @param records the records
   * @throws DnssecException if the store fails or another writer changed the key
   */
  public void save(UnsignedZone records) throws DnssecException {
    byte[] text = records.toText().getBytes(StandardCharsets.UTF_8);
    Optional<Versioned> written;
    try {
      written = store.compareAndSet(key, version, text);
    } catch (StateStoreException e) {
      throw new DnssecException(
          "zone " + origin + ": cannot store " + key + ": " + e.getMessage(), e);
    }
    if (written.isEmpty()) {
      throw new DnssecException(
          "zone "
              + origin
              + ": "
              + key
              + " was changed by another writer; nothing was published. Run one"
              + " ManagedSignedZone per zone, or build a new one to resume");
    }
    version = written.get().version();
  }
}
