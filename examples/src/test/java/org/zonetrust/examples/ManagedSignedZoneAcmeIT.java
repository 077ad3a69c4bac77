package org.zonetrust.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;
import org.zonetrust.acme.AcmeAccount;
import org.zonetrust.acme.AcmeCa;
import org.zonetrust.acme.AcmeDns01Client;
import org.zonetrust.acme.CertificateRequest;
import org.zonetrust.acme.IssuedCertificate;
import org.zonetrust.core.dns.PropagationChecker;
import org.zonetrust.core.state.FileStateStore;
import org.zonetrust.dnssec.DnssecAlgorithm;
import org.zonetrust.dnssec.KeyRole;
import org.zonetrust.dnssec.KeySetup;
import org.zonetrust.dnssec.ManagedSignedZone;
import org.zonetrust.dnssec.SigningKey;
import org.zonetrust.dnssec.ZoneFile;
import org.zonetrust.dnssec.ZonePublisher;
import org.zonetrust.dnssec.ZonePublishers;
import org.zonetrust.testbed.Testbed;
import org.zonetrust.testbed.WithTestbed;

/**
 * The ACME client publishes its DNS-01 challenge TXT records through a {@link ManagedSignedZone}:
 * the zone is signed by ZoneTrust, served by BIND from a file ({@code rndc reload} after each
 * change), its DS is in {@code test.}. A publisher hook asks BIND and the validating Unbound right
 * after each publication, so the test sees what Pebble and the propagation checker saw.
 */
@WithTestbed
class ManagedSignedZoneAcmeIT {
  @TempDir Path dir;

  /** What BIND and Unbound answered for the challenge name right after one publication. */
  record Observation(long txtValues, boolean bindSigned, boolean unboundAd, String detail) {}

  @Test
  void issuesACertificateWhileTheChallengeTxtIsSigned(Testbed tb) throws Exception {
    String zone = "managed-acme.test.";
    String domain = zone.substring(0, zone.length() - 1);
    Name origin = Name.fromString(zone);
    Name challenge = Name.fromString("_acme-challenge." + zone);
    Clock clock = Clock.systemUTC();
    FileStateStore store = FileStateStore.open(dir.resolve("state"), clock);

    Path first = dir.resolve("first.db");
    AtomicReference<ZonePublisher> target =
        new AtomicReference<>(ZonePublishers.masterFile(first, List.of()));
    List<Observation> seen = new CopyOnWriteArrayList<>();
    Set<Long> challengeTtls = new CopyOnWriteArraySet<>();
    ZonePublisher observed =
        (signed, previous) -> {
          target.get().publish(signed, previous);
          signed.records().stream()
              .filter(r -> r.getName().equals(challenge) && r.getType() == Type.TXT)
              .forEach(r -> challengeTtls.add(r.getTTL()));
          if (signed.records().stream().anyMatch(r -> r.getName().equals(challenge))) {
            seen.add(
                observe(tb, zone, challenge, ((SOARecord) signed.records().get(0)).getSerial()));
          }
        };
    Path unsigned = dir.resolve("unsigned.db");
    Files.writeString(
        unsigned,
        "$TTL 60\n@ SOA ns1.test. hostmaster 1 60 60 600 60\n@ NS ns1.test.\nwww A 127.0.0.1\n");
    ManagedSignedZone managed =
        ManagedSignedZone.builder()
            .origin(origin)
            .records(ZoneFile.read(unsigned, origin))
            .store(store)
            .publisher(observed)
            .clock(clock)
            .maxTtl(Duration.ofSeconds(60))
            .build();
    managed.setKeys(
        KeySetup.of(
            List.of(
                SigningKey.generate(origin, DnssecAlgorithm.ECDSAP256SHA256, KeyRole.KSK),
                SigningKey.generate(origin, DnssecAlgorithm.ECDSAP256SHA256, KeyRole.ZSK)),
            Duration.ofMinutes(1)));
    tb.addSignedZone(zone, first, true); // BIND serves it, DS in test.
    target.set(ZonePublishers.masterFile(tb.signedZoneFile(zone), tb.rndcCommand("reload", zone)));

    SimpleResolver resolver = new SimpleResolver(tb.bind());
    Map<Name, Integer> ports = Map.of(Name.fromString(tb.primaryNameServer()), tb.bindPort());
    IssuedCertificate cert;
    try (PropagationChecker propagation =
        PropagationChecker.builder()
            .resolver(resolver)
            .port((ns, address) -> ports.getOrDefault(ns, 53))
            .timeout(Duration.ofSeconds(30))
            .build()) {
      AcmeDns01Client client =
          AcmeDns01Client.builder()
              .ca(AcmeCa.of(tb.acmeDirectory(), tb.acmeTrustStore()))
              .account(
                  AcmeAccount.builder()
                      .contact("mailto:hostmaster@" + domain)
                      .agreeToTermsOfService(true)
                      .build())
              .stateStore(store)
              .dnsUpdater(managed)
              .propagationChecker(propagation)
              .resolver(resolver)
              .pemFiles(dir.resolve("certs"))
              .challengeTtl(Duration.ofSeconds(30))
              .clock(clock)
              .build();
      cert =
          client.issue(
              CertificateRequest.builder().id("managed").names(domain, "*." + domain).build());
    }

    assertThat(cert.names()).containsExactly(domain, "*." + domain);
    assertThat(seen).as("publications with a challenge TXT").isNotEmpty();
    assertThat(seen).allSatisfy(o -> assertThat(o.bindSigned()).as("%s", o).isTrue());
    assertThat(seen).anySatisfy(o -> assertThat(o.unboundAd()).as("%s", o).isTrue());
    assertThat(seen).anySatisfy(o -> assertThat(o.txtValues()).isEqualTo(2)); // apex + wildcard
    assertThat(challengeTtls).as("the client's challengeTtl").containsExactly(30L);
    assertThat(managed.unsignedRecords()).noneMatch(r -> r.getName().equals(challenge));
    Message after = ask(tb.bind(), challenge, false);
    assertThat(after.getSection(Section.ANSWER)).as("%s", after).isEmpty();
  }

