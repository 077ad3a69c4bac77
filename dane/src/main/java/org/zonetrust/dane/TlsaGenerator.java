package org.zonetrust.dane;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.TLSARecord;
import org.zonetrust.dane.internal.KeyMaterial;

/**
 * Makes TLSA records (RFC 6698) from certificates, chains, public keys, private keys and CSRs, with
 * presets for mail (RFC 7672) and web (RFC 7671).
 *
 * <p>Rules applied to every result: usages 0 and 1 are refused on SMTP ports (25, 465, 587); digest
 * agility (if a SHA-512 record is made for any key of an endpoint, one is made for every key);
 * duplicates are dropped; an RRset with more than {@value #RECORDS_PER_NAME_WARNING} records raises
 * a warning. Immutable and thread-safe.
 */
public final class TlsaGenerator {
  /** RRsets larger than this raise a warning (large answers, likely stale records). */
  public static final int RECORDS_PER_NAME_WARNING = 12;

  /** The mail ports a preset may cover: SMTP, SMTPS, submission, IMAPS, POP3S. */
  public static final List<Integer> MAIL_PORTS = List.of(25, 465, 587, 993, 995);

  private static final Logger LOG = LoggerFactory.getLogger(TlsaGenerator.class);

  private final long ttl;

  private TlsaGenerator(long ttl) {
    this.ttl = ttl;
  }

  /**
   * A generator whose records carry this TTL.
   *
   * @param ttl the TLSA TTL, 0 to 2^31-1 seconds (it bounds how fast a key rollover may switch)
   * @return the generator
   * @throws IllegalArgumentException if the TTL is negative or too large
   */
  public static TlsaGenerator withTtl(Duration ttl) {
    long s = ttl.toSeconds();
    if (ttl.isNegative() || s > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("TLSA TTL " + ttl + " is not in 0..2147483647 seconds");
    }
    return new TlsaGenerator(s);
  }

  /**
   * The certificate association data for a selector and matching type.
   *
   * @param selector which part of the certificate
   * @param matchingType full data, SHA-256 or SHA-512
   * @param source the certificate or key
   * @return the association data
   * @throws DaneException if selector 0 is asked of a source without a certificate
   */
  public static byte[] associationData(
      Selector selector, MatchingType matchingType, TlsaSource source) throws DaneException {
    return KeyMaterial.match(matchingType.code(), source.select(selector));
  }

  /**
   * One TLSA record, exactly as asked (no digest agility).
   *
   * @param endpoint where it is published
   * @param request the parameters and source
   * @return the record
   * @throws DaneException if the RFCs forbid it (usage 0/1 for SMTP, selector 0 without a
   *     certificate)
   */
  public TLSARecord record(TlsaEndpoint endpoint, TlsaRequest request) throws DaneException {
    if (endpoint.isSmtp()
        && (request.usage() == CertificateUsage.PKIX_TA
            || request.usage() == CertificateUsage.PKIX_EE)) {
      throw new DaneException(
          "usage "
              + request.usage().code()
              + " ("
              + request.usage()
              + ") is not allowed for SMTP on "
              + endpoint.ownerName()
              + ": RFC 7672 section 3.1.3 makes SMTP clients treat it as unusable; use 3 (DANE-EE)"
              + " or 2 (DANE-TA)");
    }
    return new TLSARecord(
        endpoint.ownerName(),
        DClass.IN,
        ttl,
        request.usage().code(),
        request.selector().code(),
        request.matchingType().code(),
        associationData(request.selector(), request.matchingType(), request.source()));
  }

  /**
   * The TLSA RRsets of several endpoints, each with the same requests, applying every rule of this
   * class.
   *
   * @param endpoints where to publish
   * @param requests the records each endpoint gets
   * @return the records and warnings
   * @throws DaneException if a request is forbidden for an endpoint
   */
  public TlsaResult generate(List<TlsaEndpoint> endpoints, List<TlsaRequest> requests)
      throws DaneException {
    List<TlsaRequest> agile = withDigestAgility(requests);
    List<TLSARecord> out = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    for (TlsaEndpoint endpoint : endpoints) {
      Map<String, TLSARecord> rrset = new LinkedHashMap<>();
      for (TlsaRequest r : agile) {
        TLSARecord rec = record(endpoint, r);
        rrset.putIfAbsent(rec.rdataToString(), rec);
      }
      if (rrset.size() > RECORDS_PER_NAME_WARNING) {
        String w =
            endpoint.ownerName()
                + " has "
                + rrset.size()
                + " TLSA records (more than "
                + RECORDS_PER_NAME_WARNING
                + "): large answers risk truncation; remove records of retired keys";
        LOG.warn(w);
        warnings.add(w);
      }
      out.addAll(rrset.values());
    }
    return new TlsaResult(out, warnings);
  }

