package org.zonetrust.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;
import org.zonetrust.core.ZoneTrustException;
import org.zonetrust.core.dns.Expectation;
import org.zonetrust.core.dns.PropagationChecker;
import org.zonetrust.core.dns.PropagationResult;
import org.zonetrust.core.dns.PropagationTimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code zonetrust wait-propagation}: wait until every authoritative server serves a record. */
@Command(
    name = "wait-propagation",
    mixinStandardHelpOptions = true,
    description = {
      "Wait until every address of every authoritative name server of NAME's zone serves the"
          + " expected state, asking each server directly (no recursion).",
      "Exit 0 when all do, 1 when the timeout passes first (with a report per server).",
      "Example: zonetrust wait-propagation _acme-challenge.example.com. TXT '\"token\"'"
    })
final class WaitPropagationCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "NAME", description = "the owner name")
  String name;

  @Parameters(index = "1", paramLabel = "TYPE", description = "the record type, e.g. TXT, A, TLSA")
  String type;

  @Parameters(
      index = "2",
      arity = "0..1",
      paramLabel = "VALUE",
      description = "record data in presentation format (TXT data in quotes); omit with --absent")
  @Nullable String value;

  @Option(names = "--absent", description = "wait until the RRset is gone instead")
  boolean absent;

  @Option(
      names = "--exactly",
      description = "the RRset must consist of VALUE only (default: contain VALUE)")
  boolean exactly;

  @Option(
      names = "--resolver",
      paramLabel = "HOST[:PORT]",
      description = "recursive resolver used to find the zone and its servers (default: system)")
  @Nullable String resolver;

  @Mixin ResolverOptions nameServers;

  @Option(
      names = "--timeout",
      defaultValue = "PT5M",
      converter = DurationConverter.class,
      paramLabel = "DURATION",
      description = "give up after this long (default 5m)")
  Duration timeout;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Name owner = Arguments.absoluteName(spec, "name", name);
    int rrType = Type.value(type);
    if (rrType < 0) {
      throw new ParameterException(spec.commandLine(), "unknown record type: " + type);
    }
    Expectation expectation = expectation(owner, rrType);
    PropagationChecker.Builder builder =
        PropagationChecker.builder().timeout(timeout).port(nameServers.ports());
    Resolver r = nameServers.resolver(resolver);
    if (r != null) {
      builder.resolver(r);
    }
    out.printf("waiting for %s %s %s on every authoritative server%n", owner, type, expectation);
    out.flush();
    try (PropagationChecker checker = builder.build()) {
      PropagationResult result =
          checker.await(owner, rrType, expectation).toCompletableFuture().get();
      out.println(result.report());
      return ExitCodes.OK;
    } catch (ExecutionException | CompletionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof PropagationTimeoutException t) {
        throw new CheckFailedException(String.valueOf(t.getMessage()), t);
      }
      if (cause instanceof ZoneTrustException z) {
        throw z;
      }
      throw e;
    }
  }

  private Expectation expectation(Name owner, int rrType) throws IOException {
    if (absent) {
      if (value != null || exactly) {
        throw new ParameterException(
            spec.commandLine(), "--absent takes no VALUE and cannot be combined with --exactly");
      }
      return Expectation.absent();
    }
    if (value == null) {
      throw new ParameterException(spec.commandLine(), "missing VALUE (or use --absent)");
    }
    Record record;
    try {
      record = Record.fromString(owner, rrType, DClass.IN, 0, value, Name.root);
    } catch (TextParseException | IllegalArgumentException e) {
      throw new ParameterException(
          spec.commandLine(), "invalid " + type + " data '" + value + "': " + e.getMessage());
    }
    return exactly ? Expectation.exactly(List.of(record)) : Expectation.contains(record);
  }
}
