package org.zonetrust.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Result of one in-process run of the command. */
record CliRun(int exitCode, String out, String err) {

  static CliRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = ZoneTrustCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new CliRun(code, out.toString(), err.toString());
  }
}
