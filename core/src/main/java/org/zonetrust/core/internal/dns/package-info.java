/**
 * Engines behind {@code org.zonetrust.core.dns}: wire transport, UPDATE message encoding, response
 * checks and the propagation rounds. Not exported; may change at any time.
 */
@NullMarked
package org.zonetrust.core.internal.dns;

import org.jspecify.annotations.NullMarked;
