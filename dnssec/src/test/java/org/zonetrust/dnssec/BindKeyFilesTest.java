package org.zonetrust.dnssec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.xbill.DNS.Name;

class BindKeyFilesTest {
  static final Name ZONE = Name.fromConstantString("example.test.");
  static final Instant NOW = Instant.parse("2025-03-04T05:06:07Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(DnssecAlgorithm.class)
  void writtenKeysReadBackWithTheSameMaterial(DnssecAlgorithm algorithm) throws Exception {
    SigningKey key = SigningKey.generate(ZONE, algorithm, KeyRole.ZSK);
    Path file = BindKeyFiles.write(key, dir, CLOCK);

    String base = BindKeyFiles.baseName(key);
    assertThat(file.getFileName().toString()).isEqualTo(base + ".key");
    assertThat(base)
        .isEqualTo(String.format("Kexample.test.+%03d+%05d", algorithm.code(), key.keyTag()));
    assertThat(Files.getPosixFilePermissions(dir.resolve(base + ".private")))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(Files.getPosixFilePermissions(file))
        .isEqualTo(PosixFilePermissions.fromString("rw-r--r--"));
    try (var listing = Files.list(dir)) {
      assertThat(listing).hasSize(2); // no temporary file left behind
    }

    SigningKey read = BindKeyFiles.read(file);
    assertThat(read.dnskey()).isEqualTo(key.dnskey());
    assertThat(read.dnskey().getTTL()).isEqualTo(3600);
    assertThat(read.role()).isEqualTo(KeyRole.ZSK);
    assertThat(read.timing()).isEqualTo(KeyTiming.createdAt(NOW));
    // same private key: deterministic signatures agree (RSA and EdDSA are deterministic anyway)
    assertThat(Signatures.signAndVerify(read.withDeterministicEcdsa()))
        .isEqualTo(Signatures.sign(key.withDeterministicEcdsa()));
    // a key read from disk signs with every provider
    for (SigningProvider p : SigningProvider.values()) {
      if (p != SigningProvider.ACCP
          || org.zonetrust.dnssec.internal.CryptoProviders.accp().isPresent()) {
        Signatures.signAndVerify(read.withProvider(p));
      }
    }
    // the .private path and the base name work as well
    assertThat(BindKeyFiles.read(dir.resolve(base + ".private")).keyTag()).isEqualTo(key.keyTag());
    assertThat(BindKeyFiles.read(dir.resolve(base)).keyTag()).isEqualTo(key.keyTag());
  }

  @Test
  void filesLookLikeDnssecKeygensOutput() throws Exception {
    SigningKey key = SigningKey.generate(ZONE, DnssecAlgorithm.ECDSAP256SHA256, KeyRole.KSK);
    Path file = BindKeyFiles.write(key, dir, CLOCK);
    String pub = Files.readString(file);
    assertThat(pub)
        .startsWith("; This is a key-signing key, keyid " + key.keyTag() + ", for example.test.\n")
        .contains("; Created: 20250304050607 (Tue Mar  4 05:06:07 2025)\n")
        .contains("; Publish: 20250304050607")
        .contains("; Activate: 20250304050607")
        .contains("example.test. 3600 IN DNSKEY 257 3 13 ");
    List<String> priv = Files.readAllLines(dir.resolve(BindKeyFiles.baseName(key) + ".private"));
    assertThat(priv).hasSize(6);
    assertThat(priv.get(0)).isEqualTo("Private-key-format: v1.3");
    assertThat(priv.get(1)).isEqualTo("Algorithm: 13 (ECDSAP256SHA256)");
    assertThat(priv.get(2)).matches("PrivateKey: [A-Za-z0-9+/]{43}=");
    assertThat(priv.subList(3, 6))
        .containsExactly(
            "Created: 20250304050607", "Publish: 20250304050607", "Activate: 20250304050607");
  }

  @Test
  void keepsTheTimingOfAKeyThatHasOne() throws Exception {
    KeyTiming timing =
        new KeyTiming(
            Optional.of(Instant.parse("2020-01-01T00:00:00Z")),
            Optional.of(Instant.parse("2020-01-02T00:00:00Z")),
            Optional.of(Instant.parse("2020-01-03T00:00:00Z")),
            Optional.of(Instant.parse("2021-01-01T00:00:00Z")),
            Optional.of(Instant.parse("2021-02-01T00:00:00Z")));
    SigningKey key =
        SigningKey.generate(ZONE, DnssecAlgorithm.ED25519, KeyRole.ZSK).withTiming(timing);
    assertThat(BindKeyFiles.read(BindKeyFiles.write(key, dir, CLOCK)).timing()).isEqualTo(timing);
  }

  @Test
  void refusesToOverwriteAKeyFile() throws Exception {
    SigningKey key = SigningKey.generate(ZONE, DnssecAlgorithm.ED25519, KeyRole.ZSK);
    Path file = BindKeyFiles.write(key, dir, CLOCK);
    String before = Files.readString(file);
    assertThatThrownBy(() -> BindKeyFiles.write(key, dir, CLOCK))
        .isInstanceOf(KeyFileException.class)
        .hasMessageContaining(BindKeyFiles.baseName(key))
        .hasMessageContaining("refusing to overwrite");
    // only the .private exists: still refused, and the .key is not created
    Files.delete(file);
    assertThatThrownBy(() -> BindKeyFiles.write(key, dir, CLOCK))
        .isInstanceOf(KeyFileException.class)
        .hasMessageContaining(".private");
    assertThat(file).doesNotExist();
    Files.writeString(file, before);
  }

  @Test
  void roleComesFromStateFileOrFlagsOrCaller() throws Exception {
    SigningKey ksk = SigningKey.generate(ZONE, DnssecAlgorithm.ECDSAP256SHA256, KeyRole.KSK);
    SigningKey zsk = SigningKey.generate(ZONE, DnssecAlgorithm.ECDSAP256SHA256, KeyRole.ZSK);
    SigningKey csk = SigningKey.generate(ZONE, DnssecAlgorithm.ECDSAP256SHA256, KeyRole.CSK);
    Path kskFile = BindKeyFiles.write(ksk, dir, CLOCK);
    Path zskFile = BindKeyFiles.write(zsk, dir, CLOCK);
    Path cskFile = BindKeyFiles.write(csk, dir, CLOCK);
    assertThat(BindKeyFiles.read(kskFile).role()).isEqualTo(KeyRole.KSK);
    assertThat(BindKeyFiles.read(zskFile).role()).isEqualTo(KeyRole.ZSK);
    // a CSK is written like a KSK (flags 257, no .state) ...
    assertThat(BindKeyFiles.read(cskFile).role()).isEqualTo(KeyRole.KSK);
    // ... and the caller, or a .state file as BIND's dnssec-policy writes it, says otherwise
    assertThat(BindKeyFiles.read(cskFile, KeyRole.CSK).role()).isEqualTo(KeyRole.CSK);
    Files.writeString(
        dir.resolve(BindKeyFiles.baseName(csk) + ".state"),
        "; This is the state of key "
            + csk.keyTag()
            + ", for example.test.\n"
            + "Algorithm: 13\nLength: 256\nLifetime: 0\nKSK: yes\nZSK: yes\n"
            + "Generated: 20250304050607 (Tue Mar  4 05:06:07 2025)\n");
    assertThat(BindKeyFiles.read(cskFile).role()).isEqualTo(KeyRole.CSK);
    assertThatThrownBy(() -> BindKeyFiles.read(kskFile, KeyRole.ZSK))
        .isInstanceOf(KeyFileException.class)
        .hasMessageContaining("ZSK needs DNSKEY flags 256, not 257");
  }

  @Test
  void readsAllKeysOfAZoneSorted() throws Exception {
    assertThat(BindKeyFiles.readDirectory(dir, ZONE)).isEmpty();
    SigningKey zsk = SigningKey.generate(ZONE, DnssecAlgorithm.ECDSAP256SHA256, KeyRole.ZSK);
    SigningKey ksk = SigningKey.generate(ZONE, DnssecAlgorithm.ECDSAP256SHA256, KeyRole.KSK);
    SigningKey ed = SigningKey.generate(ZONE, DnssecAlgorithm.ED25519, KeyRole.ZSK);
    SigningKey other =
        SigningKey.generate(
            Name.fromConstantString("other.test."), DnssecAlgorithm.ED25519, KeyRole.ZSK);
    for (SigningKey k : List.of(ed, zsk, other, ksk)) {
      BindKeyFiles.write(k, dir, CLOCK);
    }
    Files.writeString(dir.resolve("README"), "not a key");
    List<SigningKey> keys =
        BindKeyFiles.readDirectory(dir, Name.fromConstantString("EXAMPLE.test."));
    assertThat(keys)
        .extracting(SigningKey::dnskey)
        .containsExactly(ksk.dnskey(), zsk.dnskey(), ed.dnskey());

    Files.delete(dir.resolve(BindKeyFiles.baseName(zsk) + ".private"));
    assertThatThrownBy(() -> BindKeyFiles.readDirectory(dir, ZONE))
        .isInstanceOf(KeyFileException.class)
        .hasMessageContaining(BindKeyFiles.baseName(zsk) + ".private")
        .hasMessageContaining("no such file");
    assertThatThrownBy(() -> BindKeyFiles.readDirectory(dir.resolve("nope"), ZONE))
        .isInstanceOf(KeyFileException.class)
        .hasMessageContaining("no such directory");
  }

  @Test
  void readDnskeyNeedsOnlyThePublicFile() throws Exception {
    SigningKey key = SigningKey.generate(ZONE, DnssecAlgorithm.ECDSAP384SHA384, KeyRole.KSK);
    Path file = BindKeyFiles.write(key, dir, CLOCK);
    Files.delete(dir.resolve(BindKeyFiles.baseName(key) + ".private"));
    assertThat(BindKeyFiles.readDnskey(file)).isEqualTo(key.dnskey());
  }
}
