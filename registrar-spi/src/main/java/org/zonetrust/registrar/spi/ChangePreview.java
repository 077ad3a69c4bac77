package org.zonetrust.registrar.spi;

import org.xbill.DNS.Name;
import org.zonetrust.registrar.RegistrarDsUpdater;
import org.zonetrust.registrar.RegistrarException;
import org.zonetrust.registrar.SecureDelegation;

/**
 * Optional capability of a {@link RegistrarDsUpdater}: shows what {@link
 * RegistrarDsUpdater#converge converge} would send, for humans (a dry run). Callers test for it
 * with {@code instanceof}; updaters without it have nothing better to show than the DS records.
 *
 * <p>A preview contains no secrets (an EPP password and login frame, a TSIG secret or MAC, an API
 * token are never part of it) and sends nothing: the caller reads {@code current} with {@link
 * RegistrarDsUpdater#current} first (a read-only request to the registry) and passes it in.
 */
public interface ChangePreview {

  /**
   * Renders the change {@code converge(domain, desired)} would send when the parent holds {@code
   * current}, with the same code that builds the real request. Contacts nothing.
   *
   * @param domain the delegated domain
   * @param current what the parent holds now, as {@link RegistrarDsUpdater#current} returned it
   * @param desired the delegation {@code converge} would be given
   * @return the request as text (for EPP the XML frame, with a placeholder client transaction id),
   *     or a line saying nothing would be sent when {@code current} already matches
   * @throws RegistrarException with reason {@code UNSUPPORTED} if {@code converge} would refuse
   *     {@code desired}, or {@code CONFIGURATION} if the domain does not fit the configuration
   */
  String preview(Name domain, SecureDelegation current, SecureDelegation desired)
      throws RegistrarException;
}
