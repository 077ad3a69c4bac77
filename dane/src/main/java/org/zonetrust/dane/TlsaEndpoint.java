package org.zonetrust.dane;

import java.util.Locale;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/**
 * A TLS service whose TLSA records are published at {@code _<port>._<protocol>.<host>}.
 *
 * @param port the TCP/UDP port, 1 to 65535
 * @param protocol the transport, {@code tcp}, {@code udp} or {@code sctp}
 * @param host the absolute host name (for mail: the MX host, never the mail domain)
 */
public record TlsaEndpoint(int port, String protocol, Name host) {
  /**
   * Validates the endpoint.
   *
   * @param port the TCP/UDP port, 1 to 65535
   * @param protocol the transport, {@code tcp}, {@code udp} or {@code sctp}
   * @param host the absolute host name
   * @throws IllegalArgumentException if the port, protocol or host is unusable
   */
  public TlsaEndpoint {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("TLSA port " + port + " is not in 1..65535");
    }
    protocol = protocol.toLowerCase(Locale.ROOT);
    if (!protocol.equals("tcp") && !protocol.equals("udp") && !protocol.equals("sctp")) {
      throw new IllegalArgumentException(
          "TLSA protocol '" + protocol + "' is not one of tcp, udp, sctp");
    }
    if (!host.isAbsolute()) {
      throw new IllegalArgumentException(
          "TLSA host " + host + " must be absolute (end it with a dot)");
    }
  }

  /**
   * A TCP endpoint.
   *
   * @param port the TCP port
   * @param host the absolute host name
   * @return the endpoint
   */
  public static TlsaEndpoint tcp(int port, Name host) {
    return new TlsaEndpoint(port, "tcp", host);
  }

  /**
   * The owner name of the TLSA RRset, {@code _<port>._<protocol>.<host>}.
   *
   * @return the owner name
   * @throws IllegalArgumentException if the name would be longer than 255 octets
   */
  public Name ownerName() {
    try {
      return Name.concatenate(Name.fromString("_" + port + "._" + protocol), host);
    } catch (TextParseException | org.xbill.DNS.NameTooLongException e) {
      throw new IllegalArgumentException("TLSA owner name for " + host + " is too long", e);
    }
  }

  /**
   * Whether this is an SMTP endpoint (ports 25, 465, 587), where RFC 7672 allows only usages 2 and
   * 3.
   *
   * @return {@code true} for SMTP, SMTPS and submission
   */
  public boolean isSmtp() {
    return port == 25 || port == 465 || port == 587;
  }
}
