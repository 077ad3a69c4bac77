package org.zonetrust.dnssec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random policies (TTLs, delays, margins, methods, lifetimes just above the shortest rollover) run
 * through the real key manager for a KSK lifetime and a KSK roll, judged by the independent {@link
 * ResolverCacheChecker}; half of the runs build a new key manager and managed zone before every
 * tick, as a cron job does.
 */
class KeyRolloverPropertyTest {
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  @Property(tries = 40)
  void randomPoliciesKeepEveryCacheValidating(
      @ForAll("policies") KeyRolloverPolicy policy, @ForAll boolean newProcessEveryTick)
      throws Exception {
    Path d = Files.createTempDirectory("zt-rollover-sim");
    RolloverSimulation sim =
        new RolloverSimulation(
            policy, Duration.ofMinutes(30), Duration.ZERO, policy.retireSafety(), d, START);
    sim.restartEveryTick = newProcessEveryTick;
    // each role's first roll starts when its lifetime ends; parent round trips come on top
    Duration span = Duration.ZERO;
    List<KeyRole> roles = policy.csk() ? List.of(KeyRole.CSK) : List.of(KeyRole.KSK, KeyRole.ZSK);
    for (KeyRole role : roles) {
      Duration done = policy.lifetime(role).plus(policy.shortestRollover(role).multipliedBy(2));
      span = done.compareTo(span) > 0 ? done : span;
    }
    span = span.plus(Duration.ofDays(3));
    try {
      sim.runUntil(START.plus(span));
    } finally {
      try (Stream<Path> files = Files.walk(d)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    assertThat(sim.checker.violations())
        .as(
            () ->
                describe(policy)
                    + "\n"
                    + String.join("\n", sim.log)
                    + "\n"
                    + sim.checker.violations().get(0))
        .isEmpty();
    for (KeyRole role : roles) {
      assertThat(sim.deletedByRole.getOrDefault(role.name(), 0))
          .as(() -> role + " rolls: " + describe(policy) + "\n" + String.join("\n", sim.log))
          .isGreaterThanOrEqualTo(1);
    }
  }

  @Provide
  Arbitrary<KeyRolloverPolicy> policies() {
    Arbitrary<Duration> ttl = Arbitraries.longs().between(1, 2 * 86_400L).map(Duration::ofSeconds);
    Arbitrary<Duration> small = Arbitraries.longs().between(0, 7_200).map(Duration::ofSeconds);
    Arbitrary<RolloverMethod> zsk =
        Arbitraries.of(RolloverMethod.PRE_PUBLICATION, RolloverMethod.DOUBLE_SIGNATURE);
    Arbitrary<RolloverMethod> ksk =
        Arbitraries.of(RolloverMethod.DOUBLE_KSK, RolloverMethod.DOUBLE_DS);
    Arbitrary<Boolean> csk = Arbitraries.of(false, false, true);
    return Combinators.combine(
            ttl,
            ttl,
            ttl,
            small,
            small,
            small,
            zsk,
            ksk.flatMap(k -> csk.map(c -> Map.entry(k, c))))
        .as(
            (dnskeyTtl, zoneTtl, dsTtl, margin, zoneDelay, parentDelay, zm, scheme) -> {
              Duration expire = Duration.ofDays(2);
              Duration largest = zoneTtl.compareTo(dnskeyTtl) >= 0 ? zoneTtl : dnskeyTtl;
              Duration refresh = expire.plus(largest).plus(zoneDelay).plus(margin).plusHours(1);
              KeyRolloverPolicy.Builder b =
                  KeyRolloverPolicy.builder()
                      .name("random")
                      .dnskeyTtl(dnskeyTtl)
                      .maxZoneTtl(zoneTtl)
                      .dsTtl(dsTtl)
                      .parentNegativeTtl(dsTtl)
                      .publishSafety(margin)
                      .retireSafety(margin)
                      .zonePropagationDelay(zoneDelay)
                      .parentPropagationDelay(parentDelay)
                      .soaExpire(expire)
                      .signatureValidity(
                          SignatureValidity.of(
                              refresh.multipliedBy(2), Duration.ofHours(1), Duration.ZERO, refresh))
                      .zskMethod(zm)
                      .kskMethod(scheme.getKey())
                      .csk(scheme.getValue())
                      .zskLifetime(Duration.ofDays(3650))
                      .kskLifetime(Duration.ofDays(3650))
                      .cskLifetime(Duration.ofDays(3650));
              KeyRolloverPolicy probe = b.build();
              return b.zskLifetime(probe.shortestRollover(KeyRole.ZSK).plusDays(1))
                  .kskLifetime(probe.shortestRollover(KeyRole.KSK).plusDays(2))
                  .cskLifetime(probe.shortestRollover(KeyRole.CSK).plusDays(2))
                  .build();
            });
  }

  static String describe(KeyRolloverPolicy p) {
    return p
        + " dnskeyTtl="
        + p.dnskeyTtl()
        + " zoneTtl="
        + p.maxZoneTtl()
        + " dsTtl="
        + p.dsTtl()
        + " margins="
        + p.retireSafety()
        + " zoneDelay="
        + p.zonePropagationDelay()
        + " parentDelay="
        + p.parentPropagationDelay()
        + " zsk="
        + p.zskMethod()
        + " ksk="
        + p.kskMethod()
        + " csk="
        + p.csk();
  }
}
