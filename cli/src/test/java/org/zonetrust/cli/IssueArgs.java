package org.zonetrust.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.zonetrust.testbed.Testbed;

/** The {@code zonetrust issue} command line against the testbed, shared by the CLI's ACME ITs. */
final class IssueArgs {
  private IssueArgs() {}

  /**
   * {@code issue} with Pebble, BIND (updates and zone lookups: it sees an update at once), Knot as
   * the secondary, and the given state and output directories; the caller adds the names.
   */
  static List<String> issue(Testbed tb, Path secret, Path state, Path out) {
    return new ArrayList<>(
        List.of(
            "issue",
            "--directory",
            tb.acmeDirectory().toString(),
            "--ca-cert",
            tb.acmeServerCaPem().toString(),
            "--server",
            "127.0.0.1:" + tb.bindPort(),
            "--tsig-name",
            tb.tsigKeyName(),
            "--tsig-algorithm",
            tb.tsigAlgorithm(),
            "--tsig-secret-file",
            secret.toString(),
            "--resolver",
            "127.0.0.1:" + tb.bindPort(),
            "--ns-port-for",
            tb.primaryNameServer() + "=" + tb.bindPort(),
            "--ns-port-for",
            tb.secondaryNameServer() + "=" + tb.knotPort(),
            "--agree-tos",
            "--contact",
            "mailto:ops@example.test",
            "--timeout",
            "2m",
            "--state",
            state.toString(),
            "--out",
            out.toString()));
  }
}
