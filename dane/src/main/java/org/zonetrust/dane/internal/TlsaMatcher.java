package org.zonetrust.dane.internal;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXCertPathValidatorResult;
import java.security.cert.PKIXParameters;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.xbill.DNS.TLSARecord;
import org.zonetrust.dane.RecordCheck;
import org.zonetrust.dane.RecordVerdict;

/**
 * Matches a TLSA RRset against the certificate chain a server sent (RFC 6698, RFC 7671, RFC 7672).
 *
 * <ul>
 *   <li>DANE-EE (3): the leaf's certificate or SPKI; no name, expiry or chain checks.
 *   <li>DANE-TA (2): a certificate the server sent after the leaf; the chain from the leaf up to it
 *       must be in order, each certificate signed by the next, every issuer a CA, all within their
 *       validity at {@link MatchContext#now()}, and the leaf's names must match a reference name.
 *   <li>PKIX-TA (0) and PKIX-EE (1): PKIX validation against {@link MatchContext#pkixAnchors()}
 *       plus the match and the name check; unusable for SMTP.
 *   <li>Digest agility (RFC 7671 section 9), as OpenSSL does it: for each usage and selector, only
 *       the digest records of the strongest matching type present are used (SHA-512 over SHA-256);
 *       full-data records always are.
 * </ul>
 */
public final class TlsaMatcher {
  private TlsaMatcher() {}

  /**
   * The verdict on a whole RRset.
   *
   * @param matched whether a usable record matched
   * @param usable how many records were usable
   * @param records each record's verdict, in the order given
   */
  public record Result(boolean matched, int usable, List<RecordCheck> records) {
    /**
     * Copies the verdicts.
     *
     * @param matched whether a usable record matched
     * @param usable how many records were usable
     * @param records each record's verdict
     */
    public Result {
      records = List.copyOf(records);
    }
  }

  /**
   * Says, without a chain, which records are usable.
   *
   * @param records the TLSA records
   * @param smtp whether the service is SMTP
   * @return one message per record: empty when usable, else why not
   */
  public static List<String> unusableReasons(List<TLSARecord> records, boolean smtp) {
    Map<String, Integer> strongest = strongestDigests(records, smtp);
    List<String> reasons = new ArrayList<>();
    for (TLSARecord r : records) {
      String why = unusable(r, smtp);
      if (why.isEmpty()
          && r.getMatchingType() != 0
          && r.getMatchingType() < strongest.getOrDefault(group(r), 0)) {
        why = "superseded by a SHA-512 record of the same usage and selector (RFC 7671 section 9)";
      }
      reasons.add(why);
    }
    return reasons;
  }

  /**
   * Matches every record against the chain.
   *
   * @param records the TLSA records (already DNSSEC-validated)
   * @param chain the chain the server sent, leaf first (not empty)
   * @param context reference names, SMTP or not, the time and PKIX anchors
   * @return whether any usable record matched, with each record's verdict
   */
  public static Result match(
      List<TLSARecord> records, List<X509Certificate> chain, MatchContext context) {
    List<String> reasons = unusableReasons(records, context.smtp());
    List<RecordCheck> checks = new ArrayList<>();
    boolean matched = false;
    int usable = 0;
    for (int i = 0; i < records.size(); i++) {
      TLSARecord r = records.get(i);
      if (!reasons.get(i).isEmpty()) {
        checks.add(new RecordCheck(r, RecordVerdict.UNUSABLE, reasons.get(i)));
        continue;
      }
      usable++;
      RecordCheck check = checkOne(r, chain, context);
      matched |= check.verdict() == RecordVerdict.MATCHED;
      checks.add(check);
    }
    return new Result(matched, usable, checks);
  }

  private static RecordCheck checkOne(
      TLSARecord r, List<X509Certificate> chain, MatchContext context) {
    X509Certificate leaf = chain.get(0);
    return switch (r.getCertificateUsage()) {
      case 3 ->
          selects(r, leaf)
              ? matched(r, "DANE-EE: the leaf's " + selectorName(r) + " matches")
              : notMatched(r, "DANE-EE: the leaf's " + selectorName(r) + " differs");
      case 2 -> daneTa(r, chain, context);
      default -> pkix(r, chain, context);
    };
  }

  private static RecordCheck daneTa(
      TLSARecord r, List<X509Certificate> chain, MatchContext context) {
    for (int ta = 1; ta < chain.size(); ta++) {
      if (!selects(r, chain.get(ta))) {
        continue;
      }
      String subject = chain.get(ta).getSubjectX500Principal().getName();
      String broken = chainProblem(chain, ta, context);
      if (!broken.isEmpty()) {
        return notMatched(
            r, "DANE-TA: certificate " + ta + " (" + subject + ") matches but " + broken);
      }
      if (!HostNames.matches(chain.get(0), context.referenceNames())) {
        return notMatched(
            r,
            "DANE-TA: chain to " + subject + " is valid but " + nameProblem(chain.get(0), context));
      }
      return matched(r, "DANE-TA: certificate " + ta + " (" + subject + ") is the trust anchor");
    }
    return notMatched(r, "DANE-TA: no certificate the server sent after the leaf matches");
  }

