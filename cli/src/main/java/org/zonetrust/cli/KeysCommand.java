package org.zonetrust.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code zonetrust keys}: the keys the key manager keeps; the work is done by subcommands. */
@Command(
    name = "keys",
    mixinStandardHelpOptions = true,
    subcommands = {KeysStatusCommand.class},
    description = {
      "The DNSSEC keys that 'zonetrust manage' keeps in a state directory.",
      "Subcommand: 'keys status' prints each key of a zone and the state of its records."
    })
final class KeysCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: status");
  }
}
