package org.zonetrust.dane;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;
import org.xbill.DNS.TLSARecord;
import org.zonetrust.dane.internal.MatchContext;
import org.zonetrust.dane.internal.TlsaMatcher;

class TlsaMatcherTest {
  private static final Instant NOW = Instant.parse("2026-11-27T07:00:00Z");
  private static Name owner;
  private static DanePki.Issued root;
  private static DanePki.Issued ca;
  private static DanePki.Issued leaf;
  private static DanePki.Issued other;
  private static DanePki.Issued expired;

  @BeforeAll
  static void pki() throws Exception {
    owner = Name.fromString("_25._tcp.mx1.example.");
    root = DanePki.root("Root");
    ca = DanePki.ca("Issuing CA", root);
    leaf = DanePki.leaf("P-256", List.of("mx1.example"), ca);
    other = DanePki.leaf("P-256", List.of("other.example"), ca);
    expired =
        DanePki.leaf(
            "P-256",
            List.of("mx1.example"),
            ca,
            Instant.parse("2020-01-01T00:00:00Z"),
            Instant.parse("2021-01-01T00:00:00Z"));
  }

  private static MatchContext smtp() {
    return new MatchContext(
        List.of("mx1.example."), true, NOW, Set.of(new TrustAnchor(root.cert(), null)));
  }

  private static MatchContext web() {
    return new MatchContext(
        List.of("mx1.example"), false, NOW, Set.of(new TrustAnchor(root.cert(), null)));
  }

  private static List<X509Certificate> chain(DanePki.Issued l) {
    return List.of(l.cert(), ca.cert());
  }

  private static TLSARecord r(int u, int s, int m, X509Certificate c) throws Exception {
    return DanePki.tlsa(owner, u, s, m, c);
  }

  @Test
  void daneEeMatchesLeafKeyOrCertificateWithoutNameOrExpiryChecks() throws Exception {
    for (int s = 0; s <= 1; s++) {
      for (int m = 0; m <= 2; m++) {
        TlsaMatcher.Result res =
            TlsaMatcher.match(List.of(r(3, s, m, expired.cert())), chain(expired), smtp());
        assertThat(res.matched()).as("3 %d %d", s, m).isTrue();
        assertThat(res.records().get(0).verdict()).isEqualTo(RecordVerdict.MATCHED);
      }
    }
    // name mismatch does not matter for DANE-EE
    assertThat(TlsaMatcher.match(List.of(r(3, 1, 1, other.cert())), chain(other), smtp()).matched())
        .isTrue();
    // another key does not match
    assertThat(TlsaMatcher.match(List.of(r(3, 1, 1, other.cert())), chain(leaf), smtp()).matched())
        .isFalse();
  }

  @Test
  void daneTaNeedsTheCaInTheChainAValidChainAndTheName() throws Exception {
    TLSARecord ta = r(2, 1, 1, ca.cert());
    assertThat(TlsaMatcher.match(List.of(ta), chain(leaf), smtp()).matched()).isTrue();
    // not sent: the leaf alone
    TlsaMatcher.Result alone = TlsaMatcher.match(List.of(ta), List.of(leaf.cert()), smtp());
    assertThat(alone.matched()).isFalse();
    assertThat(alone.records().get(0).detail()).contains("no certificate the server sent");
    // wrong name
    TlsaMatcher.Result wrongName = TlsaMatcher.match(List.of(ta), chain(other), smtp());
    assertThat(wrongName.matched()).isFalse();
    assertThat(wrongName.records().get(0).detail()).contains("other.example");
    // expired leaf
    TlsaMatcher.Result old = TlsaMatcher.match(List.of(ta), chain(expired), smtp());
    assertThat(old.matched()).isFalse();
    assertThat(old.records().get(0).detail()).contains("not valid at");
    // a leaf not issued by that CA, sent with it
    DanePki.Issued foreign =
        DanePki.leaf("P-256", List.of("mx1.example"), DanePki.root("Elsewhere"));
    assertThat(TlsaMatcher.match(List.of(ta), List.of(foreign.cert(), ca.cert()), smtp()).matched())
        .isFalse();
    // the root as TA through the intermediate
    assertThat(
            TlsaMatcher.match(
                    List.of(r(2, 0, 2, root.cert())),
                    List.of(leaf.cert(), ca.cert(), root.cert()),
                    smtp())
                .matched())
        .isTrue();
    // a TA record never matches the leaf itself
    assertThat(TlsaMatcher.match(List.of(r(2, 1, 1, leaf.cert())), chain(leaf), smtp()).matched())
        .isFalse();
  }

