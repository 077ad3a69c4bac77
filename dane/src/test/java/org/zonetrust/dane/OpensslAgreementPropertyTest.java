package org.zonetrust.dane;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.xbill.DNS.Name;
import org.xbill.DNS.TLSARecord;
import org.zonetrust.testbed.OpenSslServer;
import org.zonetrust.testbed.Tools;
import org.zonetrust.testbed.tls.StartTlsServer;

/**
 * Our verdict equals {@code openssl s_client -dane_tlsa_rrdata ... -verify_return_error} (exit 0 =
 * a TLSA record matched) for random TLSA record sets (usages 2 and 3, selectors 0 and 1, matching
 * types 0 to 2, records of the leaf, of the CAs, and of unrelated certificates), leaf names that
 * fit the host or not, and expired leaves, against {@code openssl s_server} on loopback, and with
 * STARTTLS (SMTP, IMAP, POP3; {@code s_client -starttls}) against the testbed's StartTlsServer. The
 * only fake is the TLSA lookup, which hands over the records as SECURE.
 */
class OpensslAgreementPropertyTest {
  static final String HOST = "mx1.dane.example";
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-27T00:00:00Z"), ZoneOffset.UTC);

  /** Whose data a record carries. */
  enum Target {
    LEAF,
    OTHER_LEAF,
    CA,
    ROOT,
    OTHER_CA
  }

  /** One record to generate. */
  record Spec(Target target, int usage, int selector, int mtype) {}

  @Provide
  Arbitrary<List<Spec>> recordSets() {
    Arbitrary<Spec> spec =
        Combinators.combine(
                Arbitraries.of(Target.class),
                Arbitraries.of(2, 3),
                Arbitraries.of(0, 1),
                Arbitraries.of(0, 1, 2))
            .as(Spec::new);
    return spec.list().ofMinSize(1).ofMaxSize(4);
  }

  @Property(tries = 15)
  void ourVerdictEqualsOpenssl(
      @ForAll("recordSets") List<Spec> specs,
      @ForAll boolean sendRoot,
      @ForAll boolean rightName,
      @ForAll boolean expiredLeaf,
      @ForAll boolean rsaLeaf)
      throws Exception {
    boolean agreed = compare(specs, sendRoot, rightName, expiredLeaf, rsaLeaf, StartTls.NONE);
    Statistics.collect(agreed ? "matched" : "not matched");
  }

  @Property(tries = 9)
  void startTlsVerdictEqualsOpenssl(
      @ForAll("recordSets") List<Spec> specs,
      @ForAll boolean rightName,
      @ForAll("startTls") StartTls mode)
      throws Exception {
    boolean agreed = compare(specs, false, rightName, false, false, mode);
    Statistics.collect(mode, agreed ? "matched" : "not matched");
  }

  @Provide
  Arbitrary<StartTls> startTls() {
    return Arbitraries.of(StartTls.SMTP, StartTls.IMAP, StartTls.POP3);
  }

  @Example
  void startTlsMatchAndMismatchForBoth() throws Exception {
    for (StartTls mode : List.of(StartTls.SMTP, StartTls.IMAP, StartTls.POP3)) {
      assertThat(compare(List.of(new Spec(Target.CA, 2, 1, 1)), false, true, false, false, mode))
          .as(mode.name())
          .isTrue();
      assertThat(
              compare(
                  List.of(new Spec(Target.OTHER_LEAF, 3, 1, 1)), false, true, false, false, mode))
          .as(mode.name())
          .isFalse();
    }
  }

  @Example
  void daneEeOfTheLeafMatchesForBoth() throws Exception {
    assertThat(
            compare(
                List.of(new Spec(Target.LEAF, 3, 1, 1)), false, false, true, false, StartTls.NONE))
        .isTrue();
  }

  @Example
  void daneTaOfTheIssuerWithTheWrongNameMatchesForNeither() throws Exception {
    assertThat(
            compare(
                List.of(new Spec(Target.CA, 2, 0, 2)), false, false, false, false, StartTls.NONE))
        .isFalse();
  }

  @Example
  void daneTaOfTheSentRootMatchesForBoth() throws Exception {
    assertThat(
            compare(
                List.of(new Spec(Target.ROOT, 2, 1, 0)), true, true, false, true, StartTls.NONE))
        .isTrue();
  }

