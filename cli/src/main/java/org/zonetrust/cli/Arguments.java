package org.zonetrust.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Turns command-line words into DNS names and server addresses, or into usage errors. */
final class Arguments {
  private Arguments() {}

  /** An absolute name; a missing trailing dot is added. */
  static Name absoluteName(CommandSpec spec, String what, String text) {
    try {
      return Name.fromString(text.endsWith(".") ? text : text + ".");
    } catch (TextParseException e) {
      throw new ParameterException(spec.commandLine(), "invalid " + what + " " + text + ": " + e);
    }
  }

  /** {@code HOST[:PORT]} with port 53 by default. */
  static InetSocketAddress endpoint(CommandSpec spec, String what, String text) {
    try {
      return Endpoints.parse(text, 53);
    } catch (IOException | IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "invalid " + what + " " + text + ": " + e);
    }
  }
}
