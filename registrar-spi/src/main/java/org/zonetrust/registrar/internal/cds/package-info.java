/**
 * The CDS adapter ({@code cds:?}): publishes CDS and CDNSKEY records at the child apex (RFC 7344,
 * RFC 8078) for parents that scan for them, and reads the result from the parent's DNS.
 */
@NullMarked
package org.zonetrust.registrar.internal.cds;

import org.jspecify.annotations.NullMarked;