  /** Runs both verifiers, asserts they agree, returns the common verdict. */
  private static boolean compare(
      List<Spec> specs,
      boolean sendRoot,
      boolean rightName,
      boolean expiredLeaf,
      boolean rsaLeaf,
      StartTls mode)
      throws Exception {
    DanePki.Issued root = DanePki.root("Agreement Root");
    DanePki.Issued ca = DanePki.ca("Agreement CA", root);
    List<String> names = List.of(rightName ? HOST : "other.dane.example");
    DanePki.Issued leaf =
        expiredLeaf
            ? DanePki.leaf(
                rsaLeaf ? "RSA" : "P-256",
                names,
                ca,
                Instant.parse("2020-01-01T00:00:00Z"),
                Instant.parse("2021-01-01T00:00:00Z"))
            : DanePki.leaf(rsaLeaf ? "RSA" : "P-256", names, ca);
    DanePki.Issued otherCa = DanePki.ca("Unrelated CA", DanePki.root("Unrelated Root"));
    DanePki.Issued otherLeaf = DanePki.leaf("P-256", List.of(HOST), otherCa);
    List<X509Certificate> chain = new ArrayList<>(List.of(leaf.cert(), ca.cert()));
    if (sendRoot) {
      chain.add(root.cert());
    }
    Name host = Name.fromString(HOST + ".");
    Name owner = TlsaEndpoint.tcp(443, host).ownerName();
    List<TLSARecord> records = new ArrayList<>();
    for (Spec s : specs) {
      X509Certificate c =
          switch (s.target()) {
            case LEAF -> leaf.cert();
            case OTHER_LEAF -> otherLeaf.cert();
            case CA -> ca.cert();
            case ROOT -> root.cert();
            case OTHER_CA -> otherCa.cert();
          };
      int mtype = s.mtype();
      if (s.target() == Target.ROOT && !sendRoot && s.usage() == 2 && mtype == 0) {
        // openssl would use a full root certificate or key as a trust anchor the server did not
        // send; RFC 7672 section 3.1.2 has SMTP clients use only what the server sends: not
        // compared
        mtype = 1;
      }
      records.add(DanePki.tlsa(owner, s.usage(), s.selector(), mtype, c));
    }
    Path dir = Files.createTempDirectory("dane-agree");
    try (AutoCloseable server = start(mode, dir, leaf, chain)) {
      int port = server instanceof OpenSslServer s ? s.port() : ((StartTlsServer) server).port();
      DaneVerifier verifier =
          DaneVerifier.builder()
              .tlsaLookup(o -> new TlsaLookupResult(o, DnssecStatus.SECURE, records, "given"))
              .clock(CLOCK)
              .timeout(Duration.ofSeconds(10))
              .build();
      AddressCheck ours =
          verifier.checkAddress(host, InetAddress.getByName("127.0.0.1"), port, mode);
      Tools.Result theirs =
          sClient(
              dir,
              port,
              records,
              mode == StartTls.NONE
                  ? List.of()
                  : List.of("-starttls", mode.name().toLowerCase(java.util.Locale.ROOT)));
      String why =
          specs
              + " sendRoot="
              + sendRoot
              + " rightName="
              + rightName
              + " expired="
              + expiredLeaf
              + "\nours: "
              + ours
              + "\nopenssl:\n"
              + theirs.output();
      assertThat(ours.outcome()).as(why).isIn(DaneOutcome.MATCHED, DaneOutcome.MISMATCH);
      assertThat(ours.outcome() == DaneOutcome.MATCHED).as(why).isEqualTo(theirs.ok());
      return theirs.ok();
    } finally {
      deleteTree(dir);
    }
  }

  private static AutoCloseable start(
      StartTls mode, Path dir, DanePki.Issued leaf, List<X509Certificate> chain) throws Exception {
    return switch (mode) {
      case NONE -> OpenSslServer.start(dir, leaf.keys().getPrivate(), chain);
      case SMTP, IMAP, POP3 ->
          StartTlsServer.start(
              StartTlsServer.Protocol.valueOf(mode.name()),
              leaf.keys().getPrivate(),
              chain,
              InetAddress.getByName("127.0.0.1"));
    };
  }

  static Tools.Result sClient(Path dir, int port, List<TLSARecord> records, List<String> extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "s_client",
                "-connect",
                "127.0.0.1:" + port,
                "-servername",
                HOST,
                "-dane_tlsa_domain",
                HOST,
                "-verify_return_error",
                "-dane_ee_no_namechecks"));
    for (TLSARecord r : records) {
      args.add("-dane_tlsa_rrdata");
      args.add(
          r.getCertificateUsage()
              + " "
              + r.getSelector()
              + " "
              + r.getMatchingType()
              + " "
              + HexFormat.of().formatHex(r.getCertificateAssociationData()));
    }
    args.addAll(extra);
    return Tools.run(dir, Duration.ofSeconds(30), "openssl", args);
  }

  static void deleteTree(Path dir) throws Exception {
    try (var files = Files.walk(dir)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
