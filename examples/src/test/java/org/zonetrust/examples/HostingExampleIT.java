package org.zonetrust.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.zonetrust.core.dns.PropagationResult;
import org.zonetrust.core.dns.ServerStatus;
import org.zonetrust.testbed.Testbed;
import org.zonetrust.testbed.WithTestbed;

@WithTestbed
class HostingExampleIT {

  @Test
  void publishesAndWaitsForEveryAuthoritativeAddress(Testbed tb) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PropagationResult result =
        HostingExample.run(tb, "example-it", new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String out = bytes.toString(StandardCharsets.UTF_8);

    assertThat(result.servers()).hasSize(4).allMatch(ServerStatus::confirmed);
    assertThat(result.servers())
        .extracting(s -> s.address().getPort())
        .containsOnly(tb.bindPort(), tb.knotPort());
    assertThat(out)
        .contains("Published", "Served by every authoritative server", "Gone from every");
  }
}
