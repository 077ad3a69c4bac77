package org.zonetrust.registrar.internal.epp;

import java.util.Locale;
import org.zonetrust.registrar.RegistrarConfig;
import org.zonetrust.registrar.RegistrarDsUpdater;
import org.zonetrust.registrar.RegistrarException;
import org.zonetrust.registrar.spi.RegistrarDsUpdaterProvider;

/**
 * Provides the EPP adapter for {@code epp://HOST:PORT?clid=CLIENTID[&data=ds|key]}. Settings:
 * {@code keyStore} (KeyStore with the client key and certificate, required), {@code trustStore}
 * (KeyStore with the registry's CA; default: the JDK's), {@code connectTimeout}, {@code
 * readTimeout}, {@code idleHello} (Duration), {@code maxFrameBytes} (Integer). Secrets: {@code
 * password}, {@code keyStorePassword}.
 */
public final class EppProvider implements RegistrarDsUpdaterProvider {

  /** Creates the provider (ServiceLoader). */
  public EppProvider() {}

  @Override
  public boolean accepts(RegistrarConfig config) {
    String scheme = config.uri().getScheme();
    return scheme != null && scheme.toLowerCase(Locale.ROOT).equals("epp");
  }

  @Override
  public RegistrarDsUpdater create(RegistrarConfig config) throws RegistrarException {
    return new EppDsUpdater(EppOptions.of(config), config.secrets());
  }
}