  /**
   * Mail preset (RFC 7672) on port 25: {@code 3 1 1} for the server's key plus {@code 2 1 1} for
   * each CA certificate the server sends.
   *
   * @param chain the chain the server sends, leaf first, each next one the issuer of the one before
   * @param mxHosts the MX host names (not the mail domain)
   * @return the records and warnings
   * @throws DaneException if the chain is empty or not a chain
   */
  public TlsaResult mail(List<X509Certificate> chain, List<Name> mxHosts) throws DaneException {
    return mail(chain, mxHosts, List.of(25), false);
  }

  /**
   * Mail preset (RFC 7672): on each port of each MX host, {@code 3 1 1} for the server's key plus
   * {@code 2 1 1} for each CA certificate the server sends (a CA not in the chain can never be a
   * DANE-TA: SMTP clients only see what the server sends).
   *
   * @param chain the chain the server sends, leaf first, each next one the issuer of the one before
   * @param mxHosts the MX host names (not the mail domain)
   * @param ports ports from {@link #MAIL_PORTS}
   * @param alsoSha512 also make {@code 3 1 2}/{@code 2 1 2} records (digest agility)
   * @return the records and warnings
   * @throws DaneException if the chain is empty or not a chain, or a port is not a mail port
   */
  public TlsaResult mail(
      List<X509Certificate> chain, List<Name> mxHosts, List<Integer> ports, boolean alsoSha512)
      throws DaneException {
    checkChain(chain);
    for (int port : ports) {
      if (!MAIL_PORTS.contains(port)) {
        throw new DaneException("port " + port + " is not a mail port " + MAIL_PORTS);
      }
    }
    List<TlsaRequest> requests = new ArrayList<>();
    requests.add(eeRequest(chain.get(0), false));
    if (alsoSha512) {
      requests.add(eeRequest(chain.get(0), true));
    }
    for (X509Certificate ca : chain.subList(1, chain.size())) {
      requests.add(
          new TlsaRequest(
              CertificateUsage.DANE_TA,
              Selector.SUBJECT_PUBLIC_KEY_INFO,
              MatchingType.SHA256,
              TlsaSource.of(ca)));
    }
    List<TlsaEndpoint> endpoints = new ArrayList<>();
    for (Name host : mxHosts) {
      for (int port : ports) {
        endpoints.add(TlsaEndpoint.tcp(port, host));
      }
    }
    return generate(endpoints, requests);
  }

  /**
   * Web preset (RFC 7671): {@code 3 1 1} for the server's key on {@code _443._tcp.<host>}.
   *
   * @param leaf the server certificate
   * @param host the web host name
   * @return the records and warnings
   * @throws DaneException if the certificate cannot be encoded
   */
  public TlsaResult web(X509Certificate leaf, Name host) throws DaneException {
    return generate(List.of(TlsaEndpoint.tcp(443, host)), List.of(eeRequest(leaf, false)));
  }

  private static TlsaRequest eeRequest(X509Certificate leaf, boolean sha512) throws DaneException {
    return new TlsaRequest(
        CertificateUsage.DANE_EE,
        Selector.SUBJECT_PUBLIC_KEY_INFO,
        sha512 ? MatchingType.SHA512 : MatchingType.SHA256,
        TlsaSource.of(leaf));
  }

  /** If any request uses SHA-512, every (usage, selector, key) gets a SHA-512 one too. */
  static List<TlsaRequest> withDigestAgility(List<TlsaRequest> requests) {
    boolean any = requests.stream().anyMatch(r -> r.matchingType() == MatchingType.SHA512);
    if (!any) {
      return List.copyOf(requests);
    }
    List<TlsaRequest> out = new ArrayList<>();
    for (TlsaRequest r : requests) {
      out.add(r);
      if (r.matchingType() != MatchingType.SHA512) {
        out.add(r.withMatchingType(MatchingType.SHA512));
      }
    }
    return out;
  }

  private static void checkChain(List<X509Certificate> chain) throws DaneException {
    if (chain.isEmpty()) {
      throw new DaneException(
          "the certificate chain is empty: give the server's chain, leaf first");
    }
    for (int i = 1; i < chain.size(); i++) {
      X509Certificate child = chain.get(i - 1);
      X509Certificate ca = chain.get(i);
      String name = ca.getSubjectX500Principal().getName();
      if (ca.getBasicConstraints() < 0) {
        throw new DaneException(
            "chain element " + i + " (" + name + ") is not a CA certificate: it cannot be DANE-TA");
      }
      try {
        if (!child.getIssuerX500Principal().equals(ca.getSubjectX500Principal())) {
          throw new DaneException(
              "chain element "
                  + i
                  + " ("
                  + name
                  + ") did not issue element "
                  + (i - 1)
                  + ": give the chain in the order the server sends it, leaf first");
        }
        child.verify(ca.getPublicKey());
      } catch (GeneralSecurityException e) {
        throw new DaneException(
            "chain element " + (i - 1) + " is not signed by element " + i + " (" + name + ")", e);
      }
    }
  }
}