  @Test
  void wildcardCoversOneLabel() throws Exception {
    DanePki.Issued wild = DanePki.leaf("P-256", List.of("*.mail.example"), ca);
    TLSARecord ta = r(2, 1, 1, ca.cert());
    MatchContext one = new MatchContext(List.of("MX1.mail.example."), true, NOW, Set.of());
    assertThat(TlsaMatcher.match(List.of(ta), chain(wild), one).matched()).isTrue();
    MatchContext deep = new MatchContext(List.of("a.mx1.mail.example"), true, NOW, Set.of());
    assertThat(TlsaMatcher.match(List.of(ta), chain(wild), deep).matched()).isFalse();
    MatchContext apex = new MatchContext(List.of("mail.example"), true, NOW, Set.of());
    assertThat(TlsaMatcher.match(List.of(ta), chain(wild), apex).matched()).isFalse();
  }

  @Test
  void pkixUsagesAreUnusableForSmtpAndCheckedOtherwise() throws Exception {
    TLSARecord pkixEe = r(1, 1, 1, leaf.cert());
    TlsaMatcher.Result smtp = TlsaMatcher.match(List.of(pkixEe), chain(leaf), smtp());
    assertThat(smtp.matched()).isFalse();
    assertThat(smtp.usable()).isZero();
    assertThat(smtp.records().get(0).verdict()).isEqualTo(RecordVerdict.UNUSABLE);
    assertThat(smtp.records().get(0).detail()).contains("RFC 7672");
    assertThat(TlsaMatcher.match(List.of(pkixEe), chain(leaf), web()).matched()).isTrue();
    assertThat(TlsaMatcher.match(List.of(r(0, 0, 1, root.cert())), chain(leaf), web()).matched())
        .isTrue();
    MatchContext untrusted =
        new MatchContext(
            List.of("mx1.example"),
            false,
            NOW,
            Set.of(new TrustAnchor(DanePki.root("X").cert(), null)));
    assertThat(TlsaMatcher.match(List.of(pkixEe), chain(leaf), untrusted).matched()).isFalse();
  }

  @Test
  void unknownParametersAndBadLengthsAreUnusable() throws Exception {
    byte[] h = r(3, 1, 1, leaf.cert()).getCertificateAssociationData();
    List<TLSARecord> odd =
        List.of(
            new TLSARecord(owner, 1, 300, 4, 1, 1, h),
            new TLSARecord(owner, 1, 300, 3, 2, 1, h),
            new TLSARecord(owner, 1, 300, 3, 1, 3, h),
            new TLSARecord(owner, 1, 300, 3, 1, 2, h));
    TlsaMatcher.Result res = TlsaMatcher.match(odd, chain(leaf), smtp());
    assertThat(res.usable()).isZero();
    assertThat(res.records()).allMatch(c -> c.verdict() == RecordVerdict.UNUSABLE);
  }

  @Test
  void digestAgilityPrefersSha512PerUsageAndSelector() throws Exception {
    // a matching SHA-256 record is ignored when a SHA-512 record of the same usage and selector
    // exists
    List<TLSARecord> set = List.of(r(3, 1, 1, leaf.cert()), r(3, 1, 2, other.cert()));
    TlsaMatcher.Result res = TlsaMatcher.match(set, chain(leaf), smtp());
    assertThat(res.matched()).isFalse();
    assertThat(res.records().get(0).verdict()).isEqualTo(RecordVerdict.UNUSABLE);
    assertThat(res.records().get(0).detail()).contains("RFC 7671 section 9");
    // but full-data records and other selectors stay usable
    assertThat(
            TlsaMatcher.match(
                    List.of(r(3, 1, 0, leaf.cert()), r(3, 1, 2, other.cert())), chain(leaf), smtp())
                .matched())
        .isTrue();
    assertThat(
            TlsaMatcher.match(
                    List.of(r(3, 0, 1, leaf.cert()), r(3, 1, 2, other.cert())), chain(leaf), smtp())
                .matched())
        .isTrue();
  }
}
