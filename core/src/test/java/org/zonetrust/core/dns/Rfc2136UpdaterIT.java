package org.zonetrust.core.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;
import static org.zonetrust.core.dns.TestbedDns.name;

import java.net.InetAddress;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;
import org.zonetrust.core.dns.DnsUpdateException.Reason;
import org.zonetrust.core.event.ZoneTrustEvent;
import org.zonetrust.testbed.Testbed;
import org.zonetrust.testbed.WithTestbed;

@WithTestbed
class Rfc2136UpdaterIT {

  @Test
  void addsAndDeletesThroughTsigAtBind(Testbed tb) throws Exception {
    Name zone = name(tb.createZone("upd"));
    Name owner = Name.fromString("_acme-challenge", zone);
    TXTRecord t1 = new TXTRecord(owner, DClass.IN, 60, "token-1");
    TXTRecord t2 = new TXTRecord(owner, DClass.IN, 60, "token-2");
    // An A record needs a host name (BIND's check-names refuses "_acme-challenge" for A).
    Name host = Name.fromString("host", zone);
    ARecord a = new ARecord(host, DClass.IN, 60, InetAddress.getByName("192.0.2.7"));
    List<ZoneTrustEvent> events = new CopyOnWriteArrayList<>();
    Rfc2136Updater updater =
        Rfc2136Updater.builder()
            .server(tb.bind())
            .tsigKey(TestbedDns.key(tb))
            .eventListener(events::add)
            .build();

    updater.apply(DnsUpdate.builder(zone).add(t1).add(t2).add(a).build());
    assertThat(TestbedDns.query(tb.bind(), owner, Type.TXT)).containsExactlyInAnyOrder(t1, t2);
    assertThat(TestbedDns.query(tb.bind(), host, Type.A)).containsExactly(a);

    updater.apply(DnsUpdate.builder(zone).delete(t1).build());
    assertThat(TestbedDns.query(tb.bind(), owner, Type.TXT)).containsExactly(t2);

    updater.apply(DnsUpdate.builder(zone).deleteRRset(owner, Type.TXT).build());
    assertThat(TestbedDns.query(tb.bind(), owner, Type.TXT)).isEmpty();
    assertThat(TestbedDns.query(tb.bind(), host, Type.A)).containsExactly(a);

    // Idempotent: deleting what is gone is not an error.
    updater.apply(DnsUpdate.builder(zone).delete(t1).build());

    // The same over IPv6.
    Rfc2136Updater v6 =
        Rfc2136Updater.builder().server(tb.bindIpv6()).tsigKey(TestbedDns.key(tb)).build();
    v6.apply(DnsUpdate.builder(zone).add(t1).build());
    assertThat(TestbedDns.query(tb.bindIpv6(), owner, Type.TXT)).containsExactly(t1);
    assertThat(events)
        .extracting(ZoneTrustEvent::type)
        .containsOnly("dns.update.applied")
        .hasSize(4);
    v6.apply(DnsUpdate.builder(zone).deleteName(owner).build());
    assertThat(TestbedDns.query(tb.bind(), owner, Type.TXT)).isEmpty();
  }

