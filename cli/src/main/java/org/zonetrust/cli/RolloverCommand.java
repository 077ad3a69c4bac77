package org.zonetrust.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code zonetrust rollover}: looks at key rollovers; the work is done by its subcommands. */
@Command(
    name = "rollover",
    mixinStandardHelpOptions = true,
    subcommands = {RolloverPlanCommand.class},
    description = {
      "Key rollovers of a DNSSEC policy.",
      "Subcommand: 'rollover plan' plays a policy out and draws the timeline."
    })
final class RolloverCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: plan");
  }
}