  private static Observation observe(Testbed tb, String zone, Name challenge, long serial) {
    try {
      // rndc reload queues the load: poll until BIND serves this publication's serial
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (tb.soaSerial(tb.bind(), zone) != serial) {
        if (System.nanoTime() > deadline) {
          return new Observation(-1, false, false, "BIND never served serial " + serial);
        }
        Thread.sleep(20);
      }
      Message bind = ask(tb.bind(), challenge, false);
      List<Record> answer = bind.getSection(Section.ANSWER);
      long values = answer.stream().filter(r -> r instanceof TXTRecord).count();
      boolean signed =
          answer.stream()
              .anyMatch(r -> r instanceof RRSIGRecord s && s.getTypeCovered() == Type.TXT);
      tb.unboundControl("flush_zone", zone);
      tb.unboundControl("flush_negative");
      Message unbound = ask(tb.unbound(), challenge, true);
      boolean ad =
          unbound.getHeader().getFlag(Flags.AD)
              && unbound.getSection(Section.ANSWER).stream().anyMatch(r -> r instanceof TXTRecord);
      return new Observation(values, values > 0 && signed, ad, "serial " + serial + ": " + bind);
    } catch (IOException | RuntimeException e) {
      return new Observation(-1, false, false, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Observation(-1, false, false, e.toString());
    }
  }

  private static Message ask(InetSocketAddress server, Name name, boolean recursive)
      throws IOException {
    SimpleResolver resolver = new SimpleResolver(server);
    resolver.setTimeout(Duration.ofSeconds(2));
    resolver.setEDNS(0, 1232, ExtendedFlags.DO, List.of());
    Message query = Message.newQuery(Record.newRecord(name, Type.TXT, DClass.IN));
    if (!recursive) {
      query.getHeader().unsetFlag(Flags.RD);
    }
    return resolver.send(query);
  }
}
