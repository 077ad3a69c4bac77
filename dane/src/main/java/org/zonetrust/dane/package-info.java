/**
 * DANE TLSA for web and mail: {@link org.zonetrust.dane.TlsaGenerator} makes TLSA records from
 * certificates, chains, keys and CSRs, with presets that follow RFC 7671 and RFC 7672.
 */
@NullMarked
package org.zonetrust.dane;

import org.jspecify.annotations.NullMarked;
