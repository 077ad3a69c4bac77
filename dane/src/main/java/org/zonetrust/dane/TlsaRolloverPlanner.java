package org.zonetrust.dane;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Name;
import org.xbill.DNS.TLSARecord;
import org.xbill.DNS.Type;
import org.zonetrust.core.dns.Expectation;
import org.zonetrust.core.dns.PropagationChecker;
import org.zonetrust.core.dns.PropagationResult;

/**
 * Plans TLSA key rollovers that never break DANE, with the "current + next" practice of RFC 7671
 * section 8.1 and RFC 7672 section 3.1.2: the TLSA RRset always holds the key in use and the
 * pre-generated next key, so a switch is possible as soon as every resolver cache has seen it.
 *
 * <ol>
 *   <li>{@link #plan} gives the RRsets to publish now (current + next on every endpoint);
 *   <li>{@link #confirmServed} waits until every authoritative server serves them;
 *   <li>{@link #keyForRenewal} answers "which key does this renewal use?": {@code NEXT} only once
 *       the hold-down after the confirmation (the longest time a resolver may still hold the RRsets
 *       served before, plus a margin) has passed;
 *   <li>{@link #verifyBeforeSwitch} checks the published, DNSSEC-validated RRsets just before;
 *   <li>{@link #afterSwitch} retires the old key's records and gives the new steady state.
 * </ol>
 *
 * <p>Every decision is a pure function of its inputs and the clock: the planner keeps no state.
 * Immutable and thread-safe.
 */
public final class TlsaRolloverPlanner {
  private final List<TlsaEndpoint> endpoints;
  private final List<TlsaParameters> parameters;
  private final Duration ttl;
  private final Duration negativeTtl;
  private final Duration margin;
  private final Clock clock;
  private final TlsaGenerator generator;

  private TlsaRolloverPlanner(Builder b, Clock clock) {
    this.endpoints = List.copyOf(b.endpoints);
    this.parameters = List.copyOf(b.parameters);
    this.ttl = Objects.requireNonNull(b.ttl);
    this.negativeTtl = Objects.requireNonNull(b.negativeTtl);
    this.margin = b.margin;
    this.clock = clock;
    this.generator = TlsaGenerator.withTtl(ttl);
  }

  /**
   * A builder; endpoints, TTL, negative TTL and clock are required.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The endpoints whose TLSA RRsets the planner owns.
   *
   * @return the endpoints
   */
  public List<TlsaEndpoint> endpoints() {
    return endpoints;
  }

  /**
   * The parameters published for each key.
   *
   * @return the parameter sets, e.g. {@code [3 1 1]}
   */
  public List<TlsaParameters> parameters() {
    return parameters;
  }

  /**
   * The TTL of the published TLSA records.
   *
   * @return the TTL
   */
  public Duration ttl() {
    return ttl;
  }

  /**
   * The TLSA RRsets to publish now: the current key's records and, if given, the next key's, on
   * every endpoint with every parameter set (digest agility as in {@link TlsaGenerator}).
   *
   * @param current the key the servers use now
   * @param next the pre-generated next key, or {@code null} if none is ready (then no switch can
   *     ever be safe: {@link #keyForRenewal} answers {@code CURRENT})
   * @return the publish set
   * @throws DaneException if {@code next} is the current key, or a record cannot be made (selector
   *     0 of a key without certificate, usage 0/1 on SMTP)
   */
  public TlsaPublishSet plan(TlsaSource current, @Nullable TlsaSource next) throws DaneException {
    if (next != null && next.sameKey(current)) {
      throw new DaneException(
          "the next key is the current key ("
              + current
              + "): a rollover needs a different, pre-generated key pair");
    }
    List<TlsaRequest> requests = new ArrayList<>();
    for (TlsaParameters p : parameters) {
      requests.add(p.request(current));
    }
    if (next != null) {
      for (TlsaParameters p : parameters) {
        requests.add(p.request(next));
      }
    }
    return new TlsaPublishSet(current, next, generator.generate(endpoints, requests).records());
  }

