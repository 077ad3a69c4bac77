/** Test support: real servers on loopback for integration tests. */
@NullMarked
package org.zonetrust.testbed;

import org.jspecify.annotations.NullMarked;
