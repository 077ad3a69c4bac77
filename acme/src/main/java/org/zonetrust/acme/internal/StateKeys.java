package org.zonetrust.acme.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** The layout of the acme module's keys in the {@code StateStore}, in one place. */
public final class StateKeys {
  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._-]{1,200}");

  /** Prefix of the certificate metadata records. */
  public static final String CERTIFICATES = "acme/certificates/";

  private StateKeys() {}

  /**
   * Checks a certificate id: 1 to 200 characters of {@code [A-Za-z0-9._-]}, not {@code .} or {@code
   * ..}.
   *
   * @param certId the id
   * @return the id
   * @throws IllegalArgumentException if it is not valid
   */
  public static String checkCertId(String certId) {
    if (!isSegment(certId)) {
      throw new IllegalArgumentException(
          "certificate id must be 1-200 characters of [A-Za-z0-9._-] (not . or ..): " + certId);
    }
    return certId;
  }

  /**
   * Whether {@code s} can be one key segment.
   *
   * @param s the string
   * @return true if valid
   */
  public static boolean isSegment(String s) {
    return SEGMENT.matcher(s).matches() && !s.equals(".") && !s.equals("..");
  }

  /**
   * The key of a certificate's key pairs.
   *
   * @param certId the certificate id
   * @return the key
   */
  public static String keys(String certId) {
    return "acme/keys/" + checkCertId(certId);
  }

  /**
   * The key of a certificate's metadata record.
   *
   * @param certId the certificate id
   * @return the key
   */
  public static String certificate(String certId) {
    return CERTIFICATES + checkCertId(certId);
  }

  /**
   * The lease that guards ordering a certificate.
   *
   * @param certId the certificate id
   * @return the lease name
   */
  public static String renewalLease(String certId) {
    return "locks/acme/certificates/" + checkCertId(certId);
  }

  /**
   * The key of one rate-limit bucket.
   *
   * @param kind the limit kind
   * @param scope the scope (account, registered domain, hashed name set); hashed if not a segment
   * @return the key
   */
  public static String rateLimit(String kind, String scope) {
    String s = isSegment(scope) && scope.length() <= 100 ? scope : "h-" + sha256(scope);
    return "acme/ratelimits/" + kind + "/" + s;
  }

  /**
   * Lower-case hex SHA-256 of a UTF-8 string.
   *
   * @param s the string
   * @return the digest
   */
  public static String sha256(String s) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
