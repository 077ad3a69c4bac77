package org.zonetrust.acme.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Name;
import org.xbill.DNS.Resolver;
import org.zonetrust.core.dns.DnsUpdater;
import org.zonetrust.core.dns.PropagationChecker;
import org.zonetrust.core.event.EventListener;
import org.zonetrust.core.state.StateStore;

/**
 * Configures a {@link DnsChallengePublisher}; {@link #build()} validates. Not thread-safe.
 *
 * <p>Required: {@link #stateStore}, {@link #dnsUpdater} or {@link #dnsUpdaters} and {@link
 * #propagationChecker}.
 */
public final class DnsChallengePublisherBuilder {
  private static final Duration DEFAULT_TTL = Duration.ofMinutes(1);

  @Nullable StateStore stateStore;
  @Nullable Function<Name, DnsUpdater> updaters;
  @Nullable PropagationChecker propagationChecker;
  @Nullable Resolver resolver;
  Map<Name, Name> aliases = Map.of();
  Duration txtTtl = DEFAULT_TTL;
  Clock clock = Clock.systemUTC();
  EventListener events = EventListener.NONE;
  ZoneLocks zoneLocks = new ZoneLocks();
  Duration recoverOtherHostsAfter = Duration.ofHours(1);

  DnsChallengePublisherBuilder() {}

  /**
   * Where the journal lives ({@code acme/journal/<orderKey>}).
   *
   * @param stateStore the store
   * @return this builder
   */
  public DnsChallengePublisherBuilder stateStore(StateStore stateStore) {
    this.stateStore = stateStore;
    return this;
  }

  /**
   * One updater for every zone.
   *
   * @param updater the updater
   * @return this builder
   */
  public DnsChallengePublisherBuilder dnsUpdater(DnsUpdater updater) {
    this.updaters = zone -> updater;
    return this;
  }

  /**
   * The updater of each zone (the zone apex is passed); must not return null.
   *
   * @param updaters zone to updater
   * @return this builder
   */
  public DnsChallengePublisherBuilder dnsUpdaters(Function<Name, DnsUpdater> updaters) {
    this.updaters = updaters;
    return this;
  }

  /**
   * Waits until every authoritative server serves the values.
   *
   * @param checker the checker
   * @return this builder
   */
  public DnsChallengePublisherBuilder propagationChecker(PropagationChecker checker) {
    this.propagationChecker = checker;
    return this;
  }

  /**
   * The recursive resolver used to follow {@code _acme-challenge} CNAMEs and to find the zone of
   * each owner name (core's {@code AuthoritativeServers}). Only {@code sendAsync(Message,
   * Executor)} is called. Default: a new {@link ExtendedResolver} with the system's resolvers.
   *
   * @param resolver the resolver
   * @return this builder
   */
  public DnsChallengePublisherBuilder resolver(Resolver resolver) {
    this.resolver = resolver;
    return this;
  }

  /**
   * Explicit aliases, looked up without DNS: the key is {@code _acme-challenge.<domain>.} or the
   * domain itself, the value the absolute name where the TXT record is written.
   *
   * @param aliases the alias map (copied)
   * @return this builder
   */
  public DnsChallengePublisherBuilder aliases(Map<Name, Name> aliases) {
    this.aliases = Map.copyOf(aliases);
    return this;
  }

  /**
   * TTL of the TXT records (default 1 minute).
   *
   * @param ttl positive, whole seconds
   * @return this builder
   */
  public DnsChallengePublisherBuilder txtTtl(Duration ttl) {
    this.txtTtl = ttl;
    return this;
  }

  /**
   * Clock for event times (default system UTC).
   *
   * @param clock the clock
   * @return this builder
   */
  public DnsChallengePublisherBuilder clock(Clock clock) {
    this.clock = clock;
    return this;
  }

  /**
   * Receives {@code acme.challenge.published}, {@code .propagated}, {@code .removed} and {@code
   * .recovered} (default none).
   *
   * @param events the listener
   * @return this builder
   */
  public DnsChallengePublisherBuilder events(EventListener events) {
    this.events = events;
    return this;
  }

  /**
   * The per-zone locks that serialise updates (default: this publisher's own); share one instance
   * between publishers of one process.
   *
   * @param zoneLocks the locks
   * @return this builder
   */
  public DnsChallengePublisherBuilder zoneLocks(ZoneLocks zoneLocks) {
    this.zoneLocks = zoneLocks;
    return this;
  }

  /**
   * How old a journal entry written on another host must be before {@code recover()} cleans it
   * (default 1 hour). Entries of this host are cleaned as soon as their process is gone; another
   * host's process cannot be checked, so its entries are left alone while an order could still be
   * running.
   *
   * @param age positive duration, longer than any order takes
   * @return this builder
   */
  public DnsChallengePublisherBuilder recoverOtherHostsAfter(Duration age) {
    this.recoverOtherHostsAfter = age;
    return this;
  }

  /**
   * Validates and builds.
   *
   * @return the publisher
   * @throws IllegalStateException if a setting is missing or invalid; the message says which
   */
  public DnsChallengePublisher build() {
    require(stateStore, "stateStore", "stateStore(FileStateStore.open(dir, clock))");
    require(updaters, "dnsUpdater", "dnsUpdater(Rfc2136Updater.builder()...build())");
    require(propagationChecker, "propagationChecker", "propagationChecker(PropagationChecker...)");
    if (resolver == null) {
      try {
        resolver = new ExtendedResolver();
      } catch (RuntimeException e) {
        throw new IllegalStateException(
            "no system resolver found: pass resolver(new SimpleResolver(address))", e);
      }
    }
    require(aliases, "aliases", "aliases(Map.of())");
    require(clock, "clock", "clock(Clock.systemUTC())");
    require(events, "events", "events(EventListener.NONE)");
    require(zoneLocks, "zoneLocks", "zoneLocks(new ZoneLocks())");
    require(txtTtl, "txtTtl", "txtTtl(Duration.ofMinutes(1))");
    require(recoverOtherHostsAfter, "recoverOtherHostsAfter", "Duration.ofHours(1)");
    if (recoverOtherHostsAfter.isNegative() || recoverOtherHostsAfter.isZero()) {
      throw new IllegalStateException(
          "recoverOtherHostsAfter must be positive, got " + recoverOtherHostsAfter);
    }
    if (txtTtl.isNegative() || txtTtl.isZero() || txtTtl.toNanosPart() != 0) {
      throw new IllegalStateException(
          "txtTtl must be a positive whole number of seconds, got " + txtTtl);
    }
    aliases.forEach(
        (k, v) -> {
          if (!k.isAbsolute() || !v.isAbsolute()) {
            throw new IllegalStateException(
                "alias " + k + " -> " + v + " must use absolute names (ending with a dot)");
          }
        });
    return new DnsChallengePublisher(this);
  }

  private static void require(@Nullable Object value, String what, String example) {
    if (value == null) {
      throw new IllegalStateException(what + " is required: e.g. " + example);
    }
  }
}
