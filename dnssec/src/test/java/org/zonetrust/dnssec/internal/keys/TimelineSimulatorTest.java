package org.zonetrust.dnssec.internal.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.zonetrust.dnssec.DnssecAlgorithm;
import org.zonetrust.dnssec.KeyRolloverPolicy;
import org.zonetrust.dnssec.RolloverMethod;
import org.zonetrust.dnssec.RolloverTimeline;

class TimelineSimulatorTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private static TimelineSimulator.Durations run(KeyRolloverPolicy p, Duration parent)
      throws Exception {
    TimelineSimulator sim = new TimelineSimulator(p, parent, T0);
    TimelineSimulator.Durations d = sim.runPlan();
    RolloverTimeline t = sim.timeline();
    assertThat(d.firstRoll()).isPositive();
    assertThat(t.tracks()).isNotEmpty();
    assertThat(t.milestones()).anyMatch(m -> m.label().endsWith("roll complete"));
    return d;
  }

  @Test
  void defaultPolicyRollsBothKeys() throws Exception {
    TimelineSimulator.Durations d = run(KeyRolloverPolicy.defaults(), Duration.ofHours(1));
    assertThat(d.firstRoll())
        .isGreaterThanOrEqualTo(
            KeyRolloverPolicy.defaults().shortestRollover(org.zonetrust.dnssec.KeyRole.ZSK));
  }

  @Test
  void variants() throws Exception {
    run(KeyRolloverPolicy.defaultsCsk(), Duration.ofHours(1));
    run(KeyRolloverPolicy.fast(), Duration.ofSeconds(3));
    run(
        KeyRolloverPolicy.builder().name("dds").kskMethod(RolloverMethod.DOUBLE_DS).build(),
        Duration.ofHours(1));
    run(
        KeyRolloverPolicy.builder()
            .name("dsig")
            .zskMethod(RolloverMethod.DOUBLE_SIGNATURE)
            .algorithm(DnssecAlgorithm.RSASHA256)
            .build(),
        Duration.ofHours(1));
  }
}