  /** Empty when chain[0..ta] is an in-order chain of valid certificates, else the problem. */
  private static String chainProblem(List<X509Certificate> chain, int ta, MatchContext context) {
    Date now = Date.from(context.now());
    for (int k = 0; k <= ta; k++) {
      X509Certificate c = chain.get(k);
      try {
        c.checkValidity(now);
      } catch (GeneralSecurityException e) {
        return "certificate "
            + k
            + " ("
            + c.getSubjectX500Principal().getName()
            + ") is not valid at "
            + context.now();
      }
      if (k == 0) {
        continue;
      }
      if (c.getBasicConstraints() < 0) {
        return "certificate " + k + " (" + c.getSubjectX500Principal().getName() + ") is not a CA";
      }
      X509Certificate child = chain.get(k - 1);
      if (!child.getIssuerX500Principal().equals(c.getSubjectX500Principal())) {
        return "certificate " + (k - 1) + " was not issued by certificate " + k + " (names differ)";
      }
      try {
        child.verify(c.getPublicKey());
      } catch (GeneralSecurityException e) {
        return "certificate "
            + (k - 1)
            + "'s signature does not verify with certificate "
            + k
            + "'s key";
      }
    }
    return "";
  }

  private static RecordCheck pkix(TLSARecord r, List<X509Certificate> chain, MatchContext context) {
    String usage = r.getCertificateUsage() == 0 ? "PKIX-TA" : "PKIX-EE";
    PKIXCertPathValidatorResult result;
    try {
      CertPath path = CertificateFactory.getInstance("X.509").generateCertPath(chain);
      PKIXParameters params = new PKIXParameters(context.pkixAnchors());
      params.setRevocationEnabled(false);
      params.setDate(Date.from(context.now()));
      result =
          (PKIXCertPathValidatorResult)
              CertPathValidator.getInstance("PKIX").validate(path, params);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return notMatched(r, usage + ": the chain is not PKIX-valid: " + e.getMessage());
    }
    boolean found;
    if (r.getCertificateUsage() == 1) {
      found = selects(r, chain.get(0));
    } else {
      found = chain.stream().skip(1).anyMatch(c -> selects(r, c));
      X509Certificate anchor = result.getTrustAnchor().getTrustedCert();
      found |= anchor != null && selects(r, anchor);
    }
    if (!found) {
      return notMatched(r, usage + ": the chain is PKIX-valid but no certificate in it matches");
    }
    if (!HostNames.matches(chain.get(0), context.referenceNames())) {
      return notMatched(r, usage + ": " + nameProblem(chain.get(0), context));
    }
    return matched(r, usage + ": PKIX-valid and matches");
  }

  private static String nameProblem(X509Certificate leaf, MatchContext context) {
    return "the leaf's names "
        + HostNames.dnsNames(leaf)
        + " match none of "
        + context.referenceNames();
  }

  /** Whether the record's association data matches this certificate under its selector. */
  static boolean selects(TLSARecord r, X509Certificate cert) {
    byte[] data;
    try {
      data = r.getSelector() == 0 ? cert.getEncoded() : cert.getPublicKey().getEncoded();
    } catch (GeneralSecurityException e) {
      return false;
    }
    return MessageDigest.isEqual(
        KeyMaterial.match(r.getMatchingType(), data), r.getCertificateAssociationData());
  }

  private static String unusable(TLSARecord r, boolean smtp) {
    int usage = r.getCertificateUsage();
    int mtype = r.getMatchingType();
    int length = r.getCertificateAssociationData().length;
    if (usage > 3) {
      return "unknown certificate usage " + usage;
    }
    if (r.getSelector() > 1) {
      return "unknown selector " + r.getSelector();
    }
    if (mtype > 2) {
      return "unknown matching type " + mtype;
    }
    if (smtp && usage < 2) {
      return "usage " + usage + " (PKIX) is unusable for SMTP (RFC 7672 section 3.1.3)";
    }
    if ((mtype == 1 && length != 32) || (mtype == 2 && length != 64) || length == 0) {
      return "association data of " + length + " bytes is wrong for matching type " + mtype;
    }
    return "";
  }

  private static Map<String, Integer> strongestDigests(List<TLSARecord> records, boolean smtp) {
    Map<String, Integer> strongest = new HashMap<>();
    for (TLSARecord r : records) {
      if (unusable(r, smtp).isEmpty() && r.getMatchingType() != 0) {
        strongest.merge(group(r), r.getMatchingType(), Math::max);
      }
    }
    return strongest;
  }

  private static String group(TLSARecord r) {
    return r.getCertificateUsage() + " " + r.getSelector();
  }

  private static String selectorName(TLSARecord r) {
    return r.getSelector() == 0 ? "certificate" : "public key (SPKI)";
  }

  private static RecordCheck matched(TLSARecord r, String detail) {
    return new RecordCheck(r, RecordVerdict.MATCHED, detail);
  }

  private static RecordCheck notMatched(TLSARecord r, String detail) {
    return new RecordCheck(r, RecordVerdict.NOT_MATCHED, detail);
  }
}
