package org.zonetrust.testbed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * {@link Testbed#addSignedZone} and {@link Testbed#reloadSignedZone} with a zone file that has no
 * SEP key (so the delegation is insecure): the file mechanics, names and errors. The signed path
 * (DS in {@code test.}, AD through Unbound, SERVFAIL after damage) is proven by the dnssec module's
 * {@code UnboundEndToEndIT}.
 */
@WithTestbed
class SignedZoneIT {

  @Test
  void aZoneFileIsServedByBindDelegatedAndReloaded(Testbed testbed, @TempDir Path dir)
      throws Exception {
    String zone = "file.test.";
    testbed.addSignedZone(zone, write(dir, "v1", zone, 7, "192.0.2.7"));

    assertThat(testbed.soaSerial(testbed.bind(), zone)).isEqualTo(7);
    Message ns = Dns.query(testbed.bind(), zone, Type.NS, false, false);
    assertThat(ns.getSection(Section.AUTHORITY).toString() + ns.getSection(Section.ANSWER))
        .contains("ns1.test.");
    Message www = Dns.query(testbed.unbound(), "www." + zone, Type.A, true, true);
    assertThat(www.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(www.getHeader().getFlag(Flags.AD)).isFalse(); // no DS: insecure
    assertThat(www.getSection(Section.ANSWER).get(0).rdataToString()).isEqualTo("192.0.2.7");

    Path sameSerial = write(dir, "v1b", zone, 7, "192.0.2.8");
    assertThatThrownBy(() -> testbed.reloadSignedZone(zone, sameSerial))
        .isInstanceOf(TestbedException.class)
        .hasMessageContaining("change the SOA serial");
    testbed.reloadSignedZone(zone, write(dir, "v2", zone, 8, "192.0.2.9"));
    assertThat(testbed.soaSerial(testbed.bind(), zone)).isEqualTo(8);
    Message again = Dns.query(testbed.unbound(), "www." + zone, Type.A, true, true);
    assertThat(again.getSection(Section.ANSWER).get(0).rdataToString()).isEqualTo("192.0.2.9");

    assertThatThrownBy(() -> testbed.addSignedZone(zone, write(dir, "v3", zone, 9, "192.0.2.1")))
        .isInstanceOf(TestbedException.class)
        .hasMessageContaining("already");
    assertThat(testbed.createZone("file")).isEqualTo("file-2.test.");
  }

  @Test
  void onlyChildrenOfTestAreAccepted(Testbed testbed, @TempDir Path dir) throws Exception {
    Path file = write(dir, "x", "x.example.", 1, "192.0.2.1");
    assertThatThrownBy(() -> testbed.addSignedZone("x.example.", file))
        .isInstanceOf(TestbedException.class)
        .hasMessageContaining("not a child of test.");
    assertThatThrownBy(() -> testbed.addSignedZone("a.b.test.", file))
        .isInstanceOf(TestbedException.class);
    assertThatThrownBy(() -> testbed.reloadSignedZone("never.test.", file))
        .isInstanceOf(TestbedException.class)
        .hasMessageContaining("addSignedZone");
  }

  private static Path write(Path dir, String name, String zone, long serial, String address)
      throws Exception {
    Path file = dir.resolve(name + ".zone");
    Files.writeString(
        file,
        "$ORIGIN "
            + zone
            + "\n$TTL 60\n@ SOA ns1.test. hostmaster.test. "
            + serial
            + " 60 30 600 60\n@ NS ns1.test.\nwww A "
            + address
            + "\n");
    return file;
  }
}
