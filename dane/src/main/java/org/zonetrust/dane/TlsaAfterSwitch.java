package org.zonetrust.dane;

import java.util.List;
import java.util.Objects;
import org.xbill.DNS.TLSARecord;

/**
 * What to publish once the servers use the former next key everywhere: the retired key's records
 * may go at once, and the new steady state is the new current key plus a newer next key.
 *
 * <p>No TTL wait is needed before removing the retired records: every cache holds either the old
 * set (which has the new key, it was the next key) or the new one (which has it too), and the
 * servers no longer present the retired key. Removal must wait only until every server (every MX
 * host, every load-balanced instance) presents the new certificate.
 *
 * @param retired the records of the retired key, one per endpoint and parameter set
 * @param publish the new publish set (replaces every RRset of the old one)
 */
public record TlsaAfterSwitch(List<TLSARecord> retired, TlsaPublishSet publish) {
  /**
   * Copies the list.
   *
   * @param retired the retired records
   * @param publish the new publish set
   */
  public TlsaAfterSwitch {
    retired = List.copyOf(retired);
    Objects.requireNonNull(publish, "publish");
  }
}
