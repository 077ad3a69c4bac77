package org.zonetrust.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.Map;
import org.zonetrust.core.ZoneTrustException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code zonetrust} operator command: the ZoneTrust SDK's operations for cron jobs and
 * debugging. Run {@code zonetrust --help} for the subcommands; exit codes are in {@link ExitCodes}.
 */
@Command(
    name = "zonetrust",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "HTTPS, DNSSEC and DANE for every hosted domain: operator tool.",
    subcommands = {
      DnsUpdateCommand.class,
      DaneCheckCommand.class,
      WaitPropagationCommand.class,
      KeygenCommand.class,
      DsCommand.class,
      SignCommand.class,
      VerifyCommand.class,
      TlsaCommand.class,
      IssueCommand.class,
      RenewCommand.class,
      RolloverCommand.class,
      KeysCommand.class,
      ManageCommand.class
    },
    footerHeading = "%nExit codes:%n",
    footer = {
      "  0  success",
      "  1  the check failed (e.g. not propagated in time, zone does not verify, a renewal"
          + " failed, a managed zone failed, no key state)",
      "  2  usage error",
      "  3  operation failed (server refused, unreachable, I/O error)"
    })
public final class ZoneTrustCli implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  private final Map<String, String> environment;

  private ZoneTrustCli(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand");
  }

  /**
   * Runs the command and exits the JVM with its exit code.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    System.exit(
        run(
            args,
            new PrintWriter(new OutputStreamWriter(System.out, Charset.defaultCharset()), true),
            new PrintWriter(new OutputStreamWriter(System.err, Charset.defaultCharset()), true)));
  }

  /**
   * Runs the command without exiting, for embedding and tests.
   *
   * @param args the command line
   * @param out where normal output goes
   * @param err where errors go
   * @return the exit code, one of {@link ExitCodes}
   */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    return run(args, out, err, System.getenv());
  }

  static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> env) {
    CommandLine cl = new CommandLine(new ZoneTrustCli(env));
    cl.setOut(out);
    cl.setErr(err);
    cl.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          commandLine.getErr().println("zonetrust: " + describe(ex));
          return ex instanceof CheckFailedException ? ExitCodes.CHECK_FAILED : ExitCodes.ERROR;
        });
    return cl.execute(args);
  }

  private static String describe(Exception ex) {
    if (ex instanceof ZoneTrustException || ex instanceof CheckFailedException) {
      return String.valueOf(ex.getMessage());
    }
    return ex.getClass().getSimpleName() + ": " + ex.getMessage();
  }

  /** The environment the command runs in (tests pass their own map). */
  Map<String, String> environment() {
    return environment;
  }
}