  @Test
  void wrongSecretIsTsigRejectedNamingZoneServerAndRcode(Testbed tb) throws Exception {
    Name zone = name(tb.createZone("badsig"));
    String wrong = Base64.getEncoder().encodeToString(new byte[32]);
    TsigKey key = TsigKey.of(tb.tsigKeyName(), TsigAlgorithm.HMAC_SHA256, wrong);
    Rfc2136Updater updater = Rfc2136Updater.builder().server(tb.bind()).tsigKey(key).build();
    String server = "127.0.0.1:" + tb.bindPort();
    DnsUpdate update =
        DnsUpdate.builder(zone)
            .add(new TXTRecord(Name.fromString("x", zone), DClass.IN, 60, "v"))
            .build();

    assertThatThrownBy(() -> updater.apply(update))
        .asInstanceOf(type(DnsUpdateException.class))
        .satisfies(
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.TSIG_REJECTED);
              assertThat(e.zone()).isEqualTo(zone.toString());
              assertThat(e.server()).isEqualTo(server);
              assertThat(e.rcode()).contains("BADSIG");
              assertThat(e.getMessage())
                  .contains(zone.toString(), server, "BADSIG")
                  .doesNotContain(wrong)
                  .doesNotContain(tb.tsigSecret());
            });
    assertThat(TestbedDns.query(tb.bind(), Name.fromString("x", zone), Type.TXT)).isEmpty();
  }

  @Test
  void unknownKeyNameIsBadKey(Testbed tb) throws Exception {
    Name zone = name(tb.createZone("badkey"));
    TsigKey key = TsigKey.of("no-such-key", TsigAlgorithm.HMAC_SHA256, tb.tsigSecret());
    Rfc2136Updater updater = Rfc2136Updater.builder().server(tb.bind()).tsigKey(key).build();
    assertThatThrownBy(
            () ->
                updater.apply(
                    DnsUpdate.builder(zone)
                        .add(new TXTRecord(Name.fromString("x", zone), DClass.IN, 60, "v"))
                        .build()))
        .asInstanceOf(type(DnsUpdateException.class))
        .satisfies(
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.TSIG_REJECTED);
              assertThat(e.rcode()).contains("BADKEY");
            });
  }

  @Test
  void failedPrerequisiteAppliesNothing(Testbed tb) throws Exception {
    Name zone = name(tb.createZone("prereq"));
    Name owner = Name.fromString("www", zone);
    Rfc2136Updater updater = TestbedDns.updater(tb);
    updater.apply(
        DnsUpdate.builder(zone)
            .add(new ARecord(owner, DClass.IN, 60, InetAddress.getByName("192.0.2.1")))
            .build());
    Set<String> before = TestbedDns.content(tb, zone);
    long serial = tb.soaSerial(tb.bind(), zone.toString());

    DnsUpdate update =
        DnsUpdate.builder(zone)
            .require(new DnsPrerequisite.RRsetExists(owner, Type.AAAA))
            .deleteRRset(owner, Type.A)
            .add(new TXTRecord(owner, DClass.IN, 60, "should not appear"))
            .add(new ARecord(owner, DClass.IN, 60, InetAddress.getByName("192.0.2.2")))
            .build();
    assertThatThrownBy(() -> updater.apply(update))
        .asInstanceOf(type(DnsUpdateException.class))
        .satisfies(
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.PREREQUISITE_FAILED);
              assertThat(e.rcode()).contains("NXRRSET");
            });
    assertThat(TestbedDns.content(tb, zone)).isEqualTo(before);
    assertThat(tb.soaSerial(tb.bind(), zone.toString())).isEqualTo(serial);

    assertThatThrownBy(
            () ->
                updater.apply(
                    DnsUpdate.builder(zone)
                        .require(new DnsPrerequisite.NameNotInUse(owner))
                        .add(new TXTRecord(owner, DClass.IN, 60, "nope"))
                        .build()))
        .asInstanceOf(type(DnsUpdateException.class))
        .extracting(DnsUpdateException::rcode)
        .isEqualTo(java.util.Optional.of("YXDOMAIN"));
    assertThat(TestbedDns.content(tb, zone)).isEqualTo(before);
  }

  @Test
  void refusedMultiChangeUpdateAppliesNothing(Testbed tb) throws Exception {
    // In test. the key may update DS NS A AAAA TXT only: the MX makes BIND refuse the whole
    // update, so the TXT that comes first must not appear either.
    Name parent = name(tb.parentZone());
    Name owner = Name.fromString("zt-refused-" + System.nanoTime(), parent);
    Record txt = new TXTRecord(owner, DClass.IN, 60, "first part");
    Record mx = new MXRecord(owner, DClass.IN, 60, 10, Name.fromString("mail", parent));
    Rfc2136Updater updater = TestbedDns.updater(tb);
    String server = "127.0.0.1:" + tb.bindPort();

    assertThatThrownBy(() -> updater.apply(DnsUpdate.builder(parent).add(txt).add(mx).build()))
        .asInstanceOf(type(DnsUpdateException.class))
        .satisfies(
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.REFUSED);
              assertThat(e.rcode()).contains("REFUSED");
              assertThat(e.getMessage()).contains("test.", server, "REFUSED");
            });
    assertThat(TestbedDns.query(tb.bind(), owner, Type.TXT)).isEmpty();
    assertThat(TestbedDns.query(tb.bind(), owner, Type.MX)).isEmpty();
  }
}
