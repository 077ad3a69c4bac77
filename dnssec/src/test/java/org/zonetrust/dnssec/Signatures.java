package org.zonetrust.dnssec;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSSEC;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Type;

/** Test helper: signs a fixed A RRset with a key and checks it with dnsjava's validator. */
final class Signatures {
  static final Instant INCEPTION = Instant.parse("2026-01-01T00:00:00Z");
  static final Instant EXPIRATION = Instant.parse("2026-02-01T00:00:00Z");

  private Signatures() {}

  static RRset rrset(Name zone) {
    RRset rrset = new RRset();
    try {
      rrset.addRR(
          new ARecord(
              Name.fromConstantString("www." + zone),
              DClass.IN,
              300,
              InetAddress.getByName("192.0.2.1")));
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
    return rrset;
  }

  /** The signature field of an RRSIG over {@link #rrset}. */
  static byte[] sign(SigningKey key) throws Exception {
    RRset rrset = rrset(key.zone());
    return key.sign(DNSSEC.digestRRset(rrsig(key, new byte[0]), rrset));
  }

  static RRSIGRecord rrsig(SigningKey key, byte[] signature) {
    RRset rrset = rrset(key.zone());
    return new RRSIGRecord(
        rrset.getName(),
        DClass.IN,
        300,
        Type.A,
        key.algorithm().code(),
        300,
        EXPIRATION,
        INCEPTION,
        key.keyTag(),
        key.zone(),
        signature);
  }

  /** Signs and verifies with dnsjava; throws if the signature does not validate. */
  static byte[] signAndVerify(SigningKey key) throws Exception {
    byte[] signature = sign(key);
    DNSSEC.verify(
        rrset(key.zone()),
        rrsig(key, signature),
        key.dnskey(),
        Instant.parse("2026-01-15T00:00:00Z"));
    return signature;
  }
}
