package org.zonetrust.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.DSRecord;
import org.xbill.DNS.Name;
import org.zonetrust.core.dns.Rfc2136Updater;
import org.zonetrust.dnssec.KeyFileException;
import org.zonetrust.registrar.DsUpdateResult;
import org.zonetrust.registrar.RegistrarConfig;
import org.zonetrust.registrar.RegistrarDsUpdater;
import org.zonetrust.registrar.RegistrarDsUpdaters;
import org.zonetrust.registrar.RegistrarException;
import org.zonetrust.registrar.SecretSource;
import org.zonetrust.registrar.SecureDelegation;
import org.zonetrust.registrar.spi.ChangePreview;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code zonetrust ds push}: make the parent hold the DS of a zone's key-signing keys. */
@Command(
    name = "push",
    mixinStandardHelpOptions = true,
    description = {
      "Compute the DS of the zone's key-signing keys (BIND .key files) and make the parent hold",
      "exactly that set, through the registrar adapter the --via URI selects.",
      "Secrets: secret NAME from --secret-file NAME=FILE or env ZONETRUST_SECRET_<NAME>;",
      "the dnsupdate adapter's \"tsig\" secret also from env ZONETRUST_TSIG_SECRET.",
      "Example: zonetrust ds push --via 'dnsupdate://192.0.2.53:53?key=parent-key.'"
          + " --zone example.com. --keys /etc/zonetrust/keys"
    })
final class DsPushCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @ParentCommand DsCommand parent;

  @Mixin TsigOptions childTsig;

  @Option(
      names = "--via",
      required = true,
      paramLabel = "URI",
      description =
          "registrar adapter: dnsupdate://HOST:PORT?key=KEY., cds:, epp://..., https://...")
  String via;

  @Option(names = "--zone", required = true, paramLabel = "ZONE", description = "the zone apex")
  String zone;

  @Option(
      names = "--keys",
      required = true,
      paramLabel = "DIR",
      description = "directory with the zone's BIND key files K<zone>+<alg>+<tag>.key")
  Path keys;

  @Option(
      names = "--digest",
      paramLabel = "DIGEST",
      description = "SHA-256 (default), SHA-384 or SHA-1; repeat for several")
  List<String> digests = new ArrayList<>();

  @Option(
      names = "--dry-run",
      description = {
        "send nothing: print what would be sent (for epp:// the domain:update XML, for",
        "dnsupdate:// the UPDATE message); adapters that can show that first read the parent's",
        "current DS (a read-only request to the registry or parent primary), the others print",
        "only the DS records"
      })
  boolean dryRun;

  @Option(
      names = "--secret-file",
      paramLabel = "NAME=FILE",
      description =
          "file holding the adapter's secret NAME (e.g. tsig=parent.b64, password=epp.txt)")
  Map<String, Path> secretFiles = new LinkedHashMap<>();

  @Option(
      names = "--child-server",
      paramLabel = "HOST[:PORT]",
      description =
          "cds: only: the child zone's primary, updated with --tsig-name/--tsig-secret-file")
  @Nullable String childServer;

  @Override
  public Integer call() throws KeyFileException, RegistrarException {
    Name apex = Arguments.absoluteName(spec, "--zone", zone);
    SecureDelegation desired = DsKeys.delegation(spec, apex, keys, digests);
    var out = spec.commandLine().getOut();
    URI uri = uri();
    if (dryRun && !previewable(uri)) {
      printDs(out, "would make the parent of " + apex + " hold, via " + uri + ":", apex, desired);
      return ExitCodes.OK;
    }
    RegistrarConfig.Builder config = RegistrarConfig.builder(uri).secrets(secrets());
    if ("cds".equalsIgnoreCase(uri.getScheme())) {
      config.setting("dnsUpdater", childUpdater());
    }
    RegistrarConfig built;
    try {
      built = config.build();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    try (RegistrarDsUpdater updater = RegistrarDsUpdaters.open(built)) {
      if (dryRun && updater instanceof ChangePreview preview) {
        out.println(
            "dry run: read the parent's current DS of " + apex + " via " + uri + "; sent nothing");
        out.println(preview.preview(apex, updater.current(apex), desired));
        return ExitCodes.OK;
      }
      if (dryRun) {
        printDs(out, "would make the parent of " + apex + " hold, via " + uri + ":", apex, desired);
        return ExitCodes.OK;
      }
      DsUpdateResult result = updater.converge(apex, desired);
      out.println(result.status() + ": " + result.message());
      result.reference().ifPresent(r -> out.println("reference: " + r));
      for (DSRecord ds : desired.dsRecords(apex, 3600)) {
        out.println("  " + apex + " IN DS " + ds.rdataToString());
      }
      if (result.status() == DsUpdateResult.Status.REJECTED) {
        return ExitCodes.ERROR;
      }
      return ExitCodes.OK;
    }
  }

  private static boolean previewable(URI uri) {
    String scheme = String.valueOf(uri.getScheme()).toLowerCase(Locale.ROOT);
    return !scheme.equals("cds");
  }

  private static void printDs(
      PrintWriter out, String heading, Name apex, SecureDelegation desired) {
    out.println(heading);
    for (DSRecord ds : desired.dsRecords(apex, 3600)) {
      out.println(apex + " IN DS " + ds.rdataToString());
    }
  }

  private URI uri() {
    String text = via.equalsIgnoreCase("cds:") ? "cds:?" : via;
    try {
      return URI.create(text);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--via is not a URI: " + e.getMessage());
    }
  }

  private Rfc2136Updater childUpdater() {
    if (childServer == null) {
      throw new ParameterException(
          spec.commandLine(),
          "--via cds: publishes CDS/CDNSKEY in the child zone: give --child-server HOST[:PORT]"
              + " (and --tsig-name with its secret)");
    }
    InetSocketAddress address = Arguments.endpoint(spec, "--child-server", childServer);
    Rfc2136Updater.Builder b =
        Rfc2136Updater.builder().server(address).timeout(Duration.ofSeconds(10));
    childTsig.key(parent.environment()).ifPresent(b::tsigKey);
    try {
      return b.build();
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  private SecretSource secrets() {
    Map<String, String> env = parent.environment();
    Map<String, Path> files = Map.copyOf(secretFiles);
    return name -> {
      Path file = files.get(name);
      if (file != null) {
        return Optional.of(read(name, file).toCharArray());
      }
      return Optional.ofNullable(CliSecrets.fromEnvironment(env, name)).map(String::toCharArray);
    };
  }

  private String read(String name, Path file) {
    try {
      return CliSecrets.readFile(file);
    } catch (IOException e) {
      throw new ParameterException(
          spec.commandLine(), "cannot read the file of secret " + name + ": " + file + ": " + e);
    }
  }
}
