/** The ACME engine: order state, challenge publication and clean-up. Not exported. */
@NullMarked
package org.zonetrust.acme.internal;

import org.jspecify.annotations.NullMarked;
