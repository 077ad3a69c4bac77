/**
 * DS records at the parent: {@link org.zonetrust.registrar.RegistrarDsUpdater} (read the parent's
 * DS or DNSKEY set, converge it to a desired set), {@link
 * org.zonetrust.registrar.RegistrarDsUpdaters} (find an adapter for a configuration URI) and the
 * values they exchange.
 *
 * <p>"Submitted" is never taken for "done": a change is confirmed only when every authoritative
 * server of the parent zone serves the expected DS RRset.
 */
@NullMarked
package org.zonetrust.registrar;

import org.jspecify.annotations.NullMarked;
