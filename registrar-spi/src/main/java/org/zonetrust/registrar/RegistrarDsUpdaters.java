package org.zonetrust.registrar;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.zonetrust.registrar.spi.RegistrarDsUpdaterProvider;

/** Finds the adapter for a configuration, among the providers on the class or module path. */
public final class RegistrarDsUpdaters {
  private RegistrarDsUpdaters() {}

  /**
   * Creates the updater for a configuration: exactly one provider must accept it.
   *
   * @param config the configuration
   * @return the updater
   * @throws RegistrarException with reason {@code CONFIGURATION} if no provider or more than one
   *     accepts the URI, or the provider refuses the configuration
   */
  public static RegistrarDsUpdater open(RegistrarConfig config) throws RegistrarException {
    List<RegistrarDsUpdaterProvider> accepting = new ArrayList<>();
    List<String> seen = new ArrayList<>();
    for (RegistrarDsUpdaterProvider p :
        ServiceLoader.load(
            RegistrarDsUpdaterProvider.class, RegistrarDsUpdaters.class.getClassLoader())) {
      seen.add(p.getClass().getName());
      if (p.accepts(config)) {
        accepting.add(p);
      }
    }
    if (accepting.isEmpty()) {
      throw new RegistrarException(
          RegistrarException.Reason.CONFIGURATION,
          "no registrar adapter accepts scheme "
              + config.uri().getScheme()
              + " (providers found: "
              + seen
              + "; the e-mail adapter is the separate artifact zonetrust-registrar-email)");
    }
    if (accepting.size() > 1) {
      List<String> names = new ArrayList<>();
      for (RegistrarDsUpdaterProvider p : accepting) {
        names.add(p.getClass().getName());
      }
      throw new RegistrarException(
          RegistrarException.Reason.CONFIGURATION,
          "more than one registrar adapter accepts scheme "
              + config.uri().getScheme()
              + ": "
              + names);
    }
    return accepting.get(0).create(config);
  }
}
