package org.zonetrust.acme.internal;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.TXTRecord;
import org.zonetrust.acme.internal.ChallengePublisher.PublishedRecord;
import org.zonetrust.core.dns.DnsUpdate;
import org.zonetrust.core.dns.DnsUpdateException;
import org.zonetrust.core.dns.DnsUpdater;

/**
 * Builds and sends the challenge updates: one update per zone, additions or exact deletions of TXT
 * values only (never an RRset replacement: apex and wildcard share one record name), each sent
 * while holding the zone's lock.
 */
final class ChallengeUpdates {
  private final Function<Name, DnsUpdater> updaters;
  private final ZoneLocks locks;
  private final long ttlSeconds;

  ChallengeUpdates(Function<Name, DnsUpdater> updaters, ZoneLocks locks, Duration ttl) {
    this.updaters = updaters;
    this.locks = locks;
    this.ttlSeconds = ttl.toSeconds();
  }

  void add(String zone, Iterable<PublishedRecord> records)
      throws DnsUpdateException, InterruptedException {
    Name z = name(zone);
    DnsUpdate.Builder b = DnsUpdate.builder(z);
    for (PublishedRecord r : records) {
      for (String v : r.values()) {
        b.add(txt(r.owner(), v));
      }
    }
    send(z, b.build());
  }

  void delete(String zone, Iterable<PublishedRecord> records)
      throws DnsUpdateException, InterruptedException {
    Name z = name(zone);
    DnsUpdate.Builder b = DnsUpdate.builder(z);
    for (PublishedRecord r : records) {
      for (String v : r.values()) {
        b.delete(txt(r.owner(), v));
      }
    }
    send(z, b.build());
  }

  TXTRecord txt(String owner, String value) {
    return new TXTRecord(name(owner), DClass.IN, ttlSeconds, value);
  }

  static Name name(String text) {
    return Name.fromConstantString(text);
  }

  private void send(Name zone, DnsUpdate update) throws DnsUpdateException, InterruptedException {
    DnsUpdater updater =
        Objects.requireNonNull(updaters.apply(zone), () -> "no DnsUpdater for zone " + zone);
    ReentrantLock lock = locks.of(zone);
    lock.lockInterruptibly();
    try {
      updater.apply(update);
    } finally {
      lock.unlock();
    }
  }
}
