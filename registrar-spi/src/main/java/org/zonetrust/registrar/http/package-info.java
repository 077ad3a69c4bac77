/**
 * Settings of the built-in HTTP/JSON registrar adapter: {@link
 * org.zonetrust.registrar.http.HttpApiMapping} (endpoint paths and JSON field names per API style),
 * passed as {@code RegistrarConfig.builder(uri).setting("httpMapping", mapping)}.
 */
@NullMarked
package org.zonetrust.registrar.http;

import org.jspecify.annotations.NullMarked;