  /**
   * Waits until every authoritative server of every owner name's zone serves exactly the planned
   * RRset, then records the time from the planner's clock.
   *
   * @param set what was published (e.g. with {@link TlsaPublishSet#update})
   * @param checker the propagation checker
   * @param previousTtl the TTL of the TLSA RRsets served before this set, or {@code null} if these
   *     owner names had none
   * @return a stage completing with the confirmation, or failing as {@link
   *     PropagationChecker#await} fails (e.g. a {@code PropagationTimeoutException})
   */
  public CompletionStage<TlsaConfirmation> confirmServed(
      TlsaPublishSet set, PropagationChecker checker, @Nullable Duration previousTtl) {
    List<CompletableFuture<PropagationResult>> waits = new ArrayList<>();
    for (Map.Entry<Name, List<TLSARecord>> e : set.byOwner().entrySet()) {
      waits.add(
          checker
              .await(e.getKey(), Type.TLSA, Expectation.exactly(e.getValue()))
              .toCompletableFuture());
    }
    CompletableFuture<Void> all = CompletableFuture.allOf(waits.toArray(CompletableFuture[]::new));
    CompletableFuture<?> unused =
        all.whenComplete(
            (v, t) -> {
              if (t != null) {
                waits.forEach(w -> w.cancel(false));
              }
            });
    return all.thenApply(
        v ->
            new TlsaConfirmation(
                set,
                clock.instant(),
                previousTtl,
                waits.stream().map(CompletableFuture::join).toList()));
  }

  /**
   * How long after the confirmation a resolver may still hold what was served before: the previous
   * TLSA TTL or the zone's negative TTL (a cached "no TLSA"), whichever is longer, plus the margin.
   *
   * @param previousTtl the TTL of the TLSA RRsets served before, or {@code null} if none
   * @return the hold-down
   */
  public Duration holdDown(@Nullable Duration previousTtl) {
    Duration longest =
        previousTtl != null && previousTtl.compareTo(negativeTtl) > 0 ? previousTtl : negativeTtl;
    return longest.plus(margin);
  }

  /**
   * When the servers may switch to the next key.
   *
   * @param confirmation when every authoritative server served the set
   * @return the confirmation time plus the {@link #holdDown hold-down}
   */
  public Instant switchSafeAt(TlsaConfirmation confirmation) {
    return confirmation.servedEverywhereAt().plus(holdDown(confirmation.previousTtl()));
  }

  /**
   * Which key a renewal now uses: {@code NEXT} only if the plan has a next key, its set was
   * confirmed on every authoritative server, and the hold-down has passed by the clock. Before the
   * servers actually switch, also run {@link #verifyBeforeSwitch}.
   *
   * @param plan the published set
   * @param confirmation its confirmation, or {@code null} if not (yet) confirmed
   * @return the decision, with the reason and when {@code NEXT} becomes safe
   * @throws IllegalArgumentException if the confirmation is of another set
   */
  public RenewalKeyDecision keyForRenewal(
      TlsaPublishSet plan, @Nullable TlsaConfirmation confirmation) {
    TlsaSource next = plan.next();
    if (next == null) {
      return new RenewalKeyDecision(
          RenewalKey.CURRENT,
          "no next key is ready: pre-generate one and publish its TLSA before any key change",
          null);
    }
    if (confirmation == null) {
      return new RenewalKeyDecision(
          RenewalKey.CURRENT,
          "the TLSA of the next key ("
              + next
              + ") is not yet confirmed on every authoritative server",
          null);
    }
    if (!confirmation.set().records().equals(plan.records())) {
      throw new IllegalArgumentException(
          "the confirmation is of another publish set: confirm the set that is published");
    }
    Instant safe = switchSafeAt(confirmation);
    Instant now = clock.instant();
    String why =
        "served everywhere at "
            + confirmation.servedEverywhereAt()
            + ", hold-down "
            + holdDown(confirmation.previousTtl())
            + (confirmation.previousTtl() == null
                ? " (negative TTL: no TLSA before)"
                : " (previous TLSA TTL " + confirmation.previousTtl() + ")")
            + " + margin";
    if (now.isBefore(safe)) {
      return new RenewalKeyDecision(
          RenewalKey.CURRENT,
          "resolvers may still hold the TLSA without the next key until " + safe + ": " + why,
          safe);
    }
    return new RenewalKeyDecision(
        RenewalKey.NEXT, "every resolver cache now holds the next key's TLSA: " + why, safe);
  }

  /**
   * Once every server presents the former next key: which records may go, and the new steady state
   * (the new current key plus a newer next key, if given). The retired records may be removed at
   * once, in the same update that adds the newer key: see {@link TlsaAfterSwitch}.
   *
   * @param switched the publish set the switch was made under (it must have a next key)
   * @param newer a newer pre-generated key, or {@code null}
   * @return the retired records and the new publish set
   * @throws DaneException if the set had no next key, or {@code newer} is the new current key or
   *     the retired key
   */
  public TlsaAfterSwitch afterSwitch(TlsaPublishSet switched, @Nullable TlsaSource newer)
      throws DaneException {
    TlsaSource now = switched.next();
    if (now == null) {
      throw new DaneException("the publish set has no next key: there was nothing to switch to");
    }
    if (newer != null && newer.sameKey(switched.current())) {
      throw new DaneException(
          "the newer key is the retired key (" + switched.current() + "): generate a new one");
    }
    TlsaPublishSet retiredOnly = plan(switched.current(), null);
    TlsaPublishSet steady = plan(now, newer);
    Set<String> keep = new HashSet<>();
    steady.records().forEach(r -> keep.add(r.getName() + " " + r.rdataToString()));
    List<TLSARecord> retired =
        retiredOnly.records().stream()
            .filter(r -> !keep.contains(r.getName() + " " + r.rdataToString()))
            .toList();
    return new TlsaAfterSwitch(retired, steady);
  }

