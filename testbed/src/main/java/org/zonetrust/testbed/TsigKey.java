package org.zonetrust.testbed;

import java.security.SecureRandom;
import java.util.Base64;
import org.xbill.DNS.TSIG;

/** A TSIG key shared by BIND, Knot and the tests. */
record TsigKey(String name, String algorithm, String secret) {

  /** A fresh random HMAC-SHA256 key (32 bytes). */
  static TsigKey random(String name) {
    return new TsigKey(name, "hmac-sha256", randomSecret());
  }

  static String randomSecret() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return Base64.getEncoder().encodeToString(bytes);
  }

  /** The key for dnsjava. */
  TSIG toDnsjava() {
    return new TSIG(Dns.name(algorithm), name, secret);
  }
}
