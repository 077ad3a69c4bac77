package org.zonetrust.dane.internal;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.LinkedHashSet;
import java.util.Set;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** The JDK's default trust anchors, for the PKIX usages 0 and 1. */
public final class JdkTrust {
  private JdkTrust() {}

  /**
   * The JDK's default trust store as trust anchors.
   *
   * @return the anchors
   * @throws IllegalStateException if the JDK trust store cannot be read or is empty
   */
  public static Set<TrustAnchor> anchors() {
    try {
      TrustManagerFactory f =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      f.init((KeyStore) null);
      Set<TrustAnchor> anchors = new LinkedHashSet<>();
      for (TrustManager tm : f.getTrustManagers()) {
        if (tm instanceof X509TrustManager x) {
          for (X509Certificate c : x.getAcceptedIssuers()) {
            anchors.add(new TrustAnchor(c, null));
          }
        }
      }
      if (anchors.isEmpty()) {
        throw new IllegalStateException("the JDK trust store is empty: set PKIX trust anchors");
      }
      return anchors;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot read the JDK trust store", e);
    }
  }
}
