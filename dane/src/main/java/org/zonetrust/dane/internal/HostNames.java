package org.zonetrust.dane.internal;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/**
 * Matches a certificate's DNS names against reference identifiers (RFC 6125 as RFC 7671 section 5.2
 * and RFC 7672 section 3.2.3 use it): subjectAltName dNSName entries, or the subject CN when the
 * certificate has no dNSName; a wildcard only as the whole leftmost label, matching one label.
 */
public final class HostNames {
  private static final int DNS_NAME = 2;

  private HostNames() {}

  /**
   * The certificate's DNS names: its subjectAltName dNSNames, or its subject CNs if it has none.
   *
   * @param cert the certificate
   * @return the names, lower case, without a trailing dot
   */
  public static List<String> dnsNames(X509Certificate cert) {
    List<String> names = new ArrayList<>();
    try {
      Collection<List<?>> sans = cert.getSubjectAlternativeNames();
      if (sans != null) {
        for (List<?> san : sans) {
          if (san.size() >= 2
              && san.get(0) instanceof Integer kind
              && kind == DNS_NAME
              && san.get(1) instanceof String s) {
            names.add(normalize(s));
          }
        }
      }
    } catch (CertificateParsingException e) {
      return List.of();
    }
    if (!names.isEmpty()) {
      return names;
    }
    try {
      X500Name subject = X500Name.getInstance(cert.getSubjectX500Principal().getEncoded());
      for (RDN rdn : subject.getRDNs(BCStyle.CN)) {
        if (rdn.getFirst() != null) {
          names.add(normalize(IETFUtils.valueToString(rdn.getFirst().getValue())));
        }
      }
    } catch (IllegalArgumentException e) {
      return List.of();
    }
    return names;
  }

  /**
   * Whether one of the certificate's names matches one of the reference identifiers.
   *
   * @param cert the end-entity certificate
   * @param references the reference identifiers (host names, with or without a trailing dot)
   * @return {@code true} on a match
   */
  public static boolean matches(X509Certificate cert, List<String> references) {
    for (String presented : dnsNames(cert)) {
      for (String reference : references) {
        if (matches(presented, normalize(reference))) {
          return true;
        }
      }
    }
    return false;
  }

  static boolean matches(String presented, String reference) {
    if (presented.isEmpty() || reference.isEmpty()) {
      return false;
    }
    if (presented.startsWith("*.")) {
      String suffix = presented.substring(1);
      int dot = reference.indexOf('.');
      // the wildcard stands for exactly one non-empty label, never for a public-suffix-only name
      return dot > 0 && reference.substring(dot).equals(suffix) && suffix.indexOf('.', 1) > 0;
    }
    return presented.equals(reference);
  }

  static String normalize(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
  }
}
