package org.zonetrust.core.dns;

import java.util.Locale;
import java.util.Objects;
import org.xbill.DNS.Name;
import org.xbill.DNS.TSIG;

/**
 * The HMAC algorithms ZoneTrust accepts for TSIG (RFC 8945). {@link #HMAC_SHA256} is the default
 * and the recommended choice; {@link #HMAC_SHA1} is accepted only for old servers.
 */
public enum TsigAlgorithm {
  /** HMAC-SHA256, {@code hmac-sha256.}: the default. */
  HMAC_SHA256(TSIG.HMAC_SHA256, "HmacSHA256"),
  /** HMAC-SHA512, {@code hmac-sha512.}. */
  HMAC_SHA512(TSIG.HMAC_SHA512, "HmacSHA512"),
  /** HMAC-SHA1, {@code hmac-sha1.}: accepted for old servers only. */
  HMAC_SHA1(TSIG.HMAC_SHA1, "HmacSHA1");

  @SuppressWarnings("ImmutableEnumChecker") // dnsjava's Name is immutable, just not annotated
  private final Name dnsName;

  private final String jcaName;

  TsigAlgorithm(Name dnsName, String jcaName) {
    this.dnsName = dnsName;
    this.jcaName = jcaName;
  }

  /**
   * The algorithm's name as it appears in the TSIG record, e.g. {@code hmac-sha256.}.
   *
   * @return the absolute DNS name of the algorithm
   */
  public Name dnsName() {
    return dnsName;
  }

  /**
   * The algorithm's name in the Java Cryptography Architecture, e.g. {@code HmacSHA256}.
   *
   * @return the JCA {@code Mac} algorithm name
   */
  public String jcaName() {
    return jcaName;
  }

  /**
   * Finds the algorithm for a name as written in server configurations ({@code hmac-sha256}, with
   * or without the trailing dot, any case).
   *
   * @param name the algorithm name, e.g. {@code "hmac-sha256"}
   * @return the algorithm
   * @throws IllegalArgumentException if the name is not one of the supported algorithms
   */
  public static TsigAlgorithm fromDnsName(String name) {
    Objects.requireNonNull(name, "name");
    String wanted = name.toLowerCase(Locale.ROOT);
    if (!wanted.endsWith(".")) {
      wanted = wanted + ".";
    }
    for (TsigAlgorithm a : values()) {
      if (a.dnsName.toString().equals(wanted)) {
        return a;
      }
    }
    throw new IllegalArgumentException(
        "unsupported TSIG algorithm '"
            + name
            + "': use hmac-sha256 (recommended), hmac-sha512 or hmac-sha1");
  }
}
