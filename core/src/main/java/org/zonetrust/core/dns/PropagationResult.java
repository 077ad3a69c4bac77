package org.zonetrust.core.dns;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/**
 * Every authoritative server of the zone serves the expected state.
 *
 * @param name the name that was asked about
 * @param checkedName the name actually checked, after following CNAMEs (often equal to {@code
 *     name})
 * @param type the RR type, a dnsjava {@link Type} constant
 * @param zone the zone that serves {@code checkedName}
 * @param expected the state that every server now serves
 * @param servers every server address that was checked, all confirmed
 * @param elapsed time from the start of the check to the last confirmation (from the clock)
 * @param rounds how many rounds of queries were needed
 */
public record PropagationResult(
    Name name,
    Name checkedName,
    int type,
    Name zone,
    Expectation expected,
    List<ServerStatus> servers,
    Duration elapsed,
    int rounds) {

  /**
   * Validates and copies.
   *
   * @param name the name asked about
   * @param checkedName the name checked
   * @param type the RR type
   * @param zone the zone
   * @param expected the expected state
   * @param servers the servers
   * @param elapsed the elapsed time
   * @param rounds the number of rounds
   */
  public PropagationResult {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(checkedName, "checkedName");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(expected, "expected");
    Objects.requireNonNull(elapsed, "elapsed");
    servers = List.copyOf(servers);
  }

  /**
   * A multi-line report: what was checked and one line per server.
   *
   * @return the report
   */
  public String report() {
    StringBuilder b =
        new StringBuilder()
            .append(Type.string(type))
            .append(' ')
            .append(checkedName)
            .append(" (zone ")
            .append(zone)
            .append(") ")
            .append(expected)
            .append(" at all ")
            .append(servers.size())
            .append(" servers after ")
            .append(elapsed)
            .append(':');
    servers.forEach(s -> b.append("\n  ").append(s));
    return b.toString();
  }
}
