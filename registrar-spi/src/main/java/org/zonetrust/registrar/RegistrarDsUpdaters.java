package org.zonetrust.registrar;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.zonetrust.core.dns.ParentDsChannel;
import org.zonetrust.registrar.spi.RegistrarDsUpdaterProvider;

/**
 * Finds the adapter for a configuration, among the providers on the class or module path, and
 * bridges an adapter to core's {@link ParentDsChannel} for the key manager.
 */
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

  /**
   * Bridges an adapter and a parent observer to core's {@link ParentDsChannel}, the way the key
   * manager ({@code zonetrust-dnssec}) reaches the parent without depending on this module.
   *
   * <ul>
   *   <li>{@link ParentDsChannel#request request(zone, desired)} calls {@link
   *       RegistrarDsUpdater#converge converge(zone, SecureDelegation.ofDsRecords(desired))}:
   *       returns normally for {@code UNCHANGED}, {@code APPLIED} and {@code PENDING}, throws a
   *       {@link RegistrarException} with reason {@code REJECTED} (and the registry's words) for
   *       {@code REJECTED}. DS records must be owned by {@code zone} (else {@link
   *       IllegalArgumentException}); their TTLs are ignored. Adapters that take DNSKEY data only
   *       refuse DS data with reason {@code UNSUPPORTED}.
   *   <li>{@link ParentDsChannel#observe observe(zone)} calls {@link ParentObserver#observe}: the
   *       view's {@code agreed} set is {@link ParentObservation#agreed()} as DS records of {@code
   *       zone} with TTL 0 (DS equality ignores TTLs), empty when a server failed or two servers
   *       differ; its {@code detail} is one line per server address (name server, address, port,
   *       answer).
   * </ul>
   *
   * <p>The channel owns neither argument: closing them stays with the caller. It is thread-safe as
   * far as both arguments are (every adapter and observer of this module is).
   *
   * @param updater the adapter that sends DS changes to the parent
   * @param observer the observer that asks the parent zone's servers
   * @return the channel
   */
  public static ParentDsChannel parentChannel(RegistrarDsUpdater updater, ParentObserver observer) {
    return new RegistrarParentChannel(updater, observer);
  }
}
