/**
 * DANE TLSA for web and mail: {@link org.zonetrust.dane.TlsaGenerator} makes TLSA records from
 * certificates, chains, keys and CSRs, with presets that follow RFC 7671 and RFC 7672; {@link
 * org.zonetrust.dane.TlsaRolloverPlanner} keeps them right across key changes ("current + next");
 * {@link org.zonetrust.dane.DaneVerifier} checks a mail domain or a TLS service against TLSA
 * records obtained through a DNSSEC-validated path ({@link org.zonetrust.dane.ValidatedResolver}).
 */
@NullMarked
package org.zonetrust.dane;

import org.jspecify.annotations.NullMarked;
