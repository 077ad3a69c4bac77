package org.zonetrust.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Update;
import org.zonetrust.testbed.epp.TestPki;
import org.zonetrust.testbed.tls.Mail;
import org.zonetrust.testbed.tls.StartTlsServer;
import org.zonetrust.testbed.tls.StartTlsServer.Protocol;

/**
 * The Postfix harness: resolves test zones through its own Unbound (so the mount namespace works),
 * and for an unsigned zone (no DANE possible) falls back to unauthenticated TLS and delivers.
 */
@WithTestbed
class PostfixServerIT {
  @Test
  void deliversToAnInsecureMxWithUnauthenticatedTlsAndLeavesTheHostAlone(
      Testbed testbed, @TempDir Path dir) throws Exception {
    String resolvConf = Files.readString(Path.of("/etc/resolv.conf"));
    String zone = testbed.createZone("postfix");
    String domain = zone.substring(0, zone.length() - 1);
    InetAddress mx = Loopback.v4(2);
    Update update = new Update(Dns.name(zone));
    update.add(new MXRecord(Dns.name(zone), DClass.IN, 60, 10, Dns.name("mx." + zone)));
    update.add(new ARecord(Dns.name("mx." + zone), DClass.IN, 60, mx));
    Dns.update(testbed.bind(), testbed.servers().tsig().toDnsjava(), update);

    TestPki pki = TestPki.create(dir, "Postfix harness CA");
    KeyStore store = pki.issueServer(List.of("mx." + domain));
    PrivateKey key = (PrivateKey) store.getKey("key", TestPki.KEY_STORE_PASSWORD.toCharArray());
    List<X509Certificate> chain = new ArrayList<>();
    for (Certificate c : store.getCertificateChain("key")) {
      chain.add((X509Certificate) c);
    }

    try (StartTlsServer smtp = StartTlsServer.start(Protocol.SMTP, key, chain, mx)) {
      PostfixServer postfix = testbed.startPostfix(Map.of(zone, smtp.port()));
      long master;
      try {
        assertThat(postfix.resolver().getAddress()).isNotEqualTo(Loopback.V4);
        assertThat(postfix.resolver().getPort()).isEqualTo(53);
        String to = "someone@" + domain;
        String id = postfix.submit("sender@zonetrust.invalid", to, "harness", "hello\n.dot");
        postfix.awaitLog(id + ": to=<" + to + ">.*status=sent", Duration.ofSeconds(30));
        Mail mail = smtp.awaitMail(Duration.ofSeconds(10));
        assertThat(mail.recipients()).containsExactly(to);
        assertThat(mail.data()).contains("Subject: harness").contains("\r\n.dot\r\n");
        assertThat(postfix.log()).contains("Untrusted TLS connection established to mx." + domain);
        assertThat(postfix.queue()).isEmpty();
        master =
            Long.parseLong(
                Files.readString(postfix.configDirectory().resolveSibling("queue/pid/master.pid"))
                    .trim());
        assertThat(PostfixServer.running(master)).isTrue();
      } finally {
        postfix.close();
      }
      assertThat(PostfixServer.running(master)).isFalse();
      assertThat(Files.readString(Path.of("/etc/resolv.conf"))).isEqualTo(resolvConf);
      assertThat(postfix.logFile()).exists().startsWith(testbed.logDirectory());
    }
  }
}
