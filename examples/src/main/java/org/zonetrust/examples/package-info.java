/** Runnable examples of embedding ZoneTrust, one main class per use case. */
@NullMarked
package org.zonetrust.examples;

import org.jspecify.annotations.NullMarked;
