package org.zonetrust.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.xbill.DNS.Name;
import org.zonetrust.core.dns.ParentDsChannel;
import org.zonetrust.core.state.FileStateStore;
import org.zonetrust.core.state.StateStoreException;
import org.zonetrust.dnssec.DnssecException;
import org.zonetrust.dnssec.KeyManager;
import org.zonetrust.dnssec.KeyStatus;
import org.zonetrust.dnssec.RecordState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code zonetrust keys status}: one line per key of a managed zone. Prints nothing secret. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = {
      "Print each key of a zone that 'zonetrust manage' keeps in the state directory: role,",
      "algorithm/key tag, identifier, creation time, whether it is retiring, and the state",
      "(hidden, rumoured, omnipresent, unretentive) of its DNSKEY, its signatures over the",
      "DNSKEY RRset (krrsig), its signatures over zone data (zrrsig) and its DS at the parent.",
      "Exit 1 if the zone has no key state.",
      "Example: zonetrust keys status --state /var/lib/zonetrust --zone example.com."
    })
final class KeysStatusCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--state",
      required = true,
      paramLabel = "DIR",
      description = "the state directory of 'zonetrust manage'")
  Path state;

  @Option(names = "--zone", required = true, paramLabel = "ZONE", description = "the zone apex")
  String zone;

  @Override
  public Integer call() throws StateStoreException, DnssecException {
    Name apex = Arguments.absoluteName(spec, "--zone", zone);
    if (!Files.isDirectory(state)) {
      throw new ParameterException(spec.commandLine(), "no state directory " + state);
    }
    KeyManager keys = readOnly(FileStateStore.open(state, Clock.systemUTC()));
    List<KeyStatus> status = keys.status(apex);
    PrintWriter out = spec.commandLine().getOut();
    if (status.isEmpty()) {
      out.println(apex + ": no key state in " + state + " (not managed there yet)");
      return ExitCodes.CHECK_FAILED;
    }
    out.println(apex + ": " + status.size() + " keys");
    for (KeyStatus k : status) {
      out.println(line(k));
    }
    return ExitCodes.OK;
  }

  /** One key: role, algorithm/tag, id, created, retiring, then the four record states. */
  static String line(KeyStatus k) {
    return String.format(
        Locale.ROOT,
        "%-3s %s/%-5d id=%s created=%s retiring=%s dnskey=%s krrsig=%s zrrsig=%s ds=%s",
        k.role(),
        k.algorithm().mnemonic(),
        k.keyTag(),
        k.id(),
        k.created(),
        k.retiring() ? "yes" : "no",
        state(k.dnskey()),
        state(k.krrsig()),
        state(k.zrrsig()),
        state(k.ds()));
  }

  private static String state(RecordState s) {
    return s.name().toLowerCase(Locale.ROOT);
  }

  /** A key manager that only reads: its parent channel is never used by {@code status}. */
  private static KeyManager readOnly(FileStateStore store) {
    ParentDsChannel none =
        new ParentDsChannel() {
          @Override
          public void request(Name zone, java.util.Set<org.xbill.DNS.DSRecord> ds) {
            throw new IllegalStateException("keys status never asks the parent");
          }

          @Override
          public org.zonetrust.core.dns.ParentDsView observe(Name zone) {
            throw new IllegalStateException("keys status never asks the parent");
          }
        };
    return KeyManager.builder().store(store).parent(none).build();
  }
}
