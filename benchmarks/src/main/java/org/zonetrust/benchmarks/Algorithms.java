package org.zonetrust.benchmarks;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.spec.ECGenParameterSpec;
import java.util.Locale;
import org.zonetrust.dnssec.DnssecAlgorithm;

/** The short algorithm names that {@code compare-signers} uses, and their JCA names. */
final class Algorithms {
  private Algorithms() {}

  static DnssecAlgorithm parse(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "p256", "ecdsap256sha256", "13" -> DnssecAlgorithm.ECDSAP256SHA256;
      case "p384", "ecdsap384sha384", "14" -> DnssecAlgorithm.ECDSAP384SHA384;
      case "ed25519", "15" -> DnssecAlgorithm.ED25519;
      case "ed448", "16" -> DnssecAlgorithm.ED448;
      case "rsa", "rsasha256", "8" -> DnssecAlgorithm.RSASHA256;
      default -> throw new IllegalArgumentException("unknown algorithm: " + name);
    };
  }

  static String signatureName(DnssecAlgorithm algorithm) {
    return switch (algorithm) {
      case RSASHA256 -> "SHA256withRSA";
      case ECDSAP256SHA256 -> "SHA256withECDSA";
      case ECDSAP384SHA384 -> "SHA384withECDSA";
      case ED25519 -> "Ed25519";
      case ED448 -> "Ed448";
    };
  }

  static String keyPairName(DnssecAlgorithm algorithm) {
    return switch (algorithm) {
      case RSASHA256 -> "RSA";
      case ECDSAP256SHA256, ECDSAP384SHA384 -> "EC";
      case ED25519 -> "Ed25519";
      case ED448 -> "Ed448";
    };
  }

  static KeyPair keyPair(DnssecAlgorithm algorithm, Provider provider)
      throws GeneralSecurityException {
    KeyPairGenerator g;
    try {
      g = KeyPairGenerator.getInstance(keyPairName(algorithm), provider);
    } catch (GeneralSecurityException e) {
      g = KeyPairGenerator.getInstance(keyPairName(algorithm));
    }
    switch (algorithm) {
      case ECDSAP256SHA256 -> g.initialize(new ECGenParameterSpec("secp256r1"));
      case ECDSAP384SHA384 -> g.initialize(new ECGenParameterSpec("secp384r1"));
      case RSASHA256 -> g.initialize(2048);
      case ED25519, ED448 -> {}
    }
    return g.generateKeyPair();
  }
}
