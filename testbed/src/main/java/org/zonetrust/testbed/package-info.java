/** Test support: real servers on loopback for integration tests. */
package org.zonetrust.testbed;
