package org.zonetrust.registrar.internal.dnsupdate;

import org.zonetrust.registrar.RegistrarConfig;
import org.zonetrust.registrar.RegistrarDsUpdater;
import org.zonetrust.registrar.RegistrarException;
import org.zonetrust.registrar.spi.RegistrarDsUpdaterProvider;

/** Provides the DNS UPDATE adapter for {@code dnsupdate:} URIs. */
public final class DnsUpdateProvider implements RegistrarDsUpdaterProvider {

  /** Creates the provider (for {@link java.util.ServiceLoader}). */
  public DnsUpdateProvider() {}

  @Override
  public boolean accepts(RegistrarConfig config) {
    return "dnsupdate".equalsIgnoreCase(config.uri().getScheme());
  }

  @Override
  public RegistrarDsUpdater create(RegistrarConfig config) throws RegistrarException {
    return DnsUpdateDsUpdater.create(config);
  }
}
