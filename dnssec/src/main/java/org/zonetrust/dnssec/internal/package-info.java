/** The signing engine behind {@link org.zonetrust.dnssec}; not exported, may change at any time. */
@NullMarked
package org.zonetrust.dnssec.internal;

import org.jspecify.annotations.NullMarked;
