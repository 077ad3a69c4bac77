package org.zonetrust.registrar;

import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.Name;

/**
 * The data of one DNSKEY record as registries that take keys rather than digests want it (RFC 5910
 * {@code secDNS:keyData}; EURid and SIDN work this way): flags, protocol, algorithm and public key.
 *
 * @param flags the DNSKEY flags (257 for a key-signing key)
 * @param protocol the protocol field (always 3)
 * @param algorithm the DNSSEC algorithm number
 * @param publicKey the public key field (copied; never empty)
 */
@SuppressWarnings("ArrayRecordComponent") // copied in and out; equals compares content
public record KeyData(int flags, int protocol, int algorithm, byte[] publicKey) {

  /**
   * Checks the ranges and copies the key.
   *
   * @param flags the flags (0-65535)
   * @param protocol the protocol (0-255)
   * @param algorithm the algorithm (0-255)
   * @param publicKey the public key
   * @throws IllegalArgumentException if a value is out of range or the key is empty
   */
  public KeyData {
    DsData.check(flags, 0xffff, "flags");
    DsData.check(protocol, 0xff, "protocol");
    DsData.check(algorithm, 0xff, "algorithm");
    Objects.requireNonNull(publicKey, "publicKey");
    if (publicKey.length == 0) {
      throw new IllegalArgumentException("public key must not be empty");
    }
    publicKey = publicKey.clone();
  }

  /**
   * Takes the data of a DNSKEY (or CDNSKEY) record.
   *
   * @param dnskey the record
   * @return its data
   */
  public static KeyData of(DNSKEYRecord dnskey) {
    return new KeyData(
        dnskey.getFlags(), dnskey.getProtocol(), dnskey.getAlgorithm(), dnskey.getKey());
  }

  /**
   * Returns the public key.
   *
   * @return a copy of the public key field
   */
  @Override
  public byte[] publicKey() {
    return publicKey.clone();
  }

  /**
   * Makes the DNSKEY record for a domain.
   *
   * @param domain the zone apex
   * @param ttl the record's TTL
   * @return the record
   */
  public DNSKEYRecord toRecord(Name domain, long ttl) {
    return new DNSKEYRecord(domain, DClass.IN, ttl, flags, protocol, algorithm, publicKey);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KeyData k
        && k.flags == flags
        && k.protocol == protocol
        && k.algorithm == algorithm
        && Arrays.equals(k.publicKey, publicKey);
  }

  @Override
  public int hashCode() {
    return Objects.hash(flags, protocol, algorithm, Arrays.hashCode(publicKey));
  }

  /** Presentation form: {@code 257 3 13 BASE64}. */
  @Override
  public String toString() {
    return flags
        + " "
        + protocol
        + " "
        + algorithm
        + " "
        + Base64.getEncoder().encodeToString(publicKey);
  }
}
