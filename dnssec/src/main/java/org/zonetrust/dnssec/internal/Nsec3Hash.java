package org.zonetrust.dnssec.internal;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.xbill.DNS.Name;

/**
 * The NSEC3 hash of RFC 5155 section 5 (SHA-1, iterated, salted) and the hashed owner names it
 * gives. Not thread-safe (it keeps a digest).
 */
final class Nsec3Hash {
  private static final char[] BASE32HEX = "0123456789abcdefghijklmnopqrstuv".toCharArray();

  private final Name origin;
  private final byte[] originWire;
  private final int iterations;
  private final byte[] salt;
  private final MessageDigest sha1;

  Nsec3Hash(Name origin, int iterations, byte[] salt) {
    this.origin = origin;
    this.originWire = origin.toWireCanonical();
    this.iterations = iterations;
    this.salt = salt.clone();
    try {
      this.sha1 = MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-1", e);
    }
  }

  /** Returns the hash of a name. */
  byte[] hash(Name name) {
    sha1.update(name.toWireCanonical());
    sha1.update(salt);
    byte[] h = sha1.digest();
    for (int i = 0; i < iterations; i++) {
      sha1.update(h);
      sha1.update(salt);
      h = sha1.digest();
    }
    return h;
  }

  /** Returns the hashed owner name of a name: the lower-case base32hex hash below the origin. */
  Name owner(Name name) {
    return ownerOf(hash(name));
  }

  /** Returns the owner name for a hash. */
  Name ownerOf(byte[] hash) {
    String label = base32hex(hash);
    byte[] out = new byte[1 + label.length() + originWire.length];
    out[0] = (byte) label.length();
    for (int i = 0; i < label.length(); i++) {
      out[1 + i] = (byte) label.charAt(i);
    }
    System.arraycopy(originWire, 0, out, 1 + label.length(), originWire.length);
    try {
      return new Name(out);
    } catch (IOException e) {
      throw new IllegalStateException("cannot happen: hashed owner name of " + origin, e);
    }
  }

  /** Returns the hash that a hashed owner name carries in its first label. */
  static byte[] hashOf(Name owner) {
    String label = owner.getLabelString(0);
    byte[] out = new byte[label.length() * 5 / 8];
    long buffer = 0;
    int bits = 0;
    int o = 0;
    for (int i = 0; i < label.length(); i++) {
      buffer = (buffer << 5) | Character.digit(label.charAt(i), 32);
      bits += 5;
      if (bits >= 8) {
        bits -= 8;
        out[o++] = (byte) (buffer >>> bits);
      }
    }
    return out;
  }

  static String base32hex(byte[] data) {
    StringBuilder sb = new StringBuilder((data.length * 8 + 4) / 5);
    long buffer = 0;
    int bits = 0;
    for (byte b : data) {
      buffer = (buffer << 8) | (b & 0xff);
      bits += 8;
      while (bits >= 5) {
        bits -= 5;
        sb.append(BASE32HEX[(int) ((buffer >>> bits) & 31)]);
      }
    }
    if (bits > 0) {
      sb.append(BASE32HEX[(int) ((buffer << (5 - bits)) & 31)]);
    }
    return sb.toString();
  }
}
