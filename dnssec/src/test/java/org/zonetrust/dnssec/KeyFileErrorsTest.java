package org.zonetrust.dnssec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSKEYRecord;

class KeyFileErrorsTest {
  @TempDir Path dir;

  private Path write(SigningKey key) throws KeyFileException {
    return BindKeyFiles.write(key, dir, BindKeyFilesTest.CLOCK);
  }

  private Path privateFile(SigningKey key) {
    return dir.resolve(BindKeyFiles.baseName(key) + ".private");
  }

  /** Every value of the private file's material lines (the base64 text after the tag). */
  private static List<String> secrets(Path privateFile) throws Exception {
    List<String> out = new ArrayList<>();
    for (String line : Files.readAllLines(privateFile)) {
      String tag = line.substring(0, line.indexOf(':'));
      if (!List.of("Private-key-format", "Algorithm", "Created", "Publish", "Activate")
          .contains(tag)) {
        out.add(line.substring(line.indexOf(':') + 1).trim());
      }
    }
    assertThat(out).isNotEmpty();
    return out;
  }

  /** No 8-character piece of any secret value appears in the message or its causes. */
  private static void assertNoSecretIn(Throwable t, List<String> secrets) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      String message = String.valueOf(c.getMessage());
      for (String secret : secrets) {
        for (int i = 0; i + 8 <= secret.length(); i++) {
          assertThat(message).doesNotContain(secret.substring(i, i + 8));
        }
      }
    }
  }

  @ParameterizedTest
  @EnumSource(DnssecAlgorithm.class)
  void corruptPrivateValuesAreReportedWithoutTheKey(DnssecAlgorithm algorithm) throws Exception {
    SigningKey key = SigningKey.generate(ZONE, algorithm, KeyRole.ZSK);
    Path file = write(key);
    Path priv = privateFile(key);
    List<String> secrets = secrets(priv);
    String original = Files.readString(priv);
    String value = secrets.get(secrets.size() - 1);
    int line = original.substring(0, original.indexOf(value)).split("\n").length;

    // a character base64 does not have, in the middle of the last value
    String bad = value.substring(0, 10) + "-" + value.substring(11);
    Files.writeString(priv, original.replace(value, bad));
    KeyFileException e = catchKeyFileException(file);
    assertThat(e).hasMessageContaining(priv + ":" + line + ":").hasMessageContaining("base64");
    assertThat(e.line()).hasValue(line);
    assertNoSecretIn(e, secrets);
    assertNoSecretIn(e, List.of(bad));

    // a value cut short (still valid base64)
    String shortValue = value.substring(0, 16);
    Files.writeString(priv, original.replace(value, shortValue));
    e = catchKeyFileException(file);
    assertThat(e).hasMessageContaining(priv.toString());
    assertNoSecretIn(e, secrets);
  }

  @Test
  void rsaPrimesThatDoNotMakeTheModulusAreRefused() throws Exception {
    SigningKey key = SigningKey.generate(ZONE, DnssecAlgorithm.RSASHA256, KeyRole.ZSK);
    Path file = write(key);
    Path priv = privateFile(key);
    List<String> secrets = secrets(priv);
    String text = Files.readString(priv);
    String prime1 = text.lines().filter(l -> l.startsWith("Prime1:")).findFirst().orElseThrow();
    String prime2 = text.lines().filter(l -> l.startsWith("Prime2:")).findFirst().orElseThrow();
    Files.writeString(priv, text.replace(prime1, "Prime1:" + prime2.substring(7)));
    KeyFileException e = catchKeyFileException(file);
    assertThat(e).hasMessageContaining("Prime1 times Prime2 is not the Modulus");
    assertNoSecretIn(e, secrets);
  }

  @Test
  void truncatedFilesNameWhatIsMissing() throws Exception {
    SigningKey key = SigningKey.generate(ZONE, DnssecAlgorithm.RSASHA256, KeyRole.ZSK);
    Path file = write(key);
    Path priv = privateFile(key);
    List<String> lines = Files.readAllLines(priv);
    Files.write(priv, lines.subList(0, 6)); // up to Prime1
    assertThatThrownBy(() -> BindKeyFiles.read(file))
        .isInstanceOf(KeyFileException.class)
        .hasMessageContaining(priv.toString())
        .hasMessageContaining("no Prime2: line (file truncated?)");
    Files.write(priv, new byte[0]);
    assertThatThrownBy(() -> BindKeyFiles.read(file)).hasMessageContaining("is empty");
    Files.writeString(file, "; This is a zone-signing key\n");
    assertThatThrownBy(() -> BindKeyFiles.read(file))
        .isInstanceOf(KeyFileException.class)
        .hasMessageContaining(file + ": holds no DNSKEY record");
  }

  @Test
  void unknownAlgorithmIsNamed() throws Exception {
    // an RSASHA1-NSEC3-SHA1 key (algorithm 7) as BIND could have made it: we do not sign with it
    DNSKEYRecord dnskey =
        new DNSKEYRecord(ZONE, DClass.IN, 3600, 256, 3, 7, new byte[] {3, 1, 0, 1, 1, 2, 3, 4});
    String base = String.format("Kexample.test.+007+%05d", dnskey.getFootprint());
    Path file = Files.writeString(dir.resolve(base + ".key"), dnskey + "\n");
    Path priv = dir.resolve(base + ".private");
    Files.writeString(priv, "Private-key-format: v1.3\nAlgorithm: 7 (NSEC3RSASHA1)\n");
    Files.setPosixFilePermissions(priv, PosixFilePermissions.fromString("rw-------"));
    assertThatThrownBy(() -> BindKeyFiles.read(file))
        .isInstanceOf(KeyFileException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("algorithm 7 (RSASHA1-NSEC3-SHA1) is not supported");
    // the public half is enough for a DS, whatever the algorithm
    assertThat(BindKeyFiles.readDnskey(file)).isEqualTo(dnskey);
  }

  @Test
  void privateKeyOfAnotherKeyIsAMismatch() throws Exception {
    SigningKey a = SigningKey.generate(ZONE, DnssecAlgorithm.ED25519, KeyRole.ZSK);
    SigningKey b = SigningKey.generate(ZONE, DnssecAlgorithm.ED25519, KeyRole.ZSK);
    Path aFile = write(a);
    write(b);
    Files.delete(privateFile(a));
    Files.copy(privateFile(b), privateFile(a));
    assertThatThrownBy(() -> BindKeyFiles.read(aFile))
        .isInstanceOf(KeyFileException.class)
        .hasMessageContaining(privateFile(a).toString())
        .hasMessageContaining("does not match the public key");
  }

  @Test
  void missingFilesAndBadNames() throws Exception {
    Path missing = dir.resolve("Kexample.test.+013+12345.key");
    assertThatThrownBy(() -> BindKeyFiles.read(missing))
        .isInstanceOf(KeyFileException.class)
        .hasMessage(missing + ": no such file");
    Path bad = Files.writeString(dir.resolve("example.key"), "x");
    assertThatThrownBy(() -> BindKeyFiles.read(bad))
        .isInstanceOf(KeyFileException.class)
        .hasMessageContaining("not a BIND key file name");
    SigningKey key = SigningKey.generate(ZONE, DnssecAlgorithm.ED25519, KeyRole.ZSK);
    Path file = write(key);
    Path renamed = dir.resolve("Kexample.test.+015+00001.key");
    Files.move(file, renamed);
    assertThatThrownBy(() -> BindKeyFiles.read(renamed))
        .isInstanceOf(KeyFileException.class)
        .hasMessageContaining("key tag " + key.keyTag() + " differs from the file name");
  }

  @Test
  void worldReadablePrivateFileIsRefused() throws Exception {
    SigningKey key = SigningKey.generate(ZONE, DnssecAlgorithm.ECDSAP256SHA256, KeyRole.ZSK);
    Path file = write(key);
    Files.setPosixFilePermissions(privateFile(key), PosixFilePermissions.fromString("rw-r--r--"));
    assertThatThrownBy(() -> BindKeyFiles.read(file))
        .isInstanceOf(KeyFileException.class)
        .hasMessageContaining(privateFile(key).toString())
        .hasMessageContaining("accessible to all users")
        .hasMessageContaining("chmod 600");
    // group read, as for a bind group, is fine
    Files.setPosixFilePermissions(privateFile(key), PosixFilePermissions.fromString("rw-r-----"));
    assertThat(BindKeyFiles.read(file).keyTag()).isEqualTo(key.keyTag());
  }

  private static KeyFileException catchKeyFileException(Path file) {
    try {
      BindKeyFiles.read(file);
    } catch (KeyFileException e) {
      return e;
    }
    throw new AssertionError("no KeyFileException for " + file);
  }

  private static final org.xbill.DNS.Name ZONE = BindKeyFilesTest.ZONE;
}
