/**
 * The HTTP/JSON registrar adapter: {@code https://} configuration URIs with a {@code style=} query
 * parameter, three API styles (DS by id, DNSKEY, replace the whole set), a small strict JSON reader
 * and writer, retries with bounded backoff. See {@code docs/registrar-http.md}.
 */
@NullMarked
package org.zonetrust.registrar.internal.http;

import org.jspecify.annotations.NullMarked;
