package org.zonetrust.testbed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;
import org.xbill.DNS.Update;

@WithTestbed
class SharedTestbedIT {

  @BeforeAll
  static void started(Testbed testbed) {
    System.out.println(
        "testbed started in " + testbed.startupTime().toMillis() + " ms: " + testbed);
  }

  @Test
  void bindServesTheSignedParentOnIpv4AndIpv6(Testbed testbed) {
    assertThat(testbed.bind().getAddress()).isEqualTo(testbed.ipv4());
    for (InetSocketAddress server : List.of(testbed.bind(), testbed.bindIpv6())) {
      Message response = Dns.query(server, "test.", Type.SOA, false, true);
      assertThat(response.getRcode()).isEqualTo(Rcode.NOERROR);
      assertThat(response.getHeader().getFlag(Flags.AA)).isTrue();
      assertThat(response.getSection(Section.ANSWER))
          .extracting(r -> r.getType())
          .contains(Type.SOA, Type.RRSIG);
    }
    assertThat(testbed.soaSerial(testbed.bindIpv6(), testbed.parentZone())).isPositive();
    Message ns1 = Dns.query(testbed.bind(), testbed.primaryNameServer(), Type.AAAA, false, false);
    assertThat(ns1.getSection(Section.ANSWER))
        .extracting(r -> ((AAAARecord) r).getAddress())
        .containsExactly(testbed.ipv6());
  }

  @Test
  void everySocketOnOurPortsBelongsToOurProcesses(Testbed testbed) {
    List<String> dns = BindServer.dnsSockets();
    Servers servers = testbed.servers();
    PortOwnership.verify(testbed.directory(), servers.bind().process(), testbed.bindPort(), dns);
    PortOwnership.verify(testbed.directory(), servers.knot().process(), testbed.knotPort(), dns);
    PortOwnership.verify(
        testbed.directory(), servers.unbound().process(), testbed.unboundPort(), dns);
    PortOwnership.verify(
        testbed.directory(),
        servers.pebble().process(),
        testbed.acmeDirectory().getPort(),
        List.of("tcp 127.0.0.1"));
    // and a foreign process on the port is detected
    assertThatThrownBy(
            () ->
                PortOwnership.verify(
                    testbed.directory(), servers.knot().process(), testbed.bindPort(), dns))
        .isInstanceOf(PortOwnership.PortCollisionException.class)
        .hasMessageContaining("shared with another process");
  }

  @Test
  void anUpdateWithTheTsigKeyReachesKnotByNotify(Testbed testbed) throws Exception {
    String zone = testbed.createZone("update");
    long before = testbed.soaSerial(testbed.knot(), zone);

    addTxt(testbed, zone, "_acme-challenge." + zone, "token-1");

    long after = awaitSerialAbove(testbed, testbed.knot(), zone, before);
    assertThat(after).isEqualTo(testbed.soaSerial(testbed.bind(), zone));
    Message txt = Dns.query(testbed.knotIpv6(), "_acme-challenge." + zone, Type.TXT, false, false);
    assertThat(txt.getSection(Section.ANSWER))
        .extracting(r -> r.rdataToString())
        .containsExactly("\"token-1\"");
  }

  @Test
  void aHeldSecondaryLagsUntilReleased(Testbed testbed) throws Exception {
    String zone = testbed.createZone("hold");
    long before = testbed.soaSerial(testbed.knot(), zone);
    testbed.holdSecondary(zone);

    addTxt(testbed, zone, "lag." + zone, "new");
    long primary = testbed.soaSerial(testbed.bind(), zone);
    assertThat(primary).isGreaterThan(before);
    // Knot has received BIND's NOTIFY for the new serial, and still serves the old one.
    String notify = "[" + zone + "] notify, incoming";
    Poll.untilTrue(
        "Knot to log the NOTIFY for serial " + primary,
        Duration.ofSeconds(10),
        null,
        () ->
            knotLog(testbed)
                .anyMatch(line -> line.contains(notify) && line.endsWith("serial " + primary)));
    assertThat(testbed.soaSerial(testbed.knot(), zone)).isEqualTo(before);

    testbed.releaseSecondary(zone);
    assertThat(awaitSerialAbove(testbed, testbed.knot(), zone, before)).isEqualTo(primary);
  }

