package org.zonetrust.dnssec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.zonetrust.testbed.Tools;

/**
 * Signs the test zone {@code verify/example.test.zone} with the real peers ({@code
 * dnssec-signzone}, {@code ldns-signzone}, {@code kzonesign}) with keys from their own key tools.
 * Every signature is valid from 2024-01-01 to 2034-01-01, so {@link #VALID} is inside the window.
 */
final class PeerSigners {
  static final Name ORIGIN = Name.fromConstantString("example.test.");
  static final Clock VALID = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);
  static final Clock EXPIRED = Clock.fixed(Instant.parse("2035-01-01T00:00:00Z"), ZoneOffset.UTC);
  static final Clock TOO_EARLY = Clock.fixed(Instant.parse("2023-06-01T00:00:00Z"), ZoneOffset.UTC);

  /** The denial of existence to ask the peer for. */
  enum Denial {
    NSEC,
    NSEC3,
    NSEC3_OPT_OUT
  }

  private PeerSigners() {}

  static Path unsignedZone(Path dir) throws IOException {
    Path zone = dir.resolve("example.test.zone");
    try (InputStream in = PeerSigners.class.getResourceAsStream("/verify/example.test.zone")) {
      Files.copy(in, zone, StandardCopyOption.REPLACE_EXISTING);
    }
    return zone;
  }

  /** {@code dnssec-keygen} KSK and ZSK (ECDSA P-256), then {@code dnssec-signzone -S}. */
  static List<Record> bind(Path dir, Denial denial) throws Exception {
    Path zone = unsignedZone(dir);
    Tools.run(dir, "dnssec-keygen", "-q", "-a", "ECDSAP256SHA256", "-f", "KSK", "example.test")
        .requireOk();
    Tools.run(dir, "dnssec-keygen", "-q", "-a", "ECDSAP256SHA256", "example.test").requireOk();
    List<String> args =
        new ArrayList<>(
            List.of(
                "-S",
                "-K",
                ".",
                "-o",
                "example.test",
                "-s",
                "20240101000000",
                "-e",
                "20340101000000",
                "-N",
                "keep",
                "-f",
                "signed.zone"));
    if (denial != Denial.NSEC) {
      args.addAll(List.of("-3", "-", "-H", "0"));
    }
    if (denial == Denial.NSEC3_OPT_OUT) {
      args.add("-A");
    }
    args.add(zone.getFileName().toString());
    Tools.run(dir, java.time.Duration.ofMinutes(2), "dnssec-signzone", args).requireOk();
    return ZoneFile.read(dir.resolve("signed.zone"), ORIGIN);
  }

  /** {@code ldns-keygen} KSK and ZSK (ECDSA P-256), then {@code ldns-signzone}. */
  static List<Record> ldns(Path dir, Denial denial) throws Exception {
    Path zone = unsignedZone(dir);
    String ksk =
        Tools.run(dir, "ldns-keygen", "-a", "ECDSAP256SHA256", "-k", "example.test")
            .requireOk()
            .output()
            .trim();
    String zsk =
        Tools.run(dir, "ldns-keygen", "-a", "ECDSAP256SHA256", "example.test")
            .requireOk()
            .output()
            .trim();
    List<String> args =
        new ArrayList<>(
            List.of("-i", "20240101", "-e", "20340101", "-o", "example.test", "-f", "signed.zone"));
    if (denial != Denial.NSEC) {
      args.addAll(List.of("-n", "-t", "0"));
    }
    if (denial == Denial.NSEC3_OPT_OUT) {
      args.add("-p");
    }
    args.addAll(List.of(zone.getFileName().toString(), ksk, zsk));
    Tools.run(dir, java.time.Duration.ofMinutes(2), "ldns-signzone", args).requireOk();
    return ZoneFile.read(dir.resolve("signed.zone"), ORIGIN);
  }

  /** {@code kzonesign} with a KASP policy (it generates its own KSK and ZSK, ECDSA P-256). */
  static List<Record> knot(Path dir, Denial denial) throws Exception {
    Path zone = unsignedZone(dir);
    Files.createDirectories(dir.resolve("out"));
    String nsec3 =
        switch (denial) {
          case NSEC -> "    nsec3: off\n";
          case NSEC3 -> "    nsec3: on\n    nsec3-iterations: 0\n    nsec3-salt-length: 0\n";
          case NSEC3_OPT_OUT ->
              "    nsec3: on\n    nsec3-iterations: 0\n    nsec3-salt-length: 0\n"
                  + "    nsec3-opt-out: on\n";
        };
    String conf =
        "server:\n    rundir: \""
            + dir
            + "\"\n"
            + "database:\n    storage: \""
            + dir
            + "\"\n    kasp-db: \""
            + dir.resolve("kasp")
            + "\"\n"
            + "policy:\n  - id: test\n    algorithm: ecdsap256sha256\n"
            + nsec3
            + "    rrsig-lifetime: 3650d\n"
            + "zone:\n  - domain: example.test.\n    storage: \""
            + dir
            + "\"\n"
            + "    file: \""
            + zone
            + "\"\n    dnssec-signing: on\n    dnssec-policy: test\n";
    Files.writeString(dir.resolve("knot.conf"), conf, StandardCharsets.UTF_8);
    // 2024-01-01T00:00:00Z: signatures then run to 2034
    Tools.run(dir, "kzonesign", "-c", "knot.conf", "-o", "out", "-t", "1704067200", "example.test.")
        .requireOk();
    return ZoneFile.read(dir.resolve("out/example.test.zone"), ORIGIN);
  }
}
