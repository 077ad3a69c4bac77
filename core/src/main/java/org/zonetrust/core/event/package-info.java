/** Progress events that ZoneTrust components publish to a platform-supplied listener. */
package org.zonetrust.core.event;
