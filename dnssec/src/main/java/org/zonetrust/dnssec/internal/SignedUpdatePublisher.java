package org.zonetrust.dnssec.internal;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;
import org.zonetrust.core.dns.DnsUpdate;
import org.zonetrust.core.dns.DnsUpdateException;
import org.zonetrust.core.dns.DnsUpdater;
import org.zonetrust.dnssec.SignedZone;
import org.zonetrust.dnssec.ZonePublishException;
import org.zonetrust.dnssec.ZonePublisher;

/** Sends the signed difference as one RFC 2136 update. */
public final class SignedUpdatePublisher implements ZonePublisher {
  private final DnsUpdater server;

  /**
   * Creates the publisher.
   *
   * @param server the primary's updater
   */
  public SignedUpdatePublisher(DnsUpdater server) {
    this.server = server;
  }

  @Override
  public void publish(SignedZone zone, List<Record> previous) throws ZonePublishException {
    List<Record> records = zone.records();
    Name origin = zone.origin();
    DnsUpdate.Builder update = DnsUpdate.builder(origin);
    int changes =
        previous.isEmpty() ? replaceAll(update, records) : diff(update, records, previous);
    if (changes == 0) {
      return;
    }
    try {
      server.apply(update.build());
    } catch (DnsUpdateException e) {
      throw new ZonePublishException(
          "zone " + origin + ": the signed update was not applied: " + e.getMessage(), e);
    }
  }

  private static int diff(DnsUpdate.Builder update, List<Record> records, List<Record> previous) {
    Map<Record, Long> old = new HashMap<>();
    for (Record r : previous) {
      old.put(r, r.getTTL());
    }
    Set<Record> now = new LinkedHashSet<>(records);
    int changes = 0;
    for (Record r : previous) {
      if (!now.contains(r) && r.getType() != Type.SOA) {
        update.delete(r);
        changes++;
      }
    }
    for (Record r : records) {
      Long ttl = old.get(r);
      if (ttl == null || ttl != r.getTTL()) {
        update.add(r);
        changes++;
      }
    }
    return changes;
  }

  private static int replaceAll(DnsUpdate.Builder update, List<Record> records) {
    Set<String> cleared = new LinkedHashSet<>();
    for (Record r : records) {
      if (r.getType() != Type.SOA && cleared.add(r.getName() + " " + r.getType())) {
        update.deleteRRset(r.getName(), r.getType());
      }
    }
    for (Record r : records) {
      update.add(r);
    }
    return records.size();
  }

  @Override
  public String toString() {
    return "ZonePublishers.rfc2136[" + server + "]";
  }
}
