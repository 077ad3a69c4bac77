package org.zonetrust.registrar;

import java.util.Random;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.Name;

/**
 * DNSKEY records with random key material (DS digests do not care whether the key is valid), and
 * the parent observer for the testbed.
 */
public final class TestKeys {
  private TestKeys() {}

  /**
   * A KSK-flagged (257) ECDSAP256SHA256 DNSKEY with pseudo-random key bytes.
   *
   * @param zone the apex
   * @param seed the seed of the key bytes
   * @return the record
   */
  public static DNSKEYRecord ksk(Name zone, long seed) {
    byte[] key = new byte[64];
    new Random(seed).nextBytes(key);
    return new DNSKEYRecord(zone, DClass.IN, 3600, 257, 3, 13, key);
  }

  /**
   * An observer of the testbed's {@code test.}. Knot is a secondary for the child zones only, not
   * for {@code test.}: ns1 and ns2 both point to 127.0.0.1 and ::1, where BIND answers.
   *
   * @param tb the testbed
   * @return the observer
   * @throws java.net.UnknownHostException never for a loopback address
   */
  @SuppressWarnings("exports") // test code
  public static ParentObserver observer(org.zonetrust.testbed.Testbed tb)
      throws java.net.UnknownHostException {
    return ParentObserver.builder()
        .resolver(new org.xbill.DNS.SimpleResolver(tb.unbound()))
        .port((ns, address) -> tb.bindPort())
        .backoff(java.time.Duration.ofMillis(50), java.time.Duration.ofMillis(500))
        .build();
  }
}
