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
    check(out, server.pid(), port, server.toString(), expected);
  }

  /** The parsing half of {@link #verify}, separate for unit tests. */
  static void check(String ssOutput, long pid, int port, String who, List<String> expected) {
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
      String host = f[4].substring(0, f[4].length() - (":" + port).length());
      missing.remove(f[0] + " " + host);
    }
    if (!missing.isEmpty()) {
      throw new PortCollisionException(
          who + " does not listen on " + missing + " port " + port + "; ss says:\n" + ssOutput);
    }
  }
}
