/**
 * The DNS UPDATE adapter ({@code dnsupdate://HOST:PORT?key=KEY.&zone=PARENT.}): for a parent zone
 * the platform runs itself, DS changes as one RFC 2136 update signed with TSIG.
 */
@NullMarked
package org.zonetrust.registrar.internal.dnsupdate;

import org.jspecify.annotations.NullMarked;
