/** Progress events that ZoneTrust components publish to a platform-supplied listener. */
@NullMarked
package org.zonetrust.core.event;

import org.jspecify.annotations.NullMarked;
