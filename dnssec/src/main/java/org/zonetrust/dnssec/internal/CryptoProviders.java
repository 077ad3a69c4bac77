package org.zonetrust.dnssec.internal;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Optional;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zonetrust.dnssec.DnssecAlgorithm;
import org.zonetrust.dnssec.SigningProvider;

/**
 * The crypto DNSSEC signing uses: Bouncy Castle's lightweight API, the Amazon Corretto Crypto
 * Provider when its jar is present and its native library loads (found once per class loader, on
 * first need), and one Bouncy Castle JCA provider instance, constructed only when asked for.
 *
 * <p>ACCP is looked up by reflection so that this class works without its jar. Providers are passed
 * to {@code Signature.getInstance(name, provider)}, never registered globally.
 */
public final class CryptoProviders {
  private static final Logger LOG = LoggerFactory.getLogger(CryptoProviders.class);
  private static final String ACCP_CLASS =
      "com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider";

  private CryptoProviders() {}

  /** Constructed on first use only: it takes about 0.35 s, and signing does not need it. */
  private static final class BouncyCastleHolder {
    static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();
  }

  /** Resolved on first use (a zone signed with EdDSA never loads ACCP); immutable afterwards. */
  private static final class Holder {
    static final @Nullable Provider ACCP;
    static final String ACCP_PROBLEM;

    static {
      Provider accp = null;
      String problem = "";
      try {
        Class<?> c = Class.forName(ACCP_CLASS);
        Provider p = (Provider) c.getField("INSTANCE").get(null);
        Object error = c.getMethod("getLoadingError").invoke(p);
        if (error == null) {
          c.getMethod("assertHealthy").invoke(p);
          accp = p;
        } else {
          problem = "its native library did not load: " + error;
        }
      } catch (ClassNotFoundException | LinkageError e) {
        problem = "its jar is not on the class path";
      } catch (ReflectiveOperationException | RuntimeException e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        problem = "it is not healthy: " + cause;
      }
      ACCP = accp;
      ACCP_PROBLEM = problem;
      if (accp != null) {
        LOG.info(
            "DNSSEC signing: RSA and ECDSA with {} {} (native AWS-LC), EdDSA with Bouncy Castle"
                + " (lightweight API)",
            accp.getName(),
            accp.getVersionStr());
      } else {
        LOG.info(
            "DNSSEC signing: Bouncy Castle's lightweight API for every algorithm (Amazon Corretto"
                + " Crypto Provider"
                + " not used: {})",
            problem);
      }
    }
  }

  /**
   * Returns the shared Bouncy Castle provider instance.
   *
   * @return Bouncy Castle, never registered globally
   */
  public static Provider bouncyCastle() {
    return BouncyCastleHolder.BOUNCY_CASTLE;
  }

  /**
   * Returns ACCP if its native library loaded and it reports itself healthy.
   *
   * @return ACCP, or empty
   */
  public static Optional<Provider> accp() {
    return Optional.ofNullable(Holder.ACCP);
  }

  /**
   * Tells why ACCP is not used.
   *
   * @return the reason, or an empty string when ACCP is available
   */
  public static String accpProblem() {
    return Holder.ACCP_PROBLEM;
  }

  /**
   * Makes the signer for one key: ACCP where it is wanted and can sign, otherwise Bouncy Castle's
   * lightweight API (the Bouncy Castle JCA provider is not constructed). ACCP is only loaded when
   * it could sign the algorithm or was requested.
   *
   * @param requested what the caller asked for
   * @param algorithm the DNSSEC algorithm
   * @param deterministicEcdsa whether ECDSA signatures must be deterministic (RFC 6979)
   * @param key the private key as loaded or generated (any provider's key with a PKCS#8 encoding)
   * @return the signer
   * @throws IllegalStateException if ACCP was requested but cannot load, or if a provider cannot
   *     take the key
   */
  public static SignaturePool pool(
      SigningProvider requested,
      DnssecAlgorithm algorithm,
      boolean deterministicEcdsa,
      PrivateKey key) {
    if (requested == SigningProvider.ACCP && Holder.ACCP == null) {
      throw new IllegalStateException(
          "the Amazon Corretto Crypto Provider was requested but cannot be used: "
              + Holder.ACCP_PROBLEM);
    }
    boolean ecdsa =
        algorithm == DnssecAlgorithm.ECDSAP256SHA256
            || algorithm == DnssecAlgorithm.ECDSAP384SHA384;
    boolean accpCan = algorithm == DnssecAlgorithm.RSASHA256 || (ecdsa && !deterministicEcdsa);
    if (requested != SigningProvider.BOUNCY_CASTLE && accpCan) {
      Provider accp = Holder.ACCP;
      if (accp != null) {
        return new SignaturePool(
            algorithm, translate(accp, algorithm, key), accp, jcaName(algorithm));
      }
    }
    try {
      return SignaturePool.lightweight(algorithm, key, deterministicEcdsa);
    } catch (InvalidKeyException e) {
      throw new IllegalStateException(
          "Bouncy Castle cannot take a " + algorithm + " private key", e);
    }
  }

  /**
   * Makes a signer with the Bouncy Castle JCA provider (the path used before the lightweight API;
   * kept for comparisons in tests).
   *
   * @param algorithm the DNSSEC algorithm
   * @param deterministicEcdsa whether ECDSA signatures must be deterministic (RFC 6979)
   * @param key the private key
   * @return the signer
   */
  public static SignaturePool jcaBouncyCastle(
      DnssecAlgorithm algorithm, boolean deterministicEcdsa, PrivateKey key) {
    return new SignaturePool(
        algorithm, key, bouncyCastle(), jcaName(algorithm, deterministicEcdsa));
  }

  private static String jcaName(DnssecAlgorithm algorithm) {
    return jcaName(algorithm, false);
  }

  private static String jcaName(DnssecAlgorithm algorithm, boolean deterministic) {
    return switch (algorithm) {
      case RSASHA256 -> "SHA256withRSA";
      case ECDSAP256SHA256 -> deterministic ? "SHA256withECDDSA" : "SHA256withECDSA";
      case ECDSAP384SHA384 -> deterministic ? "SHA384withECDDSA" : "SHA384withECDSA";
      case ED25519 -> "Ed25519";
      case ED448 -> "Ed448";
    };
  }

  private static PrivateKey translate(
      Provider provider, DnssecAlgorithm algorithm, PrivateKey key) {
    String type = algorithm == DnssecAlgorithm.RSASHA256 ? "RSA" : "EC";
    try {
      return KeyFactory.getInstance(type, provider)
          .generatePrivate(new PKCS8EncodedKeySpec(key.getEncoded()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          provider.getName() + " cannot take a " + algorithm + " private key", e);
    }
  }
}
