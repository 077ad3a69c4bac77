package org.zonetrust.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.zonetrust.dnssec.VerificationProblem;
import org.zonetrust.dnssec.VerificationReport;
import org.zonetrust.dnssec.ZoneFile;
import org.zonetrust.dnssec.ZoneVerifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code zonetrust verify}: check a signed zone file with ZoneTrust's own verifier. */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
      "Check a signed zone file: every authoritative RRset signed by an active key of every"
          + " algorithm and valid now, DNSKEY signed by a KSK, delegations and glue unsigned,"
          + " the NSEC or NSEC3 chain complete with the right type bitmaps.",
      "Exit 0 with a one-line summary when the zone is good; 1 with one line per problem"
          + " otherwise; 3 when the file cannot be read (file:line: what is wrong).",
      "Example: zonetrust verify -o example.com. example.com.signed"
    })
final class VerifyCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = {"-o", "--origin"},
      paramLabel = "ORIGIN",
      description = "the zone's apex (default: the owner of the file's first record, its SOA)")
  @Nullable String origin;

  @Option(
      names = "--time",
      paramLabel = "ISO-INSTANT",
      description =
          "check signature validity at this time, e.g. 2025-01-01T00:00:00Z (default: now)")
  @Nullable String time;

  @Parameters(index = "0", paramLabel = "ZONEFILE", description = "the signed zone's master file")
  Path zoneFile;

  @Override
  public Integer call() throws Exception {
    Clock clock = clock();
    Name apex =
        origin != null
            ? Arguments.absoluteName(spec, "origin", origin)
            : ZoneOrigin.fromFirstSoa(spec, zoneFile);
    List<Record> records = ZoneFile.read(zoneFile, apex);
    VerificationReport report = ZoneVerifier.builder().clock(clock).build().verify(apex, records);
    PrintWriter out = spec.commandLine().getOut();
    for (VerificationProblem problem : report.problems()) {
      out.println(problem);
    }
    out.flush();
    if (report.ok()) {
      out.println(report.summary());
      return ExitCodes.OK;
    }
    spec.commandLine().getErr().println("zonetrust: " + report.summary());
    return ExitCodes.CHECK_FAILED;
  }

  private Clock clock() {
    if (time == null) {
      return Clock.systemUTC();
    }
    try {
      return Clock.fixed(Instant.parse(time), ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw new ParameterException(
          spec.commandLine(),
          "invalid --time " + time + ": expected an ISO instant such as 2025-01-01T00:00:00Z");
    }
  }
}
