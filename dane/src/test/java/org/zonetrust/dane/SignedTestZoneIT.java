package org.zonetrust.dane;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TLSARecord;
import org.xbill.DNS.Type;
import org.zonetrust.testbed.Testbed;
import org.zonetrust.testbed.WithTestbed;

/** The test zone the DANE tests rely on: Unbound validates its TLSA, and a damaged one is bogus. */
@WithTestbed
class SignedTestZoneIT {
  private static final String TLSA =
      "_25._tcp.mx 60 IN TLSA 3 1 1 "
          + "0C72AC70B745AC19998811B131D662C9AC69DBDBE7CB23E5B514B56664C5D3D6";

  @Test
  void tlsaValidatesThroughUnboundAndADamagedOneIsBogus(Testbed testbed) throws IOException {
    List<String> lines = List.of("mx 60 IN A 127.0.0.1", TLSA);
    SignedTestZone zone = SignedTestZone.serve(testbed, "check", lines);

    Message good = ask(testbed, zone.name("_25._tcp.mx"));
    assertThat(good.getRcode()).as("%s", good).isEqualTo(Rcode.NOERROR);
    assertThat(good.getHeader().getFlag(Flags.AD)).as("AD in %s", good).isTrue();
    assertThat(good.getSection(Section.ANSWER)).anyMatch(r -> r instanceof TLSARecord);

    zone.corrupt(lines, "_25._tcp.mx", Type.TLSA);
    Message bad = ask(testbed, zone.name("_25._tcp.mx"));
    assertThat(bad.getRcode()).as("%s", bad).isEqualTo(Rcode.SERVFAIL);

    zone.replace(lines);
    Message again = ask(testbed, zone.name("_25._tcp.mx"));
    assertThat(again.getHeader().getFlag(Flags.AD)).as("AD in %s", again).isTrue();
  }

  private static Message ask(Testbed testbed, Name name) throws IOException {
    SimpleResolver resolver = new SimpleResolver(testbed.unbound());
    resolver.setTimeout(Duration.ofSeconds(5));
    resolver.setEDNS(0, 1232, ExtendedFlags.DO, List.of());
    return resolver.send(Message.newQuery(Record.newRecord(name, Type.TLSA, DClass.IN)));
  }
}
