package org.zonetrust.registrar.internal.cds;

import org.zonetrust.registrar.RegistrarConfig;
import org.zonetrust.registrar.RegistrarDsUpdater;
import org.zonetrust.registrar.RegistrarException;
import org.zonetrust.registrar.spi.RegistrarDsUpdaterProvider;

/** Provides the CDS adapter for {@code cds:} URIs. */
public final class CdsProvider implements RegistrarDsUpdaterProvider {

  /** Creates the provider (for {@link java.util.ServiceLoader}). */
  public CdsProvider() {}

  @Override
  public boolean accepts(RegistrarConfig config) {
    return "cds".equalsIgnoreCase(config.uri().getScheme());
  }

  @Override
  public RegistrarDsUpdater create(RegistrarConfig config) throws RegistrarException {
    return CdsDsUpdater.create(config);
  }
}
