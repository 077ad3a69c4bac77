package org.zonetrust.acme.internal;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;
import org.zonetrust.acme.AcmeException;
import org.zonetrust.core.dns.DnsUpdateException;
import org.zonetrust.core.dns.DnsUpdater;
import org.zonetrust.core.dns.Expectation;
import org.zonetrust.core.dns.PropagationChecker;
import org.zonetrust.core.dns.PropagationResult;
import org.zonetrust.core.dns.PropagationTimeoutException;
import org.zonetrust.core.state.StateStore;
import org.zonetrust.core.state.StateStoreException;

/**
 * The {@link ChallengePublisher} that writes TXT records by DNS UPDATE ({@link DnsUpdater}) and
 * waits with core's {@link PropagationChecker}.
 *
 * <p>{@link #publish}: resolves every {@code _acme-challenge.<identifier>} name (alias map, else
 * CNAME chain) to the owner name and zone that really hold it; journals zone, owner and values
 * under {@code acme/journal/<orderKey>} in the {@link StateStore}; sends one update per zone with
 * additions only, under the zone's lock; then waits until every authoritative server of every zone
 * serves every value. On any failure or interrupt it deletes exactly what it added, then throws.
 * {@link #remove} deletes exactly the published values (never the RRset) and then the journal
 * entry. {@link #recover} does the same for abandoned entries: not a live publication of this
 * instance, not written by a process of this host that still runs (pid and start time), and, for
 * entries written on another host (whose processes cannot be checked), older than {@link
 * DnsChallengePublisherBuilder#recoverOtherHostsAfter}.
 *
 * <p>Thread-safe. Build with {@link #builder()}.
 */
public final class DnsChallengePublisher implements ChallengePublisher {
  private final ChallengeJournal journal;
  private final ChallengeTargets targets;
  private final PropagationChecker checker;
  private final ChallengeUpdates updates;
  private final PublisherEvents events;
  private final JournalOwner owner = JournalOwner.current();
  private final Clock clock;
  private final Duration foreignAge;
  private final Set<String> live = ConcurrentHashMap.newKeySet();

  DnsChallengePublisher(DnsChallengePublisherBuilder b) {
    this.journal = new ChallengeJournal(Objects.requireNonNull(b.stateStore));
    this.targets = new ChallengeTargets(Objects.requireNonNull(b.resolver), b.aliases);
    this.checker = Objects.requireNonNull(b.propagationChecker);
    this.events = new PublisherEvents(b.clock, b.events);
    this.clock = b.clock;
    this.foreignAge = b.recoverOtherHostsAfter;
    this.updates = new ChallengeUpdates(Objects.requireNonNull(b.updaters), b.zoneLocks, b.txtTtl);
  }

  /**
   * Starts a builder.
   *
   * @return a new builder
   */
  public static DnsChallengePublisherBuilder builder() {
    return new DnsChallengePublisherBuilder();
  }

  @Override
  public Publication publish(String orderKey, List<Challenge> challenges)
      throws AcmeException, InterruptedException {
    if (challenges.isEmpty()) {
      throw new IllegalArgumentException("order " + orderKey + " has no challenge to publish");
    }
    Publication publication = new Publication(orderKey, resolve(orderKey, challenges));
    String key = ChallengeJournal.keyOf(orderKey);
    // Live before journaled, so that a concurrent recover() never takes the entry for abandoned.
    live.add(key);
    try {
      journal.add(orderKey, owner, clock.instant(), publication.records());
    } catch (StateStoreException e) {
      live.remove(key);
      throw new AcmeException(
          "cannot journal the challenge records of order " + orderKey + ", nothing was sent", e);
    }
    // What may be in DNS: every zone whose update was sent, unless the server's answer proves
    // that it was not applied (updates are atomic).
    List<PublishedRecord> sent = new ArrayList<>();
    try {
      for (Map.Entry<String, List<PublishedRecord>> zone : byZone(publication).entrySet()) {
        try {
          updates.add(zone.getKey(), zone.getValue());
        } catch (DnsUpdateException e) {
          if (!notApplied(e)) {
            sent.addAll(zone.getValue());
          }
          throw e;
        }
        sent.addAll(zone.getValue());
      }
      events.emit("acme.challenge.published", orderKey, publication);
      awaitPropagation(orderKey, publication);
      events.emit("acme.challenge.propagated", orderKey, publication);
      return publication;
    } catch (DnsUpdateException e) {
      if (e.reason() == DnsUpdateException.Reason.INTERRUPTED) {
        InterruptedException ie =
            new InterruptedException("interrupted while publishing order " + orderKey);
        ie.initCause(e);
        throw undo(publication, sent, ie);
      }
      throw undo(
          publication,
          sent,
          new AcmeException(
              "publishing the DNS-01 records of order "
                  + orderKey
                  + " failed in zone "
                  + e.zone()
                  + " at "
                  + e.server()
                  + ": "
                  + e.getMessage(),
              e));
    } catch (AcmeException e) {
      throw undo(publication, sent, e);
    } catch (InterruptedException e) {
      throw undo(publication, sent, e);
    } catch (RuntimeException e) {
      throw undo(publication, sent, e);
    }
  }

