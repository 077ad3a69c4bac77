package org.zonetrust.dnssec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.xbill.DNS.Name;
import org.zonetrust.testbed.Tools;

/**
 * Our key files against BIND 9.18's own tools: keys from {@code dnssec-keygen} load with the right
 * tag, role and DS; keys we write give the same DS in {@code dnssec-dsfromkey} and sign a zone with
 * {@code dnssec-signzone} that {@code dnssec-verify} accepts, which proves the .private files.
 */
class BindKeyFilesIT {
  private static final Name ZONE = Name.fromConstantString("example.test.");
  private static final Pattern BASE = Pattern.compile("(Kexample\\.test\\.\\+(\\d{3})\\+(\\d{5}))");

  @TempDir Path dir;

  private String keygen(String... args) {
    String out = Tools.run(dir, "dnssec-keygen", args).requireOk().output();
    Matcher m = BASE.matcher(out);
    assertThat(m.find()).as(out).isTrue();
    return m.group(1);
  }

  private String dsfromkey(String option, String value, String keyFile) {
    List<String> args =
        value.isEmpty() ? List.of(option, keyFile) : List.of(option, value, keyFile);
    return Tools.run(dir, java.time.Duration.ofMinutes(1), "dnssec-dsfromkey", args)
        .requireOk()
        .output()
        .strip();
  }

  private static String dsLine(SigningKey key, DigestType type) {
    var ds = key.ds(type, 0);
    return key.zone() + " IN DS " + ds.rdataToString();
  }

  @ParameterizedTest
  @EnumSource(DnssecAlgorithm.class)
  void keysFromDnssecKeygenLoadWithTheirTagRoleAndDs(DnssecAlgorithm algorithm) throws Exception {
    String zsk = keygen("-a", algorithm.mnemonic(), "-K", ".", "example.test");
    String ksk = keygen("-a", algorithm.mnemonic(), "-f", "KSK", "-K", ".", "example.test");
    for (String base : List.of(zsk, ksk)) {
      Matcher m = BASE.matcher(base);
      assertThat(m.matches()).isTrue();
      SigningKey key = BindKeyFiles.read(dir.resolve(base + ".key"));
      assertThat(key.algorithm()).isEqualTo(algorithm);
      assertThat(key.keyTag()).isEqualTo(Integer.parseInt(m.group(3)));
      assertThat(key.role()).isEqualTo(base.equals(ksk) ? KeyRole.KSK : KeyRole.ZSK);
      assertThat(key.timing().created()).isPresent();
      assertThat(key.timing().activate()).isPresent();
      assertThat(BindKeyFiles.baseName(key)).isEqualTo(base);
      assertThat(dsLine(key, DigestType.SHA256))
          .isEqualToIgnoringCase(dsfromkey("-2", "", base + ".key"));
      assertThat(dsLine(key, DigestType.SHA384))
          .isEqualToIgnoringCase(dsfromkey("-a", "SHA-384", base + ".key"));
      Signatures.signAndVerify(key);
    }
  }

  @ParameterizedTest
  @EnumSource(DnssecAlgorithm.class)
  void keysWeWriteWorkInDsfromkeyAndSignzone(DnssecAlgorithm algorithm) throws Exception {
    Clock past = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);
    SigningKey ksk = SigningKey.generate(ZONE, algorithm, KeyRole.KSK);
    SigningKey zsk = SigningKey.generate(ZONE, algorithm, KeyRole.ZSK);
    Path kskFile = BindKeyFiles.write(ksk, dir, past);
    BindKeyFiles.write(zsk, dir, past);

    assertThat(dsfromkey("-2", "", kskFile.getFileName().toString()))
        .isEqualToIgnoringCase(dsLine(ksk, DigestType.SHA256));
    assertThat(dsfromkey("-a", "SHA-384", kskFile.getFileName().toString()))
        .isEqualToIgnoringCase(dsLine(ksk, DigestType.SHA384));

    Files.writeString(
        dir.resolve("example.test.zone"),
        String.join(
            "\n",
            "$TTL 300",
            "@ IN SOA ns1 hostmaster 1 3600 900 604800 300",
            "@ IN NS ns1",
            "ns1 IN A 192.0.2.53",
            "www IN A 192.0.2.1",
            "www IN AAAA 2001:db8::1",
            "mail IN MX 10 www",
            ""));
    Tools.run(
            dir,
            "dnssec-signzone",
            "-K",
            ".",
            "-S",
            "-o",
            "example.test.",
            "-f",
            "signed.zone",
            "example.test.zone")
        .requireOk();
    String signed = Files.readString(dir.resolve("signed.zone"));
    // both our keys were found and used: the KSK signs the DNSKEY RRset, the ZSK the rest
    assertThat(signed)
        .contains(" " + ksk.keyTag() + " example.test.")
        .contains(" " + zsk.keyTag() + " example.test.");
    Tools.run(dir, "dnssec-verify", "-o", "example.test.", "signed.zone").requireOk();
  }
}
