/**
 * DNS changes and their propagation: the {@code DnsUpdater} SPI with its built-in RFC 2136 + TSIG
 * implementation, and the {@code PropagationChecker} that waits until every authoritative server of
 * a zone serves an expected state.
 */
@NullMarked
package org.zonetrust.core.dns;

import org.jspecify.annotations.NullMarked;
