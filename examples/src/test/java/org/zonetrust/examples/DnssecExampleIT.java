package org.zonetrust.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;
import org.zonetrust.testbed.Testbed;
import org.zonetrust.testbed.WithTestbed;

@WithTestbed
class DnssecExampleIT {

  @Test
  void signedZoneWithTlsaValidatesThroughUnboundBeforeAndAfterAnIncrementalChange(Testbed tb)
      throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Message shop =
        DnssecExample.run(tb, "dnssec-it", new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String out = bytes.toString(StandardCharsets.UTF_8);

    assertThat(shop.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(shop.getHeader().getFlag(Flags.AD)).as("AD in %s", shop).isTrue();
    assertThat(shop.getSection(Section.ANSWER)).anyMatch(r -> r.getType() == Type.A);
    assertThat(out)
        .contains("ZoneVerifier: dnssec-it.test.: OK (NSEC3)")
        .contains("DS via the registrar SPI: APPLIED")
        .contains("DS of dnssec-it.test. in test.:")
        .contains("www NOERROR, AD (validated)")
        .contains("nothing-here NXDOMAIN, AD (validated)")
        .contains("_443._tcp.www.dnssec-it.test. TLSA NOERROR, AD (validated), 2 records")
        .contains("_25._tcp.mx1.dnssec-it.test. TLSA NOERROR, AD (validated), 2 records")
        .contains("TLSA served by every authoritative server at")
        .contains("Key for the next renewal: RenewalKeyDecision[key=CURRENT")
        .contains("verifyBeforeSwitch: ready to switch:");
  }
}
