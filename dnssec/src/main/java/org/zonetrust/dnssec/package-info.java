/**
 * DNSSEC signing for hosting platforms: {@link org.zonetrust.dnssec.SigningKey} (generate, load and
 * store keys in BIND's key file format), the zone signer and the zone verifier.
 *
 * <p>All types take an injected {@link java.time.Clock} where time matters. dnsjava's immutable
 * value types ({@link org.xbill.DNS.Name}, {@link org.xbill.DNS.Record}) are the vocabulary of the
 * public signatures; dnsjava's global state is never touched.
 */
@NullMarked
package org.zonetrust.dnssec;

import org.jspecify.annotations.NullMarked;
