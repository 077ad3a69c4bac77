/**
 * The EPP adapter (RFC 5730, 5731, 5734, 5910): {@code epp://HOST:PORT?clid=CLIENTID}, DS or DNSKEY
 * data through the secDNS-1.1 extension over TLS with a client certificate.
 */
@NullMarked
package org.zonetrust.registrar.internal.epp;

import org.jspecify.annotations.NullMarked;
