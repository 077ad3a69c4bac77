package org.zonetrust.registrar;

import java.net.InetSocketAddress;
import java.util.Objects;
import org.xbill.DNS.Name;

/**
 * What one authoritative server of the parent zone answered for a domain's DS RRset.
 *
 * @param nameServer the name server (an NS target of the parent zone)
 * @param address the address and port asked (unresolved with port 0 when the name server's address
 *     could not be found)
 * @param kind the kind of answer
 * @param delegation the DS set served ({@link SecureDelegation#insecure()} unless {@code kind} is
 *     {@link Kind#DS})
 * @param detail a short description: the DS records, the response code, or the error
 * @param dsTtl the TTL of the DS RRset in seconds (the largest, should the records differ); 0
 *     unless {@code kind} is {@link Kind#DS}
 */
public record ServerAnswer(
    Name nameServer,
    InetSocketAddress address,
    Kind kind,
    SecureDelegation delegation,
    String detail,
    long dsTtl) {

  /** The kinds of answer. */
  public enum Kind {
    /** An authoritative answer with at least one DS record. */
    DS,
    /** An authoritative NOERROR answer without DS records: the delegation is insecure. */
    NODATA,
    /** An authoritative NXDOMAIN: the parent does not know the domain (no DS either). */
    NXDOMAIN,
    /** No usable answer: timeout, unreachable, an error code, or a non-authoritative answer. */
    ERROR
  }

  /**
   * Checks that no component is null and the TTL is not negative.
   *
   * @param nameServer the name server
   * @param address the address asked
   * @param kind the kind of answer
   * @param delegation the DS set served
   * @param detail a short description
   * @param dsTtl the DS RRset's TTL in seconds
   */
  public ServerAnswer {
    Objects.requireNonNull(nameServer, "nameServer");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(delegation, "delegation");
    Objects.requireNonNull(detail, "detail");
    if (dsTtl < 0) {
      throw new IllegalArgumentException("negative DS TTL: " + dsTtl);
    }
  }

  /**
   * An answer without a DS TTL (no DS served, or the TTL is not known).
   *
   * @param nameServer the name server
   * @param address the address asked
   * @param kind the kind of answer
   * @param delegation the DS set served
   * @param detail a short description
   */
  public ServerAnswer(
      Name nameServer,
      InetSocketAddress address,
      Kind kind,
      SecureDelegation delegation,
      String detail) {
    this(nameServer, address, kind, delegation, detail, 0);
  }

  /**
   * Tells whether this server serves exactly the expected DS set: the same DS records for a secure
   * delegation, no DS (NODATA or NXDOMAIN) for an insecure one. Key data in {@code expected} is
   * ignored: DNS serves DS records only.
   *
   * @param expected the expected delegation
   * @return true when the server serves it
   */
  public boolean serves(SecureDelegation expected) {
    SecureDelegation ds = expected.dsOnly();
    if (ds.isInsecure()) {
      return kind == Kind.NODATA || kind == Kind.NXDOMAIN;
    }
    return kind == Kind.DS && delegation.equals(ds);
  }

  /** One line: server, address, answer. */
  @Override
  public String toString() {
    String where =
        address.isUnresolved()
            ? "(no address)"
            : address.getAddress().getHostAddress() + " port " + address.getPort();
    return nameServer + " " + where + ": " + kind + " " + detail;
  }
}
