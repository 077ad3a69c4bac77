package org.zonetrust.core.dns;

import java.util.Set;
import org.xbill.DNS.DSRecord;
import org.xbill.DNS.Name;
import org.zonetrust.core.ZoneTrustException;

/**
 * The key manager's way to the parent of a signed zone: ask for a DS set, and see what the parent
 * really serves. It lives in core so that the key manager ({@code zonetrust-dnssec}) and the
 * registrar adapters ({@code zonetrust-registrar-spi}, which bridges its {@code RegistrarDsUpdater}
 * and {@code ParentObserver} to this interface) never depend on each other.
 *
 * <p>Obligations of an implementation:
 *
 * <ul>
 *   <li><b>Idempotent:</b> {@link #request} may be called again with the same set at any time
 *       (after a crash, a timeout, on every pass of the key manager) and then changes nothing at a
 *       parent that already holds it.
 *   <li><b>Honest:</b> {@link #observe} reports what every authoritative server of the parent zone
 *       serves, never what a registry said it accepted; a request that returned normally proves
 *       nothing until an observation shows the set.
 *   <li><b>Thread-safe</b> for different zones; the key manager serialises calls for one zone.
 *   <li><b>Interruptible</b> and <b>secret-free</b>, like every ZoneTrust SPI: an interrupted
 *       caller gets an exception promptly with its interrupt flag set, and no message carries a
 *       password, token or key.
 * </ul>
 */
public interface ParentDsChannel {

  /**
   * Asks the parent to hold exactly {@code desired} as the DS RRset of {@code zone}. Returns when
   * the request was accepted (an EPP update succeeded, a mail was sent, an UPDATE was applied), not
   * when the parent serves it.
   *
   * @param zone the child zone's apex
   * @param desired the whole DS set wanted at the parent (TTLs are ignored); empty makes the
   *     delegation insecure where the parent allows it
   * @throws ZoneTrustException if the request could not be made or was refused
   */
  void request(Name zone, Set<DSRecord> desired) throws ZoneTrustException;

  /**
   * Asks every authoritative server of the parent zone for the DS RRset of {@code zone}.
   *
   * @param zone the child zone's apex
   * @return what the servers answered
   * @throws ZoneTrustException if the parent's servers cannot be found at all
   */
  ParentDsView observe(Name zone) throws ZoneTrustException;
}
