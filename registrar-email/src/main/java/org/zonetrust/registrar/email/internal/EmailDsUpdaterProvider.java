package org.zonetrust.registrar.email.internal;

import org.zonetrust.registrar.RegistrarConfig;
import org.zonetrust.registrar.RegistrarDsUpdater;
import org.zonetrust.registrar.RegistrarException;
import org.zonetrust.registrar.spi.RegistrarDsUpdaterProvider;

/** Makes the e-mail adapter for {@code mailto:} configuration URIs. */
public final class EmailDsUpdaterProvider implements RegistrarDsUpdaterProvider {

  /** Creates the provider (for {@link java.util.ServiceLoader}). */
  public EmailDsUpdaterProvider() {}

  @Override
  public boolean accepts(RegistrarConfig config) {
    return "mailto".equalsIgnoreCase(config.uri().getScheme());
  }

  @Override
  public RegistrarDsUpdater create(RegistrarConfig config) throws RegistrarException {
    return new EmailDsUpdater(config);
  }
}