  /** Whether the server's answer proves that the update was not applied. */
  static boolean notApplied(DnsUpdateException e) {
    return switch (e.reason()) {
      case REFUSED, NOT_AUTHORITATIVE, PREREQUISITE_FAILED, NOT_ZONE, TOO_LARGE, SERVER_ERROR ->
          true;
      // An error rcode with a TSIG error proves it; a badly signed NOERROR answer does not.
      case TSIG_REJECTED -> e.rcode().isPresent() && !e.rcode().get().equals("NOERROR");
      case TIMEOUT, UNREACHABLE, BAD_RESPONSE, INTERRUPTED -> false;
    };
  }

  /**
   * {@inheritDoc}
   *
   * <p>Works on an interrupted thread too (the interrupt flag is kept), so that a cancelled order
   * still cleans up; each zone's delete is bounded by its updater's timeout.
   */
  @Override
  public void remove(Publication publication) throws AcmeException {
    String key = ChallengeJournal.keyOf(publication.orderKey());
    // Clean-up must work for a cancelled caller too: the interrupt is set aside while the deletes
    // run (each bounded by the updater's timeout) and restored afterwards.
    boolean interrupted = Thread.interrupted();
    try {
      removeRecords(publication.orderKey(), publication.records());
    } finally {
      live.remove(key);
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public int recover() throws AcmeException {
    int cleaned = 0;
    AcmeException failure = null;
    List<String> keys;
    try {
      keys = journal.keys();
    } catch (StateStoreException e) {
      throw new AcmeException("cannot list the challenge journal", e);
    }
    for (String key : keys) {
      if (live.contains(key)) {
        continue;
      }
      try {
        var entry = journal.read(key);
        if (entry.isEmpty()
            || !owner.considersAbandoned(
                entry.get().writer(), entry.get().written(), clock.instant(), foreignAge)) {
          continue;
        }
        removeRecords(entry.get().orderKey(), entry.get().records());
        events.emit(
            "acme.challenge.recovered",
            entry.get().orderKey(),
            new Publication(entry.get().orderKey(), entry.get().records()));
        cleaned++;
      } catch (StateStoreException e) {
        failure = chain(failure, new AcmeException("cannot read journal entry " + key, e));
      } catch (AcmeException e) {
        failure = chain(failure, e);
      }
    }
    if (failure != null) {
      throw failure;
    }
    return cleaned;
  }

  /** Who this publisher is in its journal entries. */
  JournalOwner owner() {
    return owner;
  }

  private List<PublishedRecord> resolve(String orderKey, List<Challenge> challenges)
      throws AcmeException {
    Map<Name, ChallengeTargets.Target> resolved = new LinkedHashMap<>();
    Map<List<String>, Set<String>> grouped = new LinkedHashMap<>();
    for (Challenge c : challenges) {
      Name identifier = identifier(orderKey, c.identifier());
      Name challengeName;
      try {
        challengeName = Name.concatenate(Name.fromConstantString("_acme-challenge"), identifier);
      } catch (org.xbill.DNS.NameTooLongException e) {
        throw new AcmeException("_acme-challenge." + identifier + " is too long", e);
      }
      ChallengeTargets.Target t = resolved.get(challengeName);
      if (t == null) {
        try {
          t = targets.resolve(identifier, challengeName);
        } catch (IOException e) {
          throw new AcmeException(
              "cannot find where to publish "
                  + challengeName
                  + " for order "
                  + orderKey
                  + ": "
                  + e.getMessage(),
              e);
        }
        resolved.put(challengeName, t);
        events.log(orderKey, t);
      }
      grouped
          .computeIfAbsent(
              List.of(t.zone().toString(), t.owner().toString()), k -> new LinkedHashSet<>())
          .add(c.value());
    }
    List<PublishedRecord> out = new ArrayList<>();
    grouped.forEach((k, v) -> out.add(new PublishedRecord(k.get(0), k.get(1), List.copyOf(v))));
    return out;
  }

  private static Name identifier(String orderKey, String identifier) throws AcmeException {
    String text = identifier.startsWith("*.") ? identifier.substring(2) : identifier;
    try {
      return Name.fromString(text, Name.root);
    } catch (TextParseException e) {
      throw new AcmeException(
          "order " + orderKey + " has an invalid identifier " + identifier + ": " + e.getMessage(),
          e);
    }
  }

  private void awaitPropagation(String orderKey, Publication publication)
      throws AcmeException, InterruptedException {
    List<CompletableFuture<PropagationResult>> pending = new ArrayList<>();
    try {
      for (PublishedRecord r : publication.records()) {
        for (String v : r.values()) {
          pending.add(
              checker
                  .await(
                      ChallengeUpdates.name(r.owner()),
                      Type.TXT,
                      Expectation.contains(updates.txt(r.owner(), v)))
                  .toCompletableFuture());
        }
      }
      for (CompletableFuture<PropagationResult> f : pending) {
        f.get();
      }
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      String detail = cause instanceof PropagationTimeoutException ? "" : " (" + cause + ")";
      throw new AcmeException(
          "the DNS-01 records of order "
              + orderKey
              + " did not reach every authoritative server in time"
              + detail
              + ": "
              + (cause == null ? "" : cause.getMessage()),
          cause);
    } catch (CancellationException e) {
      throw new AcmeException("the propagation check of order " + orderKey + " was cancelled", e);
    } finally {
      pending.forEach(f -> f.cancel(true));
    }
  }

  /** Removes what was added after a failure, then returns the exception to throw. */
  private <E extends Exception> E undo(
      Publication publication, List<PublishedRecord> sent, E failure) {
    boolean interrupted = Thread.interrupted();
    String orderKey = publication.orderKey();
    try {
      journal.subtract(orderKey, ChallengeJournal.minus(publication.records(), sent));
      if (!sent.isEmpty()) {
        removeRecords(orderKey, sent);
      }
    } catch (StateStoreException e) {
      failure.addSuppressed(new AcmeException("cannot update the journal of order " + orderKey, e));
    } catch (AcmeException | RuntimeException e) {
      failure.addSuppressed(e);
    } finally {
      live.remove(ChallengeJournal.keyOf(orderKey));
      if (interrupted && !(failure instanceof InterruptedException)) {
        Thread.currentThread().interrupt();
      }
    }
    return failure;
  }

  private void removeRecords(String orderKey, List<PublishedRecord> records) throws AcmeException {
    Map<String, List<PublishedRecord>> zones = byZone(new Publication(orderKey, records));
    List<PublishedRecord> removed = new ArrayList<>();
    AcmeException failure = null;
    for (Map.Entry<String, List<PublishedRecord>> zone : zones.entrySet()) {
      try {
        updates.delete(zone.getKey(), zone.getValue());
        removed.addAll(zone.getValue());
      } catch (DnsUpdateException e) {
        failure =
            chain(
                failure,
                new AcmeException(
                    "removing the DNS-01 records of order "
                        + orderKey
                        + " failed in zone "
                        + e.zone()
                        + " at "
                        + e.server()
                        + " (kept in the journal for recover()): "
                        + e.getMessage(),
                    e));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        failure =
            chain(
                failure,
                new AcmeException(
                    "interrupted while removing the DNS-01 records of order "
                        + orderKey
                        + " from zone "
                        + zone.getKey()
                        + " (kept in the journal for recover())",
                    e));
      }
    }
    try {
      journal.subtract(orderKey, removed);
    } catch (StateStoreException e) {
      failure =
          chain(
              failure,
              new AcmeException(
                  "removed the DNS-01 records of order "
                      + orderKey
                      + " but cannot update the journal",
                  e));
    }
    if (!removed.isEmpty()) {
      events.emit("acme.challenge.removed", orderKey, new Publication(orderKey, removed));
    }
    if (failure != null) {
      throw failure;
    }
  }

  private static Map<String, List<PublishedRecord>> byZone(Publication p) {
    Map<String, List<PublishedRecord>> m = new LinkedHashMap<>();
    for (PublishedRecord r : p.records()) {
      m.computeIfAbsent(r.zone(), z -> new ArrayList<>()).add(r);
    }
    return m;
  }

  private static AcmeException chain(@Nullable AcmeException first, AcmeException next) {
    if (first == null) {
      return next;
    }
    first.addSuppressed(next);
    return first;
  }
}
