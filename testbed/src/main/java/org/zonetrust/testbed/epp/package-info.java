/**
 * An EPP registry simulator (RFC 5730, 5731, 5734, 5910) for the EPP adapter's tests: a real TLS
 * server on loopback that checks every frame against the IETF schemas, keeps domains and their
 * DNSSEC data in memory, and injects faults on demand.
 */
@NullMarked
package org.zonetrust.testbed.epp;

import org.jspecify.annotations.NullMarked;
