package org.zonetrust.testbed;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks with {@code ss} that every listening socket on a port belongs to one process.
 *
 * <p>named and knotd bind with SO_REUSEPORT, so a second server on a taken port starts without
 * error and shares the traffic: a server that answers proves nothing.
 */
final class PortOwnership {
  private static final Pattern PID = Pattern.compile("pid=(\\d+),");

  private PortOwnership() {}

  /** Raised when another process holds one of our ports: the caller retries with new ports. */
  static final class PortCollisionException extends TestbedException {
    private static final long serialVersionUID = 1L;

    PortCollisionException(String message) {
      super(message);
    }
  }

  /**
   * Verifies that the sockets on {@code port} all belong to {@code server} and that the expected
   * ones exist.
   *
   * @param expected sockets that must be there, as {@code "udp 127.0.0.1"} or {@code "tcp [::1]"}
   * @throws PortCollisionException when a socket on the port belongs to another process
   * @throws TestbedException when an expected socket is missing
   */
  static void verify(Path workDir, ServerProcess server, int port, List<String> expected) {
    String out = Commands.run(workDir, "ss", List.of("-Hlnutp", "( sport = :" + port + " )"));
    check(out, server.pid(), port, server.toString(), expected, false);
  }

  /**
   * Like {@link #verify}, but only sockets on the expected addresses (or a wildcard address) count:
   * for a well-known port such as 53 that servers on other loopback addresses may use too.
   *
   * @throws PortCollisionException when such a socket belongs to another process
   * @throws TestbedException when an expected socket is missing
   */
  static void verifyAddresses(Path workDir, ServerProcess server, int port, List<String> expected) {
    String out = Commands.run(workDir, "ss", List.of("-Hlnutp", "( sport = :" + port + " )"));
    check(out, server.pid(), port, server.toString(), expected, true);
  }

  /** The parsing half of {@link #verify}, separate for unit tests. */
  static void check(String ssOutput, long pid, int port, String who, List<String> expected) {
    check(ssOutput, pid, port, who, expected, false);
  }

  /** The parsing half of {@link #verify} and {@link #verifyAddresses}. */
  static void check(
      String ssOutput,
      long pid,
      int port,
      String who,
      List<String> expected,
      boolean onlyExpectedHosts) {
    List<String> hosts = new ArrayList<>(List.of("0.0.0.0", "*", "[::]"));
    for (String socket : expected) {
      hosts.add(socket.substring(socket.indexOf(' ') + 1));
    }
    List<String> missing = new ArrayList<>(expected);
    for (String line : ssOutput.split("\n", -1)) {
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.trim().split("\\s+", -1);
      // netid state recv-q send-q local peer [process]
      if (f.length < 5 || !f[4].endsWith(":" + port)) {
        continue;
      }
      String local = f[4].substring(0, f[4].length() - (":" + port).length());
      if (onlyExpectedHosts && !hosts.contains(local)) {
        continue;
      }
      Matcher m = PID.matcher(line);
      List<Long> pids = new ArrayList<>();
      while (m.find()) {
        pids.add(Long.parseLong(m.group(1)));
      }
      if (pids.isEmpty() || pids.stream().anyMatch(p -> p != pid)) {
        throw new PortCollisionException(
            "port "
                + port
                + " is shared with another process (expected only "
                + who
                + "): "
                + line);
      }
      missing.remove(f[0] + " " + local);
    }
    if (!missing.isEmpty()) {
      throw new PortCollisionException(
          who + " does not listen on " + missing + " port " + port + "; ss says:\n" + ssOutput);
    }
  }
}
