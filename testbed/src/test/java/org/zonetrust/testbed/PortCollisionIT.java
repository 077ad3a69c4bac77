package org.zonetrust.testbed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A second named started on the port of the running one still answers (through the first one), so
 * only the ownership check notices; the start is then retried on fresh ports.
 */
@WithTestbed
class PortCollisionIT {
  @TempDir Path dir;

  @Test
  void aSecondNamedOnATakenPortIsDetectedAndMovedToFreePorts(Testbed testbed) {
    TsigKey key = TsigKey.random("other-key.");
    Ports.forceNext(testbed.bindPort(), Ports.pick(1)[0]);
    assertThatThrownBy(() -> BindServer.start(dir.resolve("once"), key, Duration.ofSeconds(30)))
        .isInstanceOf(PortOwnership.PortCollisionException.class)
        .hasMessageContaining(String.valueOf(testbed.bindPort()))
        .hasMessageContaining("shared with another process");

    Ports.forceNext(testbed.bindPort(), Ports.pick(1)[0]);
    BindServer second =
        Servers.retryOnCollision(
            "named", () -> BindServer.start(dir.resolve("retried"), key, Duration.ofSeconds(30)));
    try {
      assertThat(second.port()).isNotEqualTo(testbed.bindPort());
      assertThat(
              testbed.soaSerial(
                  new java.net.InetSocketAddress(testbed.ipv4(), second.port()), "test."))
          .isPositive();
    } finally {
      second.process().stop();
    }
    assertThat(second.process().isAlive()).isFalse();
    // the shared named was not disturbed
    assertThat(testbed.rndc("status")).contains("server is up and running");
  }
}
