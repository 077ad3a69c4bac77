/**
 * Persistent state shared by ZoneTrust components: the {@code StateStore} SPI (versioned values,
 * compare-and-set, leases with fencing tokens) and its embedded file-based default.
 */
@NullMarked
package org.zonetrust.core.state;

import org.jspecify.annotations.NullMarked;
