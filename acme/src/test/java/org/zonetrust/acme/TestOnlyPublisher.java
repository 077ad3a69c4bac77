package org.zonetrust.acme;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;
import org.zonetrust.acme.internal.ChallengePublisher;
import org.zonetrust.core.dns.DnsUpdate;
import org.zonetrust.core.dns.DnsUpdateException;
import org.zonetrust.core.dns.DnsUpdater;
import org.zonetrust.core.dns.Expectation;
import org.zonetrust.core.dns.PropagationChecker;

/**
 * TEST ONLY, until the real DnsChallengePublisher (branch acme-publish) is merged: adds the values
 * in the zone named by the caller, waits for propagation, removes them. No journal, no CNAMEs.
 */
final class TestOnlyPublisher implements ChallengePublisher {
  private final DnsUpdater updater;
  private final PropagationChecker checker;
  private final List<Name> zones;

  TestOnlyPublisher(DnsUpdater updater, PropagationChecker checker, List<Name> zones) {
    this.updater = updater;
    this.checker = checker;
    this.zones = zones;
  }

  @Override
  public Publication publish(String orderKey, List<Challenge> challenges)
      throws AcmeException, InterruptedException {
    Map<Name, List<TXTRecord>> byZone = new LinkedHashMap<>();
    List<PublishedRecord> published = new ArrayList<>();
    for (Challenge c : challenges) {
      Name owner = owner(c.identifier());
      Name zone = zones.stream().filter(owner::subdomain).findFirst().orElseThrow();
      TXTRecord txt = new TXTRecord(owner, DClass.IN, 60, c.value());
      byZone.computeIfAbsent(zone, z -> new ArrayList<>()).add(txt);
      published.add(new PublishedRecord(zone.toString(), owner.toString(), List.of(c.value())));
    }
    Publication publication = new Publication(orderKey, published);
    try {
      for (Map.Entry<Name, List<TXTRecord>> e : byZone.entrySet()) {
        DnsUpdate.Builder b = DnsUpdate.builder(e.getKey());
        e.getValue().forEach(b::add);
        updater.apply(b.build());
      }
      // One at a time: concurrent awaits on one checker took 14-28 s here (zone location).
      for (List<TXTRecord> records : byZone.values()) {
        for (TXTRecord r : records) {
          checker.await(r.getName(), Type.TXT, Expectation.contains(r)).toCompletableFuture().get();
        }
      }
      return publication;
    } catch (DnsUpdateException | ExecutionException e) {
      remove(publication);
      throw new AcmeException("publication failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void remove(Publication publication) throws AcmeException {
    try {
      for (PublishedRecord r : publication.records()) {
        DnsUpdate.Builder b = DnsUpdate.builder(Name.fromString(r.zone()));
        for (String v : r.values()) {
          b.delete(new TXTRecord(Name.fromString(r.owner()), DClass.IN, 60, v));
        }
        updater.apply(b.build());
      }
    } catch (DnsUpdateException | TextParseException e) {
      throw new AcmeException("removal failed: " + e.getMessage(), e);
    }
  }

  @Override
  public int recover() {
    return 0;
  }

  private static Name owner(String identifier) {
    try {
      return Name.fromString("_acme-challenge." + identifier);
    } catch (TextParseException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
