package org.zonetrust.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

/** Result of one in-process run of the command. */
record CliRun(int exitCode, String out, String err) {

  /** Runs with an empty environment, whatever the developer's shell has set. */
  static CliRun of(String... args) {
    return withEnv(Map.of(), args);
  }

  static CliRun withEnv(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = ZoneTrustCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true), env);
    return new CliRun(code, out.toString(), err.toString());
  }
}
