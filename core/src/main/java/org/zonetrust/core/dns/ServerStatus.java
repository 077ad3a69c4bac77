package org.zonetrust.core.dns;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.OptionalLong;
import org.xbill.DNS.Name;
import org.zonetrust.core.internal.dns.Addresses;

/**
 * What one authoritative server address last said during a propagation check.
 *
 * @param nameServer the name server's name (from the zone's NS RRset)
 * @param address the address and port that was queried; for a name server whose address could not
 *     be found, an unresolved address ({@link InetSocketAddress#isUnresolved()}) holding the name
 *     server's name and port 0 (such a server is never confirmed, and {@code lastAnswer} says why)
 * @param confirmed whether this server has served the expected state
 * @param soaSerial the zone's SOA serial at this server when last asked, if it answered
 * @param lastAnswer the last answer in short form (e.g. {@code NOERROR "token"}, {@code NXDOMAIN})
 *     or the error (e.g. {@code error: no answer ... within PT2S})
 */
public record ServerStatus(
    Name nameServer,
    InetSocketAddress address,
    boolean confirmed,
    OptionalLong soaSerial,
    String lastAnswer) {

  /**
   * Validates.
   *
   * @param nameServer the name server's name
   * @param address the address and port queried
   * @param confirmed whether the expected state was seen
   * @param soaSerial the SOA serial, if known
   * @param lastAnswer the last answer or error
   */
  public ServerStatus {
    Objects.requireNonNull(nameServer, "nameServer");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(soaSerial, "soaSerial");
    Objects.requireNonNull(lastAnswer, "lastAnswer");
  }

  /**
   * One line for reports: name server, address, serial, state and last answer.
   *
   * @return e.g. {@code ns2.test. [::1]:5302 serial 7 pending: NXDOMAIN}
   */
  @Override
  public String toString() {
    return nameServer
        + " "
        + (address.isUnresolved() ? "(no address)" : Addresses.format(address))
        + " serial "
        + (soaSerial.isPresent() ? Long.toString(soaSerial.getAsLong()) : "unknown")
        + (confirmed ? " confirmed: " : " pending: ")
        + lastAnswer;
  }
}
