package org.zonetrust.registrar;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DSRecord;
import org.xbill.DNS.Name;

/**
 * The data of one DS record (RFC 4034 section 5), as registries take it (RFC 5910 {@code
 * secDNS:dsData}): key tag, algorithm, digest type and digest.
 *
 * @param keyTag the key tag of the DNSKEY it points to (0-65535)
 * @param algorithm the DNSSEC algorithm number of that key (0-255)
 * @param digestType the digest algorithm (1 SHA-1, 2 SHA-256, 4 SHA-384)
 * @param digest the digest (copied; never empty)
 */
@SuppressWarnings("ArrayRecordComponent") // copied in and out; equals compares content
public record DsData(int keyTag, int algorithm, int digestType, byte[] digest) {

  /**
   * Checks the ranges and copies the digest.
   *
   * @param keyTag the key tag (0-65535)
   * @param algorithm the algorithm number (0-255)
   * @param digestType the digest type (0-255)
   * @param digest the digest
   * @throws IllegalArgumentException if a value is out of range, the digest is empty, or its length
   *     does not fit its type (SHA-1 20, SHA-256 32, SHA-384 48 bytes)
   */
  public DsData {
    check(keyTag, 0xffff, "key tag");
    check(algorithm, 0xff, "algorithm");
    check(digestType, 0xff, "digest type");
    Objects.requireNonNull(digest, "digest");
    if (digest.length == 0) {
      throw new IllegalArgumentException("DS digest must not be empty");
    }
    int expected =
        switch (digestType) {
          case 1 -> 20;
          case 2 -> 32;
          case 4 -> 48;
          default -> digest.length;
        };
    if (digest.length != expected) {
      throw new IllegalArgumentException(
          "a digest of type " + digestType + " has " + expected + " bytes, not " + digest.length);
    }
    digest = digest.clone();
  }

  /**
   * Takes the data of a DS record.
   *
   * @param ds the record
   * @return its data
   */
  public static DsData of(DSRecord ds) {
    return new DsData(ds.getFootprint(), ds.getAlgorithm(), ds.getDigestID(), ds.getDigest());
  }

  /**
   * Returns the digest.
   *
   * @return a copy of the digest
   */
  @Override
  public byte[] digest() {
    return digest.clone();
  }

  /**
   * Makes the DS record for a domain.
   *
   * @param domain the child zone's apex
   * @param ttl the record's TTL
   * @return the record
   */
  public DSRecord toRecord(Name domain, long ttl) {
    return new DSRecord(domain, DClass.IN, ttl, keyTag, algorithm, digestType, digest);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DsData d
        && d.keyTag == keyTag
        && d.algorithm == algorithm
        && d.digestType == digestType
        && Arrays.equals(d.digest, digest);
  }

  @Override
  public int hashCode() {
    return Objects.hash(keyTag, algorithm, digestType, Arrays.hashCode(digest));
  }

  /** Presentation form: {@code 12345 13 2 ABCD...}. */
  @Override
  public String toString() {
    return keyTag
        + " "
        + algorithm
        + " "
        + digestType
        + " "
        + HexFormat.of().withUpperCase().formatHex(digest);
  }

  static void check(int value, int max, String what) {
    if (value < 0 || value > max) {
      throw new IllegalArgumentException(what + " must be 0 to " + max + ", not " + value);
    }
  }
}
