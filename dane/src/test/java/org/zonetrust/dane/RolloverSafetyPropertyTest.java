package org.zonetrust.dane;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.xbill.DNS.Name;

/**
 * A simple model of DNS caching checks the planner's timing: at every instant, every TLSA answer a
 * resolver may hold (as the TTLs allow) contains the key the servers use at that instant. The same
 * checker catches a planner that switches one second early.
 *
 * <p>The model, in milliseconds: the publish set (current + next) reaches authoritative server
 * {@code i} at {@code s_i}; the planner observes it on every server at {@code c = max(s_i) + lag}
 * (lag under half a second: within one checker round). Before {@code s_i}, server {@code i} served
 * the previous RRset (current only, TTL {@code P}) or, since the planner cannot know when that
 * appeared, "no TLSA" (NODATA, the negative TTL {@code N}); without a previous RRset only NODATA. A
 * resolver keeps an answer fetched at {@code q} until {@code q + TTL + slack}, slack up to the
 * margin (clock skew, resolvers rounding up). The servers present the current key before the switch
 * and the next key from the switch; after the new certificate is served everywhere, the set becomes
 * next + newer at once. A cached NODATA before the switch is the status quo (no DANE yet), not a
 * failure; after the switch it counts as one (the promise is that every cache has the new key).
 */
class RolloverSafetyPropertyTest {
  private static final Instant BASE = Instant.parse("2026-11-27T00:00:00Z");
  private static TlsaSource current;
  private static TlsaSource next;

  enum Key {
    CURRENT,
    NEXT,
    NEWER
  }

  /** A cached answer: what it holds and the interval in which a resolver may answer with it. */
  record Cached(String what, Set<Key> keys, boolean nodata, long from, long until) {}

  @BeforeContainer
  static void keys() throws Exception {
    current = TlsaSource.of(TestCerts.keyPair("P-256").getPublic());
    next = TlsaSource.of(TestCerts.keyPair("P-256").getPublic());
  }

  @Property(tries = 400)
  void everyCacheHoldsTheKeyInUseAndOneSecondEarlyIsCaught(
      @ForAll @IntRange(min = 0, max = 172_800) int previousTtl,
      @ForAll boolean hadPrevious,
      @ForAll @IntRange(min = 0, max = 86_400) int negativeTtl,
      @ForAll @IntRange(min = 0, max = 3_600) int margin,
      @ForAll @Size(min = 1, max = 4) List<@IntRange(min = 0, max = 600_000) Integer> delays,
      @ForAll @IntRange(min = 0, max = 500) int lag,
      @ForAll @IntRange(min = 0, max = 86_400_000) int retireAfter,
      @ForAll Random random)
      throws Exception {
    TlsaRolloverPlanner planner =
        TlsaRolloverPlanner.builder()
            .endpoints(List.of(TlsaEndpoint.tcp(443, Name.fromConstantString("www.example."))))
            .ttl(Duration.ofHours(1))
            .negativeTtl(Duration.ofSeconds(negativeTtl))
            .margin(Duration.ofSeconds(margin))
            .clock(Clock.fixed(BASE, ZoneOffset.UTC))
            .build();
    TlsaPublishSet set = planner.plan(current, next);
    long t0 = 1_000_000;
    long confirmed = t0 + delays.stream().mapToLong(Integer::longValue).max().orElseThrow() + lag;
    Duration prev = hadPrevious ? Duration.ofSeconds(previousTtl) : null;
    Instant safe = planner.switchSafeAt(TlsaConfirmation.of(set, at(confirmed), prev));
    long switchAt = Duration.between(BASE, safe).toMillis();

    List<Cached> caches =
        caches(delays, t0, prev, negativeTtl, margin, switchAt + retireAfter, random);
    assertThat(violations(caches, switchAt, switchAt + retireAfter)).isEmpty();
    // With no hold-down at all (nothing cached before: zero TTLs, zero margin) nothing can be
    // stale, so an early switch is harmless; from one second of hold-down on it must be caught.
    long holdDown = Math.max(hadPrevious ? previousTtl : 0, negativeTtl) + (long) margin;
    if (holdDown >= 1) {
      long early = switchAt - 1_000;
      assertThat(violations(caches, early, switchAt + retireAfter))
          .as("a switch one second early must be caught")
          .isNotEmpty();
    }
  }

  private static Instant at(long ms) {
    return BASE.plusMillis(ms);
  }

  /** Every answer a resolver may hold, with the adversarial ones (fetched just before s_i). */
  private static List<Cached> caches(
      List<Integer> delays,
      long t0,
      Duration previousTtl,
      int negativeTtl,
      int margin,
      long retireAt,
      Random random) {
    List<Cached> out = new ArrayList<>();
    long slack = margin * 1000L;
    for (int delay : delays) {
      long s = t0 + delay;
      List<Long> oldFetches = List.of(s - 1, s - 1 - random.nextInt(1_000_000));
      for (long q : oldFetches) {
        out.add(new Cached("NODATA", Set.of(), true, q, q + negativeTtl * 1000L + slack));
        if (previousTtl != null) {
          out.add(
              new Cached(
                  "previous {current}",
                  EnumSet.of(Key.CURRENT),
                  false,
                  q,
                  q + previousTtl.toMillis() + slack));
        }
      }
      long ttl = 3_600_000L + slack;
      for (long q : List.of(s, s + random.nextInt(86_400_000), retireAt - 1)) {
        if (q >= s && q < retireAt) {
          out.add(
              new Cached("{current, next}", EnumSet.of(Key.CURRENT, Key.NEXT), false, q, q + ttl));
        }
      }
      out.add(
          new Cached(
              "{next, newer}", EnumSet.of(Key.NEXT, Key.NEWER), false, retireAt, retireAt + ttl));
    }
    return out;
  }

  /** The checker: instants at which a cached answer lacks the key the servers then present. */
  static List<String> violations(List<Cached> caches, long switchAt, long retireAt) {
    List<Long> instants = new ArrayList<>(List.of(switchAt - 1, switchAt, switchAt + 1, retireAt));
    for (Cached c : caches) {
      instants.add(c.from());
      instants.add(c.until() - 1);
    }
    List<String> out = new ArrayList<>();
    for (long t : instants) {
      Key inUse = t < switchAt ? Key.CURRENT : Key.NEXT;
      for (Cached c : caches) {
        boolean held = c.from() <= t && t < c.until();
        boolean statusQuo = c.nodata() && t < switchAt;
        if (held && !statusQuo && !c.keys().contains(inUse)) {
          out.add("at " + t + " a cache holds " + c + " while the servers present " + inUse);
        }
      }
    }
    return out;
  }
}
