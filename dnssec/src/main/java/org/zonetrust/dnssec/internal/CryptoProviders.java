package org.zonetrust.dnssec.internal;

import java.security.GeneralSecurityException;
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
 * The JCA providers DNSSEC signing uses, found once per class loader: one Bouncy Castle instance,
 * and the Amazon Corretto Crypto Provider when its jar is present and its native library loads.
 *
 * <p>ACCP is looked up by reflection so that this class works without its jar. Providers are passed
 * to {@code Signature.getInstance(name, provider)}, never registered globally.
 */
public final class CryptoProviders {
  private static final Logger LOG = LoggerFactory.getLogger(CryptoProviders.class);
  private static final String ACCP_CLASS =
      "com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider";

  private CryptoProviders() {}

  /**
   * What signs with one key: the provider, the JCA algorithm name and the key object that provider
   * accepts.
   *
   * @param provider the JCA provider
   * @param jcaName the JCA signature algorithm name
   * @param key the private key, translated into the provider's own key type where needed
   */
  public record Choice(Provider provider, String jcaName, PrivateKey key) {
    @Override
    public String toString() {
      // never the key: some providers print key values in their toString
      return "Choice[" + provider.getName() + " " + jcaName + "]";
    }
  }

  /** Resolved on first use; immutable afterwards. */
  private static final class Holder {
    static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();
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
            "DNSSEC signing: RSA and ECDSA with {} {} (native AWS-LC), EdDSA with Bouncy Castle",
            accp.getName(),
            accp.getVersionStr());
      } else {
        LOG.info(
            "DNSSEC signing: Bouncy Castle for every algorithm (Amazon Corretto Crypto Provider"
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
    return Holder.BOUNCY_CASTLE;
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
   * Picks the provider, algorithm name and key object for signing.
   *
   * @param requested what the caller asked for
   * @param algorithm the DNSSEC algorithm
   * @param deterministicEcdsa whether ECDSA signatures must be deterministic (RFC 6979)
   * @param key the private key as loaded or generated (a Bouncy Castle or JDK key object)
   * @return the choice
   * @throws IllegalStateException if ACCP was requested but cannot load, or cannot take the key
   */
  public static Choice choose(
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
    Provider accp = Holder.ACCP;
    if (requested != SigningProvider.BOUNCY_CASTLE && accpCan && accp != null) {
      return new Choice(accp, jcaName(algorithm, false), translate(accp, algorithm, key));
    }
    return new Choice(Holder.BOUNCY_CASTLE, jcaName(algorithm, deterministicEcdsa), key);
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
