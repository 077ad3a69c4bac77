package org.zonetrust.dnssec.internal;

import org.xbill.DNS.Type;

/** Which RR types the signer makes or treats specially. */
final class Types {
  private Types() {}

  /** Types the signer makes itself; in input they are dropped. */
  static boolean generated(int type) {
    return type == Type.RRSIG || type == Type.NSEC || type == Type.NSEC3 || type == Type.NSEC3PARAM;
  }

  /** Types signed by the key-signing keys (RFC 4035; RFC 7344 for CDS and CDNSKEY). */
  static boolean signedByKsk(int type) {
    return type == Type.DNSKEY || type == Type.CDS || type == Type.CDNSKEY;
  }
}
