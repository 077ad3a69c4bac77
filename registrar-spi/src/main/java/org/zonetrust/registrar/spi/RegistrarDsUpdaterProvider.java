package org.zonetrust.registrar.spi;

import org.zonetrust.registrar.RegistrarConfig;
import org.zonetrust.registrar.RegistrarDsUpdater;
import org.zonetrust.registrar.RegistrarException;

/**
 * Makes {@link RegistrarDsUpdater}s for the configuration URIs it accepts. Found by {@link
 * java.util.ServiceLoader}: list the implementation in {@code
 * META-INF/services/org.zonetrust.registrar.spi.RegistrarDsUpdaterProvider} and {@code provides} it
 * in {@code module-info.java}.
 *
 * <p>Implementations are stateless and thread-safe, have a public no-argument constructor, and
 * accept only URIs they fully understand: two providers accepting one URI is a configuration error
 * the loader reports.
 */
public interface RegistrarDsUpdaterProvider {

  /**
   * Tells whether this provider handles a configuration URI (usually by its scheme).
   *
   * @param config the configuration
   * @return true if {@link #create} will handle it
   */
  boolean accepts(RegistrarConfig config);

  /**
   * Creates an updater. Cheap: connections are opened on first use.
   *
   * @param config the configuration, accepted by {@link #accepts}
   * @return the updater
   * @throws RegistrarException with reason {@code CONFIGURATION} if the URI or settings are wrong
   */
  RegistrarDsUpdater create(RegistrarConfig config) throws RegistrarException;
}
