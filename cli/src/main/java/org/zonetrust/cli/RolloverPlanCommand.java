package org.zonetrust.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.zonetrust.dnssec.KeyManager;
import org.zonetrust.dnssec.KeyRole;
import org.zonetrust.dnssec.KeyRolloverPolicy;
import org.zonetrust.dnssec.RolloverPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code zonetrust rollover plan}: plays a policy out with a simulated clock (first signing, a ZSK
 * roll, a KSK roll) and prints the timeline and how long each phase took.
 */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    description = {
      "Play a key rollover policy out with a simulated clock: the first signing, then a ZSK roll",
      "and a KSK roll (or a CSK roll), each run to completion. Prints the timeline of every",
      "key's DNSKEY, signatures and DS (RFC 7583 style) and how long each phase takes.",
      "Without --policy the default policy is played.",
      "Example: zonetrust rollover plan --policy /etc/zonetrust/policy.properties --svg plan.svg"
    })
final class RolloverPlanCommand implements Callable<Integer> {
  /** Where the simulated plan starts; any fixed instant gives the same durations. */
  private static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

  @Spec CommandSpec spec;

  @Option(
      names = "--policy",
      paramLabel = "FILE",
      description = "policy properties file (see docs/cli.md); default: the built-in default")
  @Nullable Path policy;

  @Option(
      names = "--svg",
      paramLabel = "OUT",
      description = "also write the timeline as an SVG picture to OUT (atomically)")
  @Nullable Path svg;

  @Option(
      names = "--parent-latency",
      paramLabel = "DURATION",
      defaultValue = "1h",
      converter = DurationConverter.class,
      description = "how long the parent takes to serve a DS change (default ${DEFAULT-VALUE})")
  Duration parentLatency;

  @Override
  public Integer call() throws IOException {
    KeyRolloverPolicy p = policy();
    RolloverPlan plan = KeyManager.plan(p, parentLatency, START);
    PrintWriter out = spec.commandLine().getOut();
    out.print(TimelineText.render(plan.timeline()));
    out.println();
    out.println(
        "policy "
            + p.name()
            + ": "
            + (p.csk() ? "CSK" : "KSK + ZSK")
            + ", "
            + p.algorithm().mnemonic()
            + ", parent latency "
            + HumanDuration.of(parentLatency));
    out.println("first signing: " + HumanDuration.of(plan.firstSigning()));
    if (p.csk()) {
      out.println("CSK roll: " + HumanDuration.of(plan.zskRoll()));
    } else {
      out.println("ZSK roll: " + HumanDuration.of(plan.zskRoll()));
      out.println("KSK roll: " + HumanDuration.of(plan.kskRoll()));
    }
    for (KeyRole role : p.csk() ? List.of(KeyRole.CSK) : List.of(KeyRole.ZSK, KeyRole.KSK)) {
      out.println(
          "shortest "
              + role
              + " rollover: "
              + HumanDuration.of(p.shortestRollover(role))
              + " (lifetime "
              + (p.lifetime(role).isZero() ? "unlimited" : HumanDuration.of(p.lifetime(role)))
              + ")");
    }
    if (svg != null) {
      CliFiles.writeAtomically(
          svg, TimelineSvg.render(plan.timeline()).getBytes(StandardCharsets.UTF_8));
      out.println("wrote " + svg);
    }
    return ExitCodes.OK;
  }

  private KeyRolloverPolicy policy() {
    Path file = policy;
    if (file == null) {
      return KeyRolloverPolicy.defaults();
    }
    try {
      return PolicyFile.read(file);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e, null, file.toString());
    }
  }
}
