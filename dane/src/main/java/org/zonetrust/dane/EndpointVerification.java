package org.zonetrust.dane;

import java.util.Objects;
import org.xbill.DNS.Name;

/**
 * Whether one endpoint's published TLSA RRset is ready for the switch to the next key.
 *
 * @param endpoint the endpoint
 * @param owner the owner name looked up
 * @param status the DNSSEC status of the answer
 * @param ready {@code true} if the answer is secure and holds a record of the next key with every
 *     planned parameter set
 * @param reason why (or why not), naming the missing parameters or the DNSSEC problem
 */
public record EndpointVerification(
    TlsaEndpoint endpoint, Name owner, DnssecStatus status, boolean ready, String reason) {
  /**
   * Validates.
   *
   * @param endpoint the endpoint
   * @param owner the owner name
   * @param status the DNSSEC status
   * @param ready whether it is ready
   * @param reason the explanation
   */
  public EndpointVerification {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(reason, "reason");
  }

  @Override
  public String toString() {
    return owner + " " + status + (ready ? " ready: " : " NOT ready: ") + reason;
  }
}
