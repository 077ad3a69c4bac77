package org.zonetrust.dnssec;

/**
 * Which JCA provider a {@link SigningKey} signs with.
 *
 * <p>Bouncy Castle is always available and always signs EdDSA (Ed25519, Ed448) and deterministic
 * ECDSA. The Amazon Corretto Crypto Provider (ACCP, native AWS-LC behind JCA) is an optional
 * accelerator for RSA and ECDSA: it is used when its jar is on the class path and its native
 * library loads. No provider is ever registered globally ({@code Security.addProvider} is never
 * called).
 */
public enum SigningProvider {
  /** ACCP for RSA and ECDSA where it loads, Bouncy Castle otherwise: the default. */
  AUTO,
  /** Bouncy Castle for every algorithm: the portable choice. */
  BOUNCY_CASTLE,
  /**
   * ACCP for RSA and ECDSA (Bouncy Castle still signs EdDSA and deterministic ECDSA, which ACCP
   * lacks); choosing it fails with an {@link IllegalStateException} when ACCP cannot load.
   */
  ACCP
}
