/**
 * ACME DNS-01 certificates for hosting platforms: issue, renew and deliver certificates whose
 * challenges are published through core's {@code DnsUpdater} and confirmed on every authoritative
 * server before the CA is asked to validate.
 */
@NullMarked
package org.zonetrust.acme;

import org.jspecify.annotations.NullMarked;
