package org.zonetrust.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.zonetrust.acme.CertificateRecord;
import org.zonetrust.acme.RenewalPolicy;
import org.zonetrust.acme.RenewalRun;
import org.zonetrust.acme.RenewalScheduler;
import org.zonetrust.core.ZoneTrustException;
import org.zonetrust.core.state.FileStateStore;
import org.zonetrust.core.state.StateStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code zonetrust renew}: one pass of the renewal scheduler over a state directory. */
@Command(
    name = "renew",
    mixinStandardHelpOptions = true,
    description = {
      "Renew what is due among the certificates tracked in --state (what `zonetrust issue"
          + " --state DIR` issued), with the settings issue kept in DIR/cli.properties: one pass"
          + " of the renewal scheduler, what a cron job runs nightly. Prints one line per"
          + " certificate: renewed, not due until T, failed: reason, deferred, or skipped: lease"
          + " held elsewhere.",
      "Exit 0 when nothing failed (also when nothing was due), 1 when a renewal failed (it is"
          + " retried by a later run after a backoff), 2 usage error, 3 error.",
      "Example (crontab): 17 3 * * * zonetrust renew --state /var/lib/zonetrust"
    })
final class RenewCommand implements Callable<Integer> {
  private static final String CERTIFICATES = "acme/certificates/";

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @ParentCommand ZoneTrustCli parent;

  @Option(
      names = "--state",
      required = true,
      paramLabel = "DIR",
      description = "the state directory `zonetrust issue --state` used")
  Path state;

  @Option(
      names = "--now",
      paramLabel = "ISO-INSTANT",
      description =
          "for testing: run the pass as if the clock said this (e.g. 2027-01-01T00:00:00Z);"
              + " the time keeps running from there")
  @Nullable String now;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!Files.isDirectory(state)) {
      throw new ParameterException(spec.commandLine(), "--state " + state + " is no directory");
    }
    Clock clock = clock();
    Optional<StateSettings> settings = StateSettings.read(state);
    if (settings.isEmpty()) {
      StateStore store = FileStateStore.open(state, clock);
      if (ids(store).isEmpty()) {
        out.println("no certificates tracked in " + state);
        return ExitCodes.OK;
      }
      throw new ZoneTrustException(
          state
              + " tracks certificates but has no "
              + StateSettings.FILE
              + ": issue them with `zonetrust issue --state "
              + state
              + "`, which writes it");
    }
    AcmeSetup.Checked checked;
    try {
      checked = AcmeSetup.check(spec, settings.get(), parent.environment());
    } catch (ParameterException e) {
      throw new ZoneTrustException(StateSettings.file(state) + ": " + e.getMessage());
    }
    try (AcmeSetup setup = AcmeSetup.open(checked, state, clock)) {
      int cleaned = setup.client.recover();
      if (cleaned > 0) {
        out.printf("cleaned up %d order(s) left by an earlier run%n", cleaned);
      }
      RenewalPolicy policy = RenewalPolicy.defaults();
      RenewalScheduler scheduler = setup.manager.scheduler().policy(policy).build();
      Map<String, CertificateRecord> before = new LinkedHashMap<>();
      for (String id : ids(setup.store)) {
        scheduler.record(id).ifPresent(r -> before.put(id, r));
      }
      RenewalRun run = scheduler.runOnce();
      Instant at = clock.instant();
      int failed = 0;
      for (CertificateRecord rec : before.values()) {
        RenewReport.Line line = RenewReport.line(rec, scheduler.record(rec.id()), policy, at);
        out.println(line.text());
        if (line.status() == RenewReport.Status.FAILED) {
          failed++;
        }
      }
      out.printf(
          "%d certificate(s): %d renewed, %d failed, %d deferred, %d skipped; next due %s%n",
          run.scanned(),
          run.renewed(),
          run.failed(),
          run.deferred(),
          run.leased(),
          run.nextDueAt() == null ? "never" : RenewReport.s(run.nextDueAt()));
      if (run.errors() > 0) {
        err.printf(
            "zonetrust: %d certificate record(s) in %s could not be read or written%n",
            run.errors(), state);
        return ExitCodes.ERROR;
      }
      if (run.failed() > 0 || failed > 0) {
        err.printf(
            "zonetrust: %d renewal(s) failed; a later run retries them%n",
            Math.max(failed, run.failed()));
        return ExitCodes.CHECK_FAILED;
      }
    }
    return ExitCodes.OK;
  }

  private Clock clock() {
    Clock system = Clock.systemUTC();
    String at = now;
    if (at == null) {
      return system;
    }
    try {
      return Clock.offset(system, Duration.between(system.instant(), Instant.parse(at)));
    } catch (DateTimeParseException e) {
      throw new ParameterException(
          spec.commandLine(), "--now: not an ISO instant (e.g. 2027-01-01T00:00:00Z): " + at);
    }
  }

  private static List<String> ids(StateStore store) throws IOException {
    List<String> ids = new ArrayList<>();
    try {
      for (String key : store.list(CERTIFICATES)) {
        String id = key.substring(CERTIFICATES.length());
        if (!id.isEmpty() && id.indexOf('/') < 0) {
          ids.add(id);
        }
      }
    } catch (org.zonetrust.core.state.StateStoreException e) {
      throw new IOException("cannot list the certificates in " + store, e);
    }
    return ids;
  }
}
