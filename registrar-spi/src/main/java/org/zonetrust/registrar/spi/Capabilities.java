package org.zonetrust.registrar.spi;

import java.util.Objects;
import java.util.Set;
import org.zonetrust.registrar.DsData;
import org.zonetrust.registrar.RegistrarException;
import org.zonetrust.registrar.SecureDelegation;

/**
 * What an adapter (and the registry behind it) accepts, so a request that cannot work is refused
 * before anything is sent.
 *
 * @param dataKinds whether the parent takes DS data, DNSKEY data, or either
 * @param digestTypes the DS digest types it takes (e.g. 2 and 4)
 * @param maxRecords the most DS (or DNSKEY) records it holds per domain
 * @param canRemoveAll whether it can make a delegation insecure (remove every DS)
 */
public record Capabilities(
    Set<DataKind> dataKinds, Set<Integer> digestTypes, int maxRecords, boolean canRemoveAll) {

  /** The two ways registries take DNSSEC data (RFC 5910). */
  public enum DataKind {
    /** DS data: key tag, algorithm, digest type, digest. */
    DS_DATA,
    /** DNSKEY data: flags, protocol, algorithm, public key. */
    KEY_DATA
  }

  /**
   * Checks and copies.
   *
   * @param dataKinds the data kinds (not empty)
   * @param digestTypes the digest types (not empty when DS data is taken)
   * @param maxRecords at least 1
   * @param canRemoveAll whether going insecure is possible
   */
  public Capabilities {
    dataKinds = Set.copyOf(dataKinds);
    digestTypes = Set.copyOf(digestTypes);
    if (dataKinds.isEmpty()) {
      throw new IllegalArgumentException("an adapter must take DS data or DNSKEY data");
    }
    if (dataKinds.contains(DataKind.DS_DATA) && digestTypes.isEmpty()) {
      throw new IllegalArgumentException("an adapter that takes DS data must name digest types");
    }
    if (maxRecords < 1) {
      throw new IllegalArgumentException("maxRecords must be at least 1, not " + maxRecords);
    }
  }

  /**
   * Refuses a desired delegation this adapter cannot send.
   *
   * @param domain the domain, for the message
   * @param desired the desired delegation
   * @throws RegistrarException with reason {@code UNSUPPORTED}, saying what does not fit
   */
  public void check(String domain, SecureDelegation desired) throws RegistrarException {
    Objects.requireNonNull(desired, "desired");
    if (desired.isInsecure()) {
      if (!canRemoveAll) {
        throw unsupported(domain + ": this parent cannot remove every DS (going insecure)");
      }
      return;
    }
    boolean ds = dataKinds.contains(DataKind.DS_DATA) && !desired.ds().isEmpty();
    boolean keys = dataKinds.contains(DataKind.KEY_DATA) && !desired.keys().isEmpty();
    if (!ds && !keys) {
      throw unsupported(
          domain
              + ": this parent takes "
              + dataKinds
              + " but the request has "
              + (desired.ds().isEmpty() ? "no DS data" : "no DNSKEY data"));
    }
    if (ds) {
      for (DsData d : desired.ds()) {
        if (!digestTypes.contains(d.digestType())) {
          throw unsupported(
              domain
                  + ": digest type "
                  + d.digestType()
                  + " not accepted (takes "
                  + digestTypes
                  + ")");
        }
      }
    }
    int count = ds ? desired.ds().size() : desired.keys().size();
    if (count > maxRecords) {
      throw unsupported(
          domain + ": " + count + " records requested, this parent holds at most " + maxRecords);
    }
  }

  private static RegistrarException unsupported(String message) {
    return new RegistrarException(RegistrarException.Reason.UNSUPPORTED, message);
  }
}
