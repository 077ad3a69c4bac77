package org.zonetrust.registrar.internal.http;

import java.util.Locale;
import org.zonetrust.registrar.RegistrarConfig;
import org.zonetrust.registrar.RegistrarDsUpdater;
import org.zonetrust.registrar.RegistrarException;
import org.zonetrust.registrar.spi.RegistrarDsUpdaterProvider;

/**
 * Accepts {@code https://} (and loopback {@code http://}) configuration URIs that carry a {@code
 * style=} query parameter; other HTTP-based adapters can claim URIs without it.
 */
public final class HttpRegistrarProvider implements RegistrarDsUpdaterProvider {
  /** Creates the provider; called by {@link java.util.ServiceLoader}. */
  public HttpRegistrarProvider() {}

  @Override
  public boolean accepts(RegistrarConfig config) {
    String scheme = config.uri().getScheme().toLowerCase(Locale.ROOT);
    return (scheme.equals("https") || scheme.equals("http"))
        && HttpSettings.query(config.uri(), "style").isPresent();
  }

  @Override
  public RegistrarDsUpdater create(RegistrarConfig config) throws RegistrarException {
    return create(config, Sleeper.THREAD);
  }

  static HttpRegistrarDsUpdater create(RegistrarConfig config, Sleeper sleeper)
      throws RegistrarException {
    HttpSettings settings = HttpSettings.of(config);
    return new HttpRegistrarDsUpdater(
        settings, new HttpTransport(settings, config.secrets(), config.clock(), sleeper));
  }
}
