package org.zonetrust.dnssec;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * How a signed zone proves that names and types do not exist: NSEC (RFC 4034) or NSEC3 (RFC 5155),
 * optionally with opt-out.
 *
 * <p>{@link #nsec3()} follows RFC 9276: SHA-1, no extra iterations, an empty salt. Instances are
 * immutable.
 */
public final class Denial {
  private static final int MAX_ITERATIONS = 100;
  private static final Denial NSEC = new Denial(false, 0, new byte[0], false);

  private final boolean nsec3;
  private final int iterations;
  private final byte[] salt;
  private final boolean optOut;

  private Denial(boolean nsec3, int iterations, byte[] salt, boolean optOut) {
    this.nsec3 = nsec3;
    this.iterations = iterations;
    this.salt = salt;
    this.optOut = optOut;
  }

  /**
   * NSEC records (RFC 4034): the default.
   *
   * @return NSEC denial
   */
  public static Denial nsec() {
    return NSEC;
  }

  /**
   * NSEC3 with the RFC 9276 parameters: no extra iterations, empty salt, no opt-out.
   *
   * @return NSEC3 denial
   */
  public static Denial nsec3() {
    return new Denial(true, 0, new byte[0], false);
  }

  /**
   * NSEC3 with the RFC 9276 parameters and opt-out: delegations without DS are left out of the
   * chain.
   *
   * @return NSEC3 opt-out denial
   */
  public static Denial nsec3OptOut() {
    return new Denial(true, 0, new byte[0], true);
  }

  /**
   * NSEC3 with explicit parameters. RFC 9276 recommends 0 iterations and an empty salt.
   *
   * @param iterations the number of extra hash iterations, 0 to 100
   * @param salt the salt, at most 255 bytes (copied)
   * @param optOut whether delegations without DS are left out of the chain
   * @return NSEC3 denial
   * @throws IllegalArgumentException if iterations or salt are out of range
   */
  public static Denial nsec3(int iterations, byte[] salt, boolean optOut) {
    if (iterations < 0 || iterations > MAX_ITERATIONS) {
      throw new IllegalArgumentException(
          "NSEC3 iterations must be 0 to "
              + MAX_ITERATIONS
              + " (RFC 9276 recommends 0), not "
              + iterations);
    }
    if (salt.length > 255) {
      throw new IllegalArgumentException("NSEC3 salt must be at most 255 bytes");
    }
    return new Denial(true, iterations, salt.clone(), optOut);
  }

  /**
   * Tells whether this is NSEC3.
   *
   * @return true for NSEC3, false for NSEC
   */
  public boolean isNsec3() {
    return nsec3;
  }

  /**
   * Returns the extra NSEC3 hash iterations.
   *
   * @return the iterations (0 for NSEC)
   */
  public int iterations() {
    return iterations;
  }

  /**
   * Returns the NSEC3 salt.
   *
   * @return a copy of the salt (empty for NSEC)
   */
  public byte[] salt() {
    return salt.clone();
  }

  /**
   * Tells whether NSEC3 opt-out is used.
   *
   * @return true if delegations without DS are left out of the NSEC3 chain
   */
  public boolean optOut() {
    return optOut;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Denial d
        && d.nsec3 == nsec3
        && d.iterations == iterations
        && d.optOut == optOut
        && Arrays.equals(d.salt, salt);
  }

  @Override
  public int hashCode() {
    return Boolean.hashCode(nsec3) * 31 * 31 + iterations * 31 + Arrays.hashCode(salt)
        ^ (optOut ? 1 : 0);
  }

  @Override
  public String toString() {
    if (!nsec3) {
      return "NSEC";
    }
    return "NSEC3(iterations "
        + iterations
        + ", salt "
        + (salt.length == 0 ? "-" : HexFormat.of().formatHex(salt))
        + (optOut ? ", opt-out)" : ")");
  }
}
