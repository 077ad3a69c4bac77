package org.zonetrust.dnssec.internal;

import java.time.Clock;
import org.zonetrust.dnssec.Denial;
import org.zonetrust.dnssec.SerialPolicy;
import org.zonetrust.dnssec.SignatureValidity;

/**
 * Everything a signing run needs besides the zone.
 *
 * @param plan which keys sign what
 * @param denial NSEC or NSEC3
 * @param validity the signature validity window
 * @param serialPolicy how the SOA serial changes
 * @param clock the clock giving the signing time
 * @param threads the number of signing threads
 */
public record SignerConfig(
    KeyPlan plan,
    Denial denial,
    SignatureValidity validity,
    SerialPolicy serialPolicy,
    Clock clock,
    int threads) {}
