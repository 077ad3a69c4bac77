package org.zonetrust.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Name;
import org.xbill.DNS.Resolver;
import org.zonetrust.dnssec.KeyFileException;
import org.zonetrust.registrar.ParentObservation;
import org.zonetrust.registrar.ParentObserver;
import org.zonetrust.registrar.RegistrarException;
import org.zonetrust.registrar.SecureDelegation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code zonetrust ds check}: the DS RRset of a zone on every server of its parent zone. */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = {
      "Ask every authoritative server of the parent zone for the zone's DS RRset and print",
      "each answer. Exit 1 when the servers disagree, one fails, or (with --expect-keys) they",
      "do not all serve the DS of the zone's key-signing keys.",
      "Example: zonetrust ds check --zone example.com. --expect-keys /etc/zonetrust/keys"
    })
final class DsCheckCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--zone", required = true, paramLabel = "ZONE", description = "the zone apex")
  String zone;

  @Option(
      names = "--resolver",
      paramLabel = "HOST[:PORT]",
      description =
          "recursive resolver used to find the parent zone and its servers (default: system)")
  @Nullable String resolver;

  @Mixin ResolverOptions nameServers;

  @Option(
      names = "--expect-keys",
      paramLabel = "DIR",
      description = "directory with the zone's BIND .key files: expect the DS of its KSKs")
  @Nullable Path expectKeys;

  @Option(
      names = "--digest",
      paramLabel = "DIGEST",
      description = "digests expected with --expect-keys: SHA-256 (default), SHA-384, SHA-1")
  List<String> digests = new ArrayList<>();

  @Option(
      names = "--timeout",
      defaultValue = "PT2S",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "how long to wait for each server (default 2s)")
  Duration timeout;

  @Override
  public Integer call()
      throws IOException, KeyFileException, RegistrarException, CheckFailedException {
    Name apex = Arguments.absoluteName(spec, "--zone", zone);
    @Nullable SecureDelegation expected =
        expectKeys == null ? null : DsKeys.delegation(spec, apex, expectKeys, digests);
    ParentObserver.Builder b =
        ParentObserver.builder().queryTimeout(timeout).port(nameServers.ports());
    Resolver r = nameServers.resolver(resolver);
    if (r != null) {
      b.resolver(r);
    }
    var out = spec.commandLine().getOut();
    ParentObservation seen;
    try (ParentObserver observer = b.build()) {
      seen = observer.observe(apex);
    }
    out.println(seen);
    if (expected != null) {
      if (!seen.allServe(expected)) {
        throw new CheckFailedException(
            "not every server of "
                + seen.parentZone()
                + " serves the expected DS "
                + expected.ds());
      }
      out.println("every server serves the expected DS set");
      return ExitCodes.OK;
    }
    if (seen.agreed().isEmpty()) {
      throw new CheckFailedException(
          "the servers of "
              + seen.parentZone()
              + " disagree on the DS of "
              + apex
              + ", or one failed");
    }
    out.println("every server serves the same DS set");
    return ExitCodes.OK;
  }
}
