package org.zonetrust.dnssec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Safety proved by simulation: the real key manager and managed zone run for simulated years, and
 * the independent {@link ResolverCacheChecker} looks at every cached view the TTLs allow at every
 * event.
 */
class KeyRolloverSimulationTest {
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  @TempDir Path dir;

  @Test
  void threeYearsOfRollsAndOneAlgorithmRolloverKeepEveryCacheValidating() throws Exception {
    KeyRolloverPolicy rsa =
        KeyRolloverPolicy.builder().name("rsa").algorithm(DnssecAlgorithm.RSASHA256).build();
    RolloverSimulation sim =
        new RolloverSimulation(
            rsa, Duration.ofHours(6), Duration.ZERO, Duration.ofHours(1), dir, START);
    sim.runUntil(START.plus(Duration.ofDays(400)));
    sim.switchPolicy(KeyRolloverPolicy.defaults());
    sim.runUntil(START.plus(Duration.ofDays(3 * 365)));

    assertThat(sim.checker.violations()).isEmpty();
    assertThat(sim.deletedByRole.getOrDefault("ZSK", 0)).isGreaterThanOrEqualTo(34);
    assertThat(sim.deletedByRole.getOrDefault("KSK", 0)).isGreaterThanOrEqualTo(2);
    assertThat(sim.manager().status(RolloverSimulation.ZONE))
        .allSatisfy(k -> assertThat(k.algorithm()).isEqualTo(DnssecAlgorithm.ECDSAP256SHA256));
    assertThat(sim.parentServes())
        .isNotEmpty()
        .allSatisfy(ds -> assertThat(ds.getAlgorithm()).isEqualTo(13));
    assertThat(sim.events).anyMatch(e -> e.type().equals("dnssec.ds.requested"));
  }

  @Test
  void retiringOneHourEarlyIsCaught() throws Exception {
    RolloverSimulation sim =
        new RolloverSimulation(
            KeyRolloverPolicy.defaults(),
            Duration.ofHours(6),
            Duration.ofHours(1),
            Duration.ofHours(1),
            dir,
            START);
    sim.runUntil(START.plus(Duration.ofDays(40)));
    assertThat(sim.deletedByRole.getOrDefault("ZSK", 0)).isGreaterThanOrEqualTo(1);
    assertThat(sim.checker.violations()).isNotEmpty();
  }

  @Test
  void retiringOneHourEarlyIsCaughtWithoutSafetyMargins() throws Exception {
    KeyRolloverPolicy bare =
        KeyRolloverPolicy.builder()
            .name("bare")
            .publishSafety(Duration.ZERO)
            .retireSafety(Duration.ZERO)
            .build();
    RolloverSimulation good =
        new RolloverSimulation(
            bare, Duration.ofHours(6), Duration.ZERO, Duration.ZERO, dir.resolve("good"), START);
    good.runUntil(START.plus(Duration.ofDays(40)));
    assertThat(good.checker.violations()).isEmpty();

    RolloverSimulation broken =
        new RolloverSimulation(
            bare,
            Duration.ofHours(6),
            Duration.ofHours(1),
            Duration.ZERO,
            dir.resolve("broken"),
            START);
    broken.runUntil(START.plus(Duration.ofDays(40)));
    assertThat(broken.deletedByRole.getOrDefault("ZSK", 0)).isGreaterThanOrEqualTo(1);
    assertThat(broken.checker.violations()).isNotEmpty();
  }
}
