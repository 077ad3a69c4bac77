/**
 * A small TLS server for tests: direct TLS, or STARTTLS for SMTP (accepting and recording mail),
 * IMAP and POP3, on a free loopback port.
 */
@NullMarked
package org.zonetrust.testbed.tls;

import org.jspecify.annotations.NullMarked;
