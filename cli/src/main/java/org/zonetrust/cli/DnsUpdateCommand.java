package org.zonetrust.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;
import org.zonetrust.core.dns.DnsChange;
import org.zonetrust.core.dns.DnsUpdate;
import org.zonetrust.core.dns.DnsUpdateException;
import org.zonetrust.core.dns.Rfc2136Updater;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code zonetrust dns-update}: one atomic RFC 2136 UPDATE, TSIG-signed. */
@Command(
    name = "dns-update",
    mixinStandardHelpOptions = true,
    description = {
      "Send one atomic RFC 2136 UPDATE to a zone's primary server, signed with TSIG.",
      "All --add/--delete/--delete-rrset changes are applied together or not at all.",
      "Example: zonetrust dns-update --server 192.0.2.1 --zone example.com."
          + " --tsig-name update-key. --tsig-secret-file key.b64"
          + " --add '_acme-challenge 60 TXT \"token\"'"
    })
final class DnsUpdateCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @ParentCommand ZoneTrustCli parent;

  @Mixin TsigOptions tsig;

  @Option(
      names = "--server",
      required = true,
      paramLabel = "HOST[:PORT]",
      description = "the zone's primary server (port 53 if omitted)")
  String server;

  @Option(names = "--zone", required = true, paramLabel = "ZONE", description = "the zone apex")
  String zone;

  @Option(
      names = "--add",
      paramLabel = "RR",
      description = "add a record: 'NAME [TTL] [IN] TYPE RDATA' (names relative to the zone)")
  List<String> adds = new ArrayList<>();

  @Option(
      names = "--delete",
      paramLabel = "RR",
      description = "delete exactly this record: 'NAME [IN] TYPE RDATA'")
  List<String> deletes = new ArrayList<>();

  @Option(
      names = "--delete-rrset",
      paramLabel = "'NAME TYPE'",
      description = "delete every record of this name and type")
  List<String> deleteRRsets = new ArrayList<>();

  @Option(
      names = "--ttl",
      defaultValue = "300",
      paramLabel = "SECONDS",
      description = "TTL for added records that give none (default ${DEFAULT-VALUE})")
  long defaultTtl;

  @Option(
      names = "--timeout",
      defaultValue = "PT10S",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "how long to wait for the server (e.g. 10s, 1m; default 10s)")
  Duration timeout;

  @Override
  public Integer call() throws IOException, DnsUpdateException {
    PrintWriter out = spec.commandLine().getOut();
    if (defaultTtl < 0 || defaultTtl > 0x7FFFFFFFL) {
      throw new ParameterException(spec.commandLine(), "--ttl must be 0..2147483647");
    }
    Name origin = Arguments.absoluteName(spec, "--zone", zone);
    DnsUpdate.Builder update = DnsUpdate.builder(origin);
    try {
      for (String rr : deletes) {
        update.delete(RecordParser.parse(rr, origin, 0));
      }
      for (String ref : deleteRRsets) {
        RecordParser.RRsetRef r = RecordParser.parseNameAndType(ref, origin);
        update.deleteRRset(r.name(), r.type());
      }
      for (String rr : adds) {
        update.add(RecordParser.parse(rr, origin, defaultTtl));
      }
    } catch (TextParseException | IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    DnsUpdate built;
    try {
      built = update.build();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    InetSocketAddress address = Arguments.endpoint(spec, "--server", server);
    Rfc2136Updater.Builder b = Rfc2136Updater.builder().server(address).timeout(timeout);
    tsig.key(parent.environment()).ifPresent(b::tsigKey);
    Rfc2136Updater updater;
    try {
      updater = b.build();
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    updater.apply(built);
    out.printf("updated zone %s at %s:%d%n", origin, address.getHostString(), address.getPort());
    for (var change : built.changes()) {
      out.println("  " + describe(change));
    }
    return ExitCodes.OK;
  }

  private static String describe(DnsChange change) {
    if (change instanceof DnsChange.Add a) {
      return "added   " + a.record();
    } else if (change instanceof DnsChange.Delete d) {
      return "deleted " + d.record();
    } else if (change instanceof DnsChange.DeleteRRset r) {
      return "deleted " + r.name() + " " + Type.string(r.type()) + " (whole RRset)";
    }
    return change.toString();
  }
}
