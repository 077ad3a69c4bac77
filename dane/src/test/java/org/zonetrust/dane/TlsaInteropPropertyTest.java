package org.zonetrust.dane;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.zonetrust.testbed.Tools;

/**
 * Our TLSA rdata equals what openssl pipelines and hash-slinger's {@code tlsa --create} compute,
 * for RSA 2048 and EC P-256/P-384 keys, leaf and CA certificates.
 */
class TlsaInteropPropertyTest {
  private static final HexFormat HEX = HexFormat.of();

  @Provide
  Arbitrary<String> kinds() {
    return Arbitraries.of("RSA", "P-256", "P-384");
  }

  @Property(tries = 20)
  void rdataMatchesOpensslAndHashSlinger(
      @ForAll("kinds") String kind, @ForAll boolean ca, @ForAll boolean askTlsa) throws Exception {
    KeyPair issuer = TestCerts.keyPair("P-256");
    KeyPair subject = TestCerts.keyPair(kind);
    X509Certificate cert =
        TestCerts.cert(ca ? "ca" : "leaf", subject, "issuer", issuer.getPrivate(), ca, 7);
    Path dir = Files.createTempDirectory("tlsa");
    try {
      Files.writeString(dir.resolve("c.pem"), TestCerts.pem(cert), StandardCharsets.US_ASCII);
      TlsaSource src = TlsaSource.of(cert);
      String spki = "openssl x509 -in c.pem -noout -pubkey | openssl pkey -pubin -outform DER";
      String der = "openssl x509 -in c.pem -outform DER";
      assertThat(ours(Selector.SUBJECT_PUBLIC_KEY_INFO, MatchingType.SHA256, src))
          .isEqualTo(digest(dir, spki + " | openssl dgst -sha256 -r"));
      assertThat(ours(Selector.SUBJECT_PUBLIC_KEY_INFO, MatchingType.SHA512, src))
          .isEqualTo(digest(dir, spki + " | openssl dgst -sha512 -r"));
      assertThat(ours(Selector.SUBJECT_PUBLIC_KEY_INFO, MatchingType.FULL, src))
          .isEqualTo(digest(dir, spki + " | od -An -v -tx1 | tr -d ' \\n'"));
      assertThat(ours(Selector.FULL_CERTIFICATE, MatchingType.SHA256, src))
          .isEqualTo(digest(dir, der + " | openssl dgst -sha256 -r"));
      assertThat(ours(Selector.FULL_CERTIFICATE, MatchingType.SHA512, src))
          .isEqualTo(digest(dir, der + " | openssl dgst -sha512 -r"));
      assertThat(ours(Selector.FULL_CERTIFICATE, MatchingType.FULL, src))
          .isEqualTo(digest(dir, der + " | od -An -v -tx1 | tr -d ' \\n'"));
      if (askTlsa) {
        int usage = ca ? 2 : 3;
        Tools.Result r =
            Tools.run(
                    dir,
                    "tlsa",
                    "--create",
                    "--certificate",
                    "c.pem",
                    "--usage",
                    Integer.toString(usage),
                    "--selector",
                    "1",
                    "--mtype",
                    "1",
                    "--output",
                    "rfc",
                    "--port",
                    "25",
                    "mx1.example")
                .requireOk();
        assertThat(r.output())
            .contains(
                "_25._tcp.mx1.example. IN TLSA "
                    + usage
                    + " 1 1 "
                    + ours(Selector.SUBJECT_PUBLIC_KEY_INFO, MatchingType.SHA256, src));
      }
    } finally {
      try (var files = Files.list(dir)) {
        for (Path p : (Iterable<Path>) files::iterator) {
          Files.delete(p);
        }
      }
      Files.delete(dir);
    }
  }

  private static String ours(Selector s, MatchingType m, TlsaSource src) throws DaneException {
    return HEX.formatHex(TlsaGenerator.associationData(s, m, src));
  }

  private static String digest(Path dir, String pipeline) {
    String out = Tools.run(dir, "sh", "-c", pipeline).requireOk().output();
    return out.trim().split("\\s+")[0].toLowerCase(Locale.ROOT);
  }
}
