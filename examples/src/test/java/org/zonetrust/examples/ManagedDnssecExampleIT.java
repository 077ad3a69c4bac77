package org.zonetrust.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Rcode;
import org.zonetrust.testbed.Testbed;
import org.zonetrust.testbed.WithTestbed;

@WithTestbed
class ManagedDnssecExampleIT {

  @Test
  void theKeyManagerMakesTheZoneSecureAndRollsItsZskWhileUnboundValidates(Testbed tb)
      throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ManagedDnssecExample.Outcome o =
        ManagedDnssecExample.run(
            tb, "managed-it", new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String out = bytes.toString(StandardCharsets.UTF_8);
    System.out.print(out);

    assertThat(o.secure().getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(o.secure().getHeader().getFlag(Flags.AD)).as("AD in %s", o.secure()).isTrue();
    assertThat(o.afterRoll().getHeader().getFlag(Flags.AD)).as("AD in %s", o.afterRoll()).isTrue();
    assertThat(o.zskAfter()).isNotEqualTo(o.zskBefore());
    assertThat(out)
        .contains("DS set {KSK 13/")
        .contains("the parent serves the DS set {KSK 13/")
        .contains("Secure: Unbound answers www NOERROR, AD (validated)")
        .contains("ZSK " + o.zskBefore() + " replaced by " + o.zskAfter());
  }
}
