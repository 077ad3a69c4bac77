package org.zonetrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.DSRecord;
import org.xbill.DNS.Name;
import org.zonetrust.core.dns.ParentDsChannel;
import org.zonetrust.core.dns.ParentDsView;
import org.zonetrust.core.state.FileStateStore;
import org.zonetrust.dnssec.KeyManager;
import org.zonetrust.dnssec.KeyRolloverPolicy;
import org.zonetrust.dnssec.ManagedSignedZone;
import org.zonetrust.dnssec.ZoneFile;

/** {@code keys status} on a state made by a key manager, and {@code manage}'s config errors. */
class KeysAndManageCommandTest {
  @TempDir Path dir;

  @Test
  void keysStatusWithoutStateExitsOne() throws Exception {
    CliRun r = CliRun.of("keys", "status", "--state", dir.toString(), "--zone", "example.com");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.CHECK_FAILED);
    assertThat(r.out()).contains("example.com.: no key state in " + dir);
  }

  @Test
  void keysStatusPrintsOneLinePerKeyAndNoSecret() throws Exception {
    Name zone = Name.fromString("example.com.");
    Clock clock = Clock.systemUTC();
    FileStateStore store = FileStateStore.open(dir, clock);
    Path unsigned = dir.resolve("unsigned.db");
    Files.writeString(
        unsigned, "$TTL 2\n@ SOA ns1 hostmaster 1 60 60 600 2\n@ NS ns1\nns1 A 192.0.2.1\n");
    ManagedSignedZone managed =
        ManagedSignedZone.builder()
            .origin(zone)
            .records(ZoneFile.read(unsigned, zone))
            .store(store)
            .publisher((signed, previous) -> {})
            .clock(clock)
            .policy(KeyRolloverPolicy.fast())
            .build();
    ParentDsChannel parent =
        new ParentDsChannel() {
          @Override
          public void request(Name z, Set<DSRecord> desired) {}

          @Override
          public ParentDsView observe(Name z) {
            return new ParentDsView(z, Optional.of(Set.of()), "test parent");
          }
        };
    KeyManager keys =
        KeyManager.builder().store(store).policy(KeyRolloverPolicy.fast()).parent(parent).build();
    keys.register(managed);
    keys.tick(zone, clock);

    CliRun r = CliRun.of("keys", "status", "--state", dir.toString(), "--zone", "example.com.");
    assertThat(r.exitCode()).as(r.err()).isZero();
    List<String> lines = r.out().lines().toList();
    assertThat(lines.get(0)).isEqualTo("example.com.: 2 keys");
    assertThat(lines.subList(1, lines.size()))
        .hasSize(2)
        .anyMatch(l -> l.startsWith("KSK ECDSAP256SHA256/") && l.contains(" ds=hidden"))
        .anyMatch(l -> l.startsWith("ZSK ECDSAP256SHA256/") && l.contains(" ds=hidden"))
        .allMatch(l -> l.matches(".* dnskey=(rumoured|omnipresent) .*"))
        .allMatch(l -> l.contains(" retiring=no "))
        .noneMatch(l -> l.contains("PRIVATE") || l.contains("Private"));
  }

  @Test
  void manageNamesFileAndMissingKey() throws Exception {
    Path zones = Files.createDirectories(dir.resolve("zones"));
    Path file = zones.resolve("a.properties");
    Files.writeString(
        file,
        "zone = a.example.\npublish = master-file\nmaster-file = a.db\n"
            + "parent = dnsupdate://127.0.0.1:53?key=k.\n");
    CliRun r = CliRun.of("manage", "--state", dir.toString());
    assertThat(r.exitCode()).isEqualTo(ExitCodes.ERROR);
    assertThat(r.err()).contains(file.toString()).contains("parent-resolver: missing");
  }

  @Test
  void manageRefusesUnknownKeysAndBadValues() throws Exception {
    Path zones = Files.createDirectories(dir.resolve("zones"));
    Path file = zones.resolve("b.properties");
    String base =
        "zone = b.example.\nmaster-file = b.db\nparent = dnsupdate://127.0.0.1:53?key=k.\n"
            + "parent-resolver = 127.0.0.1\n";
    Files.writeString(file, base + "publish = master-file\nparent-secret = hunter2\n");
    CliRun r = CliRun.of("manage", "--state", dir.toString());
    assertThat(r.exitCode()).isEqualTo(ExitCodes.ERROR);
    assertThat(r.err()).contains(file + ": parent-secret: unknown key").doesNotContain("hunter2");

    Files.writeString(file, base + "publish = master-file\nadd-command = rndc addzone b.example\n");
    r = CliRun.of("manage", "--state", dir.toString());
    assertThat(r.exitCode()).isEqualTo(ExitCodes.ERROR);
    assertThat(r.err()).contains(file + ": add-command: runs only when reload-command fails");

    Files.writeString(file, base + "publish = ftp\n");
    r = CliRun.of("manage", "--state", dir.toString());
    assertThat(r.exitCode()).isEqualTo(ExitCodes.ERROR);
    assertThat(r.err()).contains(file + ": publish: 'ftp'");

    Path policy = dir.resolve("policy.properties");
    Files.writeString(policy, "ds-ttl = forever\n");
    Files.writeString(file, base + "publish = master-file\npolicy = ../policy.properties\n");
    r = CliRun.of("manage", "--state", dir.toString());
    assertThat(r.exitCode()).isEqualTo(ExitCodes.ERROR);
    assertThat(r.err()).contains(file + ": policy: ").contains("'ds-ttl'");
  }

  @Test
  void manageRefusesACdsParentWhenThePolicyPublishesNoCds() throws Exception {
    Path zones = Files.createDirectories(dir.resolve("zones"));
    Path file = zones.resolve("c.properties");
    Path policy = dir.resolve("nocds.properties");
    Files.writeString(policy, "base = fast\ncds = false\n");
    Path records = dir.resolve("c.unsigned");
    Files.writeString(records, "$TTL 2\n@ SOA ns1 hostmaster 1 60 30 600 2\n@ NS ns1\n");
    Files.writeString(
        file,
        "zone = c.example.\npublish = master-file\nmaster-file = c.db\nparent = cds:\n"
            + "parent-resolver = 127.0.0.1\npolicy = "
            + policy
            + "\nrecords = "
            + records
            + "\n");
    CliRun r = CliRun.of("manage", "--state", dir.toString());
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.ERROR);
    assertThat(r.err()).contains(file + ": parent: cds: needs a policy that publishes CDS");
    assertThat(zones.resolve("c.db")).as("nothing published").doesNotExist();
  }

  @Test
  void manageWithoutZonesDirectoryFails() {
    CliRun r = CliRun.of("manage", "--state", dir.toString());
    assertThat(r.exitCode()).isEqualTo(ExitCodes.ERROR);
    assertThat(r.err()).contains("no zone configuration directory");
  }
}
