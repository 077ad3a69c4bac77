package org.zonetrust.dane;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Name;
import org.xbill.DNS.TLSARecord;

/**
 * Validation of the planner's settings and the per-endpoint check of {@code verifyBeforeSwitch}.
 */
final class RolloverChecks {
  private RolloverChecks() {}

  static void validate(
      List<TlsaEndpoint> endpoints,
      List<TlsaParameters> parameters,
      @Nullable Duration ttl,
      @Nullable Duration negativeTtl,
      Duration margin) {
    if (endpoints.isEmpty()) {
      throw new IllegalStateException(
          "endpoints are required: e.g. TlsaEndpoint.tcp(25, mx1) and TlsaEndpoint.tcp(443, www)");
    }
    Set<Name> owners = new HashSet<>();
    for (TlsaEndpoint e : endpoints) {
      if (!owners.add(e.ownerName())) {
        throw new IllegalStateException("endpoint " + e.ownerName() + " is given twice");
      }
    }
    if (parameters.isEmpty()) {
      throw new IllegalStateException("parameters must not be empty: the default is 3 1 1");
    }
    for (TlsaParameters p : parameters) {
      if (p.selector() != Selector.SUBJECT_PUBLIC_KEY_INFO) {
        throw new IllegalStateException(
            "parameters "
                + p
                + ": a key rollover publishes keys, use selector 1 (SPKI); selector 0 changes with"
                + " every certificate, even one that keeps its key");
      }
      if (p.usage() == CertificateUsage.PKIX_TA || p.usage() == CertificateUsage.DANE_TA) {
        throw new IllegalStateException(
            "parameters "
                + p
                + ": the planner rolls the server's own key, use usage 3 (DANE-EE) or 1 (PKIX-EE);"
                + " publish trust-anchor records with TlsaGenerator");
      }
    }
    requireTtl("ttl", ttl);
    requireTtl("negativeTtl", negativeTtl);
    if (margin.isNegative()) {
      throw new IllegalStateException("margin " + margin + " must not be negative");
    }
  }

  private static void requireTtl(String what, @Nullable Duration d) {
    if (d == null) {
      throw new IllegalStateException(
          what
              + " is required: "
              + (what.equals("ttl")
                  ? "the TTL of the TLSA records, e.g. Duration.ofHours(1)"
                  : "the zone's negative TTL, min(SOA MINIMUM, SOA TTL)"));
    }
    if (d.isNegative() || d.getNano() != 0 || d.getSeconds() > Integer.MAX_VALUE) {
      throw new IllegalStateException(
          what + " " + d + " must be whole seconds in 0..2147483647 (a DNS TTL)");
    }
  }

  static EndpointVerification verify(
      TlsaEndpoint endpoint,
      TlsaLookupResult answer,
      List<TlsaParameters> expected,
      TlsaSource next)
      throws DaneException {
    Name owner = endpoint.ownerName();
    if (!answer.usable()) {
      return new EndpointVerification(
          endpoint,
          owner,
          answer.status(),
          false,
          "the TLSA answer is "
              + answer.status()
              + ", not SECURE ("
              + answer.detail()
              + "): DANE clients would not use it");
    }
    if (answer.records().isEmpty()) {
      return new EndpointVerification(
          endpoint,
          owner,
          answer.status(),
          false,
          "no TLSA records are published (authenticated denial): publish the plan first");
    }
    List<String> missing = new ArrayList<>();
    for (TlsaParameters p : expected) {
      byte[] data = TlsaGenerator.associationData(p.selector(), p.matchingType(), next);
      boolean found = false;
      for (TLSARecord r : answer.records()) {
        if (p.matches(r) && Arrays.equals(r.getCertificateAssociationData(), data)) {
          found = true;
          break;
        }
      }
      if (!found) {
        missing.add(p.toString());
      }
    }
    if (!missing.isEmpty()) {
      return new EndpointVerification(
          endpoint,
          owner,
          answer.status(),
          false,
          "no record of the next key ("
              + next
              + ") with parameters "
              + missing
              + " among the "
              + answer.records().size()
              + " validated records");
    }
    return new EndpointVerification(
        endpoint,
        owner,
        answer.status(),
        true,
        "validated RRset of "
            + answer.records().size()
            + " records holds the next key with "
            + expected);
  }
}
