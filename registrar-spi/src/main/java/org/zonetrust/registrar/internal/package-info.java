/** Engines behind {@link org.zonetrust.registrar}; not exported, may change at any time. */
@NullMarked
package org.zonetrust.registrar.internal;

import org.jspecify.annotations.NullMarked;
