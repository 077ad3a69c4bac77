package org.zonetrust.core.dns;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;
import org.zonetrust.core.ZoneTrustException;

/**
 * Not every authoritative server served the expected state before the check's timeout. The message
 * lists each server with its address, SOA serial and last answer (or error); {@link #servers()} has
 * the same data as values.
 */
public class PropagationTimeoutException extends ZoneTrustException {
  private static final long serialVersionUID = 1L;

  private final transient Name name;
  private final int type;
  private final transient @Nullable Name zone;
  private final transient List<ServerStatus> servers;

  /**
   * Creates the exception.
   *
   * @param name the name checked (after CNAMEs)
   * @param type the RR type, a dnsjava {@link Type} constant
   * @param zone the zone, or null if it could not be found
   * @param expected the state waited for
   * @param servers the state of every server address
   * @param timeout the overall timeout that expired
   * @param problem why the zone or its servers could not be found, or null
   */
  public PropagationTimeoutException(
      Name name,
      int type,
      @Nullable Name zone,
      Expectation expected,
      List<ServerStatus> servers,
      Duration timeout,
      @Nullable String problem) {
    super(message(name, type, zone, expected, servers, timeout, problem));
    this.name = name;
    this.type = type;
    this.zone = zone;
    this.servers = List.copyOf(servers);
  }

  private static String message(
      Name name,
      int type,
      @Nullable Name zone,
      Expectation expected,
      List<ServerStatus> servers,
      Duration timeout,
      @Nullable String problem) {
    long confirmed = servers.stream().filter(ServerStatus::confirmed).count();
    StringBuilder b =
        new StringBuilder()
            .append(Type.string(type))
            .append(' ')
            .append(name)
            .append(" (zone ")
            .append(zone == null ? "unknown" : zone.toString())
            .append(") not ")
            .append(expected)
            .append(" at every server within ")
            .append(timeout)
            .append(": ")
            .append(confirmed)
            .append(" of ")
            .append(servers.size())
            .append(" confirmed");
    if (problem != null) {
      b.append("; ").append(problem);
    }
    servers.forEach(s -> b.append("\n  ").append(s));
    return b.toString();
  }

  /**
   * The name that was checked (after following CNAMEs).
   *
   * @return the name
   */
  public Name name() {
    return name;
  }

  /**
   * The RR type that was checked.
   *
   * @return a dnsjava {@link Type} constant
   */
  public int type() {
    return type;
  }

  /**
   * The zone that serves the name.
   *
   * @return the zone, or empty if it could not be found
   */
  public Optional<Name> zone() {
    return Optional.ofNullable(zone);
  }

  /**
   * Every server address with its last answer.
   *
   * @return the servers, confirmed or not
   */
  public List<ServerStatus> servers() {
    return servers;
  }
}
