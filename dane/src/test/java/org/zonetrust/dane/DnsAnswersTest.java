package org.zonetrust.dane;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;
import org.zonetrust.dane.internal.DnsAnswers;

class DnsAnswersTest {
  private static final Name NAME = name("www.example.");

  private static Name name(String s) {
    try {
      return Name.fromString(s);
    } catch (Exception e) {
      throw new IllegalArgumentException(s, e);
    }
  }

  private static Message response(int rcode, boolean ad, Record... answers) {
    Message m = Message.newQuery(Record.newRecord(NAME, Type.A, DClass.IN));
    m.getHeader().setFlag(Flags.QR);
    m.getHeader().setRcode(rcode);
    if (ad) {
      m.getHeader().setFlag(Flags.AD);
    }
    for (Record r : answers) {
      m.addRecord(r, Section.ANSWER);
    }
    return m;
  }

  private static ARecord a(Name owner, String ip) throws Exception {
    return new ARecord(owner, DClass.IN, 60, java.net.InetAddress.getByName(ip));
  }

  @Test
  void adMeansSecureAndItsAbsenceInsecure() throws Exception {
    ValidatedAnswer secure =
        DnsAnswers.interpret(
            NAME, Type.A, response(Rcode.NOERROR, true, a(NAME, "192.0.2.1")), "r");
    assertThat(secure.status()).isEqualTo(DnssecStatus.SECURE);
    assertThat(secure.records()).hasSize(1);
    ValidatedAnswer insecure =
        DnsAnswers.interpret(
            NAME, Type.A, response(Rcode.NOERROR, false, a(NAME, "192.0.2.1")), "r");
    assertThat(insecure.status()).isEqualTo(DnssecStatus.INSECURE);
    assertThat(insecure.detail()).contains("no AD");
    ValidatedAnswer denial =
        DnsAnswers.interpret(NAME, Type.A, response(Rcode.NXDOMAIN, true), "r");
    assertThat(denial.status()).isEqualTo(DnssecStatus.SECURE);
    assertThat(denial.records()).isEmpty();
  }

  @Test
  void servfailIsBogusUnlessAnExtendedErrorSaysOtherwise() {
    ValidatedAnswer plain =
        DnsAnswers.interpret(NAME, Type.A, response(Rcode.SERVFAIL, false), "r");
    assertThat(plain.status()).isEqualTo(DnssecStatus.BOGUS);
    Message bogus = response(Rcode.SERVFAIL, false);
    bogus.addRecord(
        new OPTRecord(1232, 0, 0, 0, List.of(new ExtendedErrorCodeOption(6, "sig expired"))),
        Section.ADDITIONAL);
    ValidatedAnswer withEde = DnsAnswers.interpret(NAME, Type.A, bogus, "r");
    assertThat(withEde.status()).isEqualTo(DnssecStatus.BOGUS);
    assertThat(withEde.detail()).contains("EDE 6", "sig expired");
    Message network = response(Rcode.SERVFAIL, false);
    network.addRecord(
        new OPTRecord(1232, 0, 0, 0, List.of(new ExtendedErrorCodeOption(23, "network error"))),
        Section.ADDITIONAL);
    assertThat(DnsAnswers.interpret(NAME, Type.A, network, "r").status())
        .isEqualTo(DnssecStatus.INDETERMINATE);
    assertThat(DnsAnswers.interpret(NAME, Type.A, response(Rcode.REFUSED, false), "r").status())
        .isEqualTo(DnssecStatus.INDETERMINATE);
  }

  @Test
  void cnamesInTheAnswerAreFollowed() throws Exception {
    Name target = name("host.example.");
    Message m =
        response(
            Rcode.NOERROR,
            true,
            new CNAMERecord(NAME, DClass.IN, 60, target),
            a(target, "192.0.2.7"),
            a(name("elsewhere.example."), "192.0.2.8"));
    ValidatedAnswer answer = DnsAnswers.interpret(NAME, Type.A, m, "r");
    assertThat(answer.records()).singleElement().isEqualTo(a(target, "192.0.2.7"));
  }
}
