/**
 * ACME test helpers beyond Pebble: {@link org.zonetrust.testbed.acme.AriFront}, which adds RFC 9773
 * renewal information and ACME profiles in front of the testbed's Pebble 2.4.0 (which has neither).
 */
@NullMarked
package org.zonetrust.testbed.acme;

import org.jspecify.annotations.NullMarked;
