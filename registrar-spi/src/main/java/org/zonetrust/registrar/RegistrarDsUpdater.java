package org.zonetrust.registrar;

import org.xbill.DNS.Name;
import org.zonetrust.registrar.spi.Capabilities;

/**
 * Keeps the DS records of child zones right at their parent, whatever the parent speaks: EPP, a
 * registrar's HTTP API, e-mail, DNS UPDATE to a parent the platform runs, or CDS scanning. The key
 * manager uses this interface without knowing which adapter is behind it; {@link
 * RegistrarDsUpdaters#open} finds one for a configuration URI.
 *
 * <p>Obligations of every implementation:
 *
 * <ul>
 *   <li><b>Idempotent:</b> {@link #converge} may be called again with the same desired set at any
 *       time (after a crash, a timeout, a retry) and then sends nothing if the parent already holds
 *       it ({@link DsUpdateResult.Status#UNCHANGED}), or the same change again.
 *   <li><b>Safe:</b> a failed or refused call leaves the parent's set as it was, as far as the
 *       protocol allows; an exception says when the outcome is unknown.
 *   <li><b>Thread-safe:</b> calls for different domains may run concurrently; callers serialise
 *       calls for one domain (the key manager holds a lease per zone).
 *   <li><b>Interruptible:</b> an interrupted thread gets a {@link RegistrarException} with reason
 *       {@code INTERRUPTED} and its interrupt flag kept.
 *   <li><b>Secret-free:</b> passwords, tokens and keys come from the {@link SecretSource} and never
 *       appear in logs, exception messages or {@code toString()}.
 * </ul>
 *
 * <p>No result means "done": confirm with the parent observer ({@code ParentObserver}), which asks
 * every authoritative server of the parent zone for the DS RRset.
 */
public interface RegistrarDsUpdater extends AutoCloseable {

  /**
   * Returns what this adapter and its parent accept.
   *
   * @return the capabilities
   */
  Capabilities capabilities();

  /**
   * Reads what the parent holds for a domain, as the registry reports it (EPP {@code domain:info},
   * an API's listing; adapters without such a view ask the parent's DNS).
   *
   * @param domain the child zone's apex
   * @return the parent's current set
   * @throws RegistrarException if it cannot be read
   */
  SecureDelegation current(Name domain) throws RegistrarException;

  /**
   * Makes the parent hold exactly the desired set for a domain: adds what is missing, removes what
   * is not desired (an empty set makes the delegation insecure, where the parent allows it).
   *
   * @param domain the child zone's apex
   * @param desired the set the parent should hold; checked against {@link #capabilities()} first
   * @return what happened
   * @throws RegistrarException if the change could not be attempted or its outcome is unknown
   */
  DsUpdateResult converge(Name domain, SecureDelegation desired) throws RegistrarException;

  /** Releases connections (EPP logout, SMTP session); the updater is unusable afterwards. */
  @Override
  default void close() {}
}
