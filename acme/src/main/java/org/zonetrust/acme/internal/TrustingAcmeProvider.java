package org.zonetrust.acme.internal;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.jspecify.annotations.Nullable;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.challenge.Challenge;
import org.shredzone.acme4j.connector.Connection;
import org.shredzone.acme4j.connector.NetworkSettings;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.provider.AcmeProvider;
import org.shredzone.acme4j.provider.GenericAcmeProvider;
import org.shredzone.acme4j.toolbox.JSON;

/**
 * acme4j's generic provider (delegated to; any {@code http}/{@code https} directory URL) whose HTTP
 * client trusts the given trust store instead of the JVM default. The context belongs to this
 * provider's {@link HttpClient} only: {@code SSLContext.setDefault} and {@code HttpsURLConnection}
 * defaults are never touched.
 */
public final class TrustingAcmeProvider implements AcmeProvider {
  private final GenericAcmeProvider generic = new GenericAcmeProvider();
  private final @Nullable SSLContext sslContext;

  /**
   * Creates the provider.
   *
   * @param trustStore the trust store, or {@code null} for the JVM default
   * @throws IllegalArgumentException if the trust store cannot be used
   */
  public TrustingAcmeProvider(@Nullable KeyStore trustStore) {
    this.sslContext = trustStore == null ? null : sslContext(trustStore);
  }

  static SSLContext sslContext(KeyStore trustStore) {
    try {
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trustStore);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, tmf.getTrustManagers(), null);
      return ctx;
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot use the CA trust store: " + e.getMessage(), e);
    }
  }

  @Override
  public boolean accepts(URI serverUri) {
    return generic.accepts(serverUri);
  }

  @Override
  public URL resolve(URI serverUri) {
    return generic.resolve(serverUri);
  }

  @Override
  public Connection connect(URI serverUri, NetworkSettings settings, HttpClient client) {
    return generic.connect(serverUri, settings, client);
  }

  @Override
  public JSON directory(Session session, URI serverUri) throws AcmeException {
    return generic.directory(session, serverUri);
  }

  @Override
  public @Nullable Challenge createChallenge(Login login, JSON data) {
    return generic.createChallenge(login, data);
  }

  @Override
  public HttpClient createHttpClient(NetworkSettings settings) {
    HttpClient.Builder b =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(settings.getTimeout())
            .proxy(settings.getProxySelector());
    if (settings.getAuthenticator() != null) {
      b.authenticator(settings.getAuthenticator());
    }
    if (sslContext != null) {
      b.sslContext(sslContext);
    }
    return b.build();
  }
}
