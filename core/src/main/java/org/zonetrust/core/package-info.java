/**
 * Shared vocabulary of all ZoneTrust modules: the root exception and time handling conventions.
 *
 * <p>Sub-packages hold the core SPIs: {@link org.zonetrust.core.dns} (DNS UPDATE and propagation
 * checks), {@link org.zonetrust.core.state} (persistent state and leases) and {@link
 * org.zonetrust.core.event} (progress events). Every type that needs time takes an injected {@link
 * java.time.Clock}.
 */
@NullMarked
package org.zonetrust.core;

import org.jspecify.annotations.NullMarked;