  /**
   * Checks, just before the switch, that the published and DNSSEC-validated TLSA RRset of every
   * endpoint holds the next key with every planned parameter set. An insecure, bogus or
   * indeterminate answer, or a missing record, is a failure.
   *
   * @param lookup a validated TLSA lookup
   * @param next the key the servers are about to use
   * @return one verdict per endpoint
   * @throws DaneException if the next key cannot give a planned parameter set (selector 0 of a key)
   */
  public SwitchVerification verifyBeforeSwitch(TlsaLookup lookup, TlsaSource next)
      throws DaneException {
    List<TlsaParameters> expected = new ArrayList<>();
    for (TlsaRequest r :
        TlsaGenerator.withDigestAgility(parameters.stream().map(p -> p.request(next)).toList())) {
      TlsaParameters p = new TlsaParameters(r.usage(), r.selector(), r.matchingType());
      if (!expected.contains(p)) {
        expected.add(p);
      }
    }
    List<EndpointVerification> out = new ArrayList<>();
    for (TlsaEndpoint endpoint : endpoints) {
      out.add(RolloverChecks.verify(endpoint, lookup.lookup(endpoint.ownerName()), expected, next));
    }
    return new SwitchVerification(out);
  }

  /** A validated builder for {@link TlsaRolloverPlanner}. */
  public static final class Builder {
    private final List<TlsaEndpoint> endpoints = new ArrayList<>();
    private List<TlsaParameters> parameters = List.of(TlsaParameters.DANE_EE_SPKI_SHA256);
    private @Nullable Duration ttl;
    private @Nullable Duration negativeTtl;
    private Duration margin = Duration.ofMinutes(5);
    private @Nullable Clock clock;

    private Builder() {}

    /**
     * The endpoints whose TLSA RRsets the planner owns (required, no duplicates).
     *
     * @param endpoints e.g. {@code _25._tcp} on each MX host and {@code _443._tcp.www}
     * @return this builder
     */
    public Builder endpoints(List<TlsaEndpoint> endpoints) {
      this.endpoints.clear();
      this.endpoints.addAll(endpoints);
      return this;
    }

    /**
     * The parameters published for each key; default {@code 3 1 1}. Selector 1 only.
     *
     * @param parameters one or more parameter sets
     * @return this builder
     */
    public Builder parameters(List<TlsaParameters> parameters) {
      this.parameters = List.copyOf(parameters);
      return this;
    }

    /**
     * The TTL of the published TLSA records (required, whole seconds).
     *
     * @param ttl the TTL
     * @return this builder
     */
    public Builder ttl(Duration ttl) {
      this.ttl = ttl;
      return this;
    }

    /**
     * The zone's negative TTL (required): the smaller of the SOA MINIMUM and the SOA TTL (RFC 2308
     * section 5), the longest a resolver keeps "no TLSA here".
     *
     * @param negativeTtl the negative TTL
     * @return this builder
     */
    public Builder negativeTtl(Duration negativeTtl) {
      this.negativeTtl = negativeTtl;
      return this;
    }

    /**
     * Extra time added to every hold-down, for clock skew between hosts and resolvers that keep
     * answers a little past their TTL; default 5 minutes.
     *
     * @param margin zero or more
     * @return this builder
     */
    public Builder margin(Duration margin) {
      this.margin = margin;
      return this;
    }

    /**
     * The clock that decides when the switch is safe (required).
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /**
     * Validates and builds.
     *
     * @return the planner
     * @throws IllegalStateException if a required setting is missing or a value is unusable
     */
    public TlsaRolloverPlanner build() {
      RolloverChecks.validate(endpoints, parameters, ttl, negativeTtl, margin);
      Clock c = clock;
      if (c == null) {
        throw new IllegalStateException(
            "clock is required: pass Clock.systemUTC() in production, a fixed clock in tests");
      }
      return new TlsaRolloverPlanner(this, c);
    }
  }
}