  @Test
  void createZoneMakesTakenLabelsUnique(Testbed testbed) {
    String first = testbed.createZone("Twice");
    String second = testbed.createZone("twice");
    assertThat(first).isEqualTo("twice.test.");
    assertThat(second).isEqualTo("twice-2.test.");
    // delegated from test. (insecure): Unbound resolves it, without AD
    Message response = Dns.query(testbed.unbound(), second, Type.SOA, true, true);
    assertThat(response.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(response.getHeader().getFlag(Flags.AD)).isFalse();
    assertThatThrownBy(() -> testbed.createZone("not a label"))
        .isInstanceOf(TestbedException.class);
  }

  @Test
  void unboundValidatesTestWithTheTrustAnchor(Testbed testbed) throws Exception {
    for (InetSocketAddress resolver : List.of(testbed.unbound(), testbed.unboundIpv6())) {
      Message response = Dns.query(resolver, "test.", Type.SOA, true, true);
      assertThat(response.getRcode()).isEqualTo(Rcode.NOERROR);
      assertThat(response.getHeader().getFlag(Flags.AD)).isTrue();
    }
    assertThat(Files.readString(testbed.trustAnchorFile())).contains("DNSKEY", "257 3 13 ");
  }

  @Test
  void pebbleServesItsDirectoryOverHttpsTrustedByTheTestbedCa(Testbed testbed) throws Exception {
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(testbed.acmeTrustStore());
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, tmf.getTrustManagers(), null);
    HttpClient client = HttpClient.newBuilder().sslContext(tls).build();
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(testbed.acmeDirectory()).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("newAccount", "newOrder");
    assertThat(Files.readString(testbed.acmeServerCaPem())).startsWith("-----BEGIN CERTIFICATE");
    // the JDK's default trust store does not know our CA
    assertThatThrownBy(
            () ->
                HttpClient.newHttpClient()
                    .send(
                        HttpRequest.newBuilder(testbed.acmeDirectory()).build(),
                        HttpResponse.BodyHandlers.discarding()))
        .isInstanceOf(javax.net.ssl.SSLHandshakeException.class);
  }

  @Test
  void rndcAndKnotcTalkToOurServers(Testbed testbed) {
    assertThat(testbed.rndc("status")).contains("server is up and running");
    String zone = testbed.createZone("ctl");
    assertThat(testbed.knotc("zone-status", zone)).contains(zone, "role: slave");
    assertThatThrownBy(() -> testbed.rndc("no-such-command"))
        .isInstanceOf(TestbedException.class)
        .hasMessageContaining("rndc failed");
  }

  private static java.util.stream.Stream<String> knotLog(Testbed testbed) {
    try {
      return Files.readAllLines(testbed.logDirectory().resolve("knotd.log")).stream();
    } catch (java.io.IOException e) {
      throw new TestbedException("cannot read knotd.log", e);
    }
  }

  private static void addTxt(Testbed testbed, String zone, String owner, String text)
      throws Exception {
    Update update = new Update(Name.fromString(zone));
    update.add(new TXTRecord(Name.fromString(owner), DClass.IN, 60, text));
    Dns.update(
        testbed.bind(),
        new TSIG(
            Name.fromString(testbed.tsigAlgorithm() + "."),
            testbed.tsigKeyName(),
            testbed.tsigSecret()),
        update);
  }

  private static long awaitSerialAbove(
      Testbed testbed, InetSocketAddress server, String zone, long serial) {
    return Poll.until(
        server + " to serve " + zone + " with a serial above " + serial,
        Duration.ofSeconds(20),
        null,
        () -> Dns.soaSerial(server, zone).filter(s -> s > serial));
  }
}
