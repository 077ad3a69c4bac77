package org.zonetrust.core.dns;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.zonetrust.core.internal.dns.UpdateMessages;

/**
 * One atomic change to one zone: optional prerequisites and an ordered list of changes, sent as a
 * single RFC 2136 UPDATE message by {@link DnsUpdater}s that speak DNS.
 *
 * <p>Every name in the update must be at or below {@code zone}; the constructor rejects anything
 * else, so a mistake is caught before anything reaches a server.
 *
 * @param zone the zone apex (absolute)
 * @param prerequisites conditions checked by the server before applying (may be empty)
 * @param changes the changes, applied in order (at least one)
 */
public record DnsUpdate(Name zone, List<DnsPrerequisite> prerequisites, List<DnsChange> changes) {

  /**
   * Validates and copies.
   *
   * @param zone see the record component
   * @param prerequisites see the record component
   * @param changes see the record component
   */
  public DnsUpdate {
    Objects.requireNonNull(zone, "zone");
    if (!zone.isAbsolute()) {
      throw new IllegalArgumentException("zone must be absolute (end with a dot): " + zone);
    }
    prerequisites = List.copyOf(prerequisites);
    changes = List.copyOf(changes);
    if (changes.isEmpty()) {
      throw new IllegalArgumentException(
          "an update of zone " + zone + " needs at least one change");
    }
    for (DnsPrerequisite p : prerequisites) {
      requireInZone(zone, p.name());
    }
    for (DnsChange c : changes) {
      requireInZone(zone, c.name());
    }
  }

  private static void requireInZone(Name zone, Name name) {
    if (!name.subdomain(zone)) {
      throw new IllegalArgumentException(name + " is not in zone " + zone);
    }
  }

  /**
   * The RFC 2136 UPDATE message this update is sent as, built by the code {@link Rfc2136Updater}
   * sends with, but unsigned (TSIG is added when sending). Its {@code toString()} is dnsjava's text
   * form, for dry runs and logs.
   *
   * @return a new message
   */
  public Message toMessage() {
    return UpdateMessages.build(this);
  }

  /**
   * Starts building an update of {@code zone}.
   *
   * @param zone the zone apex (absolute)
   * @return a builder
   */
  public static Builder builder(Name zone) {
    return new Builder(zone);
  }

  /** Collects prerequisites and changes; {@link #build()} validates. Not thread-safe. */
  public static final class Builder {
    private final Name zone;
    private final List<DnsPrerequisite> prerequisites = new ArrayList<>();
    private final List<DnsChange> changes = new ArrayList<>();

    private Builder(Name zone) {
      this.zone = Objects.requireNonNull(zone, "zone");
    }

    /**
     * Adds a record (never replaces existing ones).
     *
     * @param record the record to add
     * @return this builder
     */
    public Builder add(Record record) {
      changes.add(new DnsChange.Add(record));
      return this;
    }

    /**
     * Deletes exactly this record (name, type and data).
     *
     * @param record the record to delete
     * @return this builder
     */
    public Builder delete(Record record) {
      changes.add(new DnsChange.Delete(record));
      return this;
    }

    /**
     * Deletes the whole RRset of this name and type.
     *
     * @param name owner name
     * @param type RR type, a dnsjava {@code Type} constant
     * @return this builder
     */
    public Builder deleteRRset(Name name, int type) {
      changes.add(new DnsChange.DeleteRRset(name, type));
      return this;
    }

    /**
     * Deletes every RRset at a name (RFC 2136 2.5.3).
     *
     * @param name owner name
     * @return this builder
     */
    public Builder deleteName(Name name) {
      changes.add(new DnsChange.DeleteName(name));
      return this;
    }

    /**
     * Adds any change.
     *
     * @param change the change
     * @return this builder
     */
    public Builder change(DnsChange change) {
      changes.add(Objects.requireNonNull(change, "change"));
      return this;
    }

    /**
     * Adds a prerequisite.
     *
     * @param prerequisite the condition the server checks first
     * @return this builder
     */
    public Builder require(DnsPrerequisite prerequisite) {
      prerequisites.add(Objects.requireNonNull(prerequisite, "prerequisite"));
      return this;
    }

    /**
     * Validates and builds.
     *
     * @return the update
     * @throws IllegalArgumentException if there is no change or a name lies outside the zone
     */
    public DnsUpdate build() {
      return new DnsUpdate(zone, prerequisites, changes);
    }
  }
}
