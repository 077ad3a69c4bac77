/**
 * The key-timing engine behind {@code KeyManager}: key records, published versions of the DNSKEY,
 * data-signature and DS RRsets, the safety rule every cached view must satisfy, and the decisions
 * of one pass. Not exported.
 */
@NullMarked
package org.zonetrust.dnssec.internal.keys;

import org.jspecify.annotations.NullMarked;
