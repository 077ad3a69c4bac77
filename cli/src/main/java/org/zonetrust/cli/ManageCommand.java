package org.zonetrust.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.xbill.DNS.SimpleResolver;
import org.zonetrust.core.ZoneTrustException;
import org.zonetrust.core.dns.ParentDsChannel;
import org.zonetrust.core.dns.Rfc2136Updater;
import org.zonetrust.core.dns.TsigKey;
import org.zonetrust.core.state.FileStateStore;
import org.zonetrust.core.state.StateStore;
import org.zonetrust.core.state.StateStoreException;
import org.zonetrust.dnssec.KeyManager;
import org.zonetrust.dnssec.ManagedSignedZone;
import org.zonetrust.dnssec.ManagedSignedZoneBuilder;
import org.zonetrust.dnssec.TickResult;
import org.zonetrust.dnssec.ZoneFile;
import org.zonetrust.dnssec.ZonePublisher;
import org.zonetrust.dnssec.ZonePublishers;
import org.zonetrust.registrar.ParentObserver;
import org.zonetrust.registrar.RegistrarConfig;
import org.zonetrust.registrar.RegistrarDsUpdater;
import org.zonetrust.registrar.RegistrarDsUpdaters;
import org.zonetrust.registrar.RegistrarException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code zonetrust manage}: one pass of the key manager over every zone configured in {@code
 * DIR/zones/*.properties}, for a cron job. A zone that fails does not stop the others.
 */
@Command(
    name = "manage",
    mixinStandardHelpOptions = true,
    description = {
      "Run one pass of the DNSSEC key manager over every zone configured in DIR/zones/*.properties",
      "(format in docs/cli.md): generate keys, sign and publish, ask the parent for DS changes and",
      "confirm them on every parent server, roll and delete keys as the zone's policy says.",
      "Prints one line per zone: what changed and when the next pass has something to do.",
      "Exit 1 if a zone failed (the others still run), 3 if a zone file is unusable.",
      "Example (cron, every 5 minutes): zonetrust manage --state /var/lib/zonetrust"
    })
final class ManageCommand implements Callable<Integer> {
  static final String ZONES = "zones";

  @Spec CommandSpec spec;

  @ParentCommand ZoneTrustCli parent;

  @Option(
      names = "--state",
      required = true,
      paramLabel = "DIR",
      description = "state directory: key state and private keys, zone files in DIR/zones")
  Path state;

  @Override
  public Integer call() throws IOException, StateStoreException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path zones = state.resolve(ZONES);
    if (!Files.isDirectory(zones)) {
      err.println("zonetrust: " + zones + ": no zone configuration directory");
      return ExitCodes.ERROR;
    }
    List<Path> files = new ArrayList<>();
    try (Stream<Path> s = Files.list(zones)) {
      s.filter(f -> f.getFileName().toString().endsWith(".properties"))
          .filter(Files::isRegularFile)
          .sorted()
          .forEach(files::add);
    }
    if (files.isEmpty()) {
      err.println("zonetrust: " + zones + ": no *.properties zone files");
      return ExitCodes.ERROR;
    }
    Clock clock = Clock.systemUTC();
    StateStore store = FileStateStore.open(state, clock);
    int exit = ExitCodes.OK;
    for (Path file : files) {
      ZoneConfig config;
      try {
        config = ZoneConfig.read(file, parent.environment());
      } catch (ZoneConfigException e) {
        err.println("zonetrust: " + e.getMessage());
        exit = ExitCodes.ERROR;
        continue;
      }
      try {
        out.println(line(pass(config, store, clock)));
      } catch (ZoneConfigException e) {
        err.println("zonetrust: " + e.getMessage());
        exit = ExitCodes.ERROR;
      } catch (ZoneTrustException | RuntimeException e) {
        out.println(config.zone + ": FAILED: " + e.getMessage());
        err.println("zonetrust: " + config.zone + " (" + file + "): " + e.getMessage());
        if (exit == ExitCodes.OK) {
          exit = ExitCodes.CHECK_FAILED;
        }
      }
    }
    return exit;
  }

  /** One tick of one zone, with a key manager for its policy and parent. */
  private static TickResult pass(ZoneConfig c, StateStore store, Clock clock)
      throws ZoneTrustException, ZoneConfigException {
    ManagedSignedZoneBuilder zb =
        ManagedSignedZone.builder()
            .origin(c.zone)
            .store(store)
            .publisher(publisher(c, clock))
            .clock(clock)
            .policy(c.policy);
    Path records = c.records;
    if (records != null && !ManagedSignedZone.hasStoredRecords(store, c.zone)) {
      zb.records(ZoneFile.read(records, c.zone));
    }
    ManagedSignedZone zone = zb.build();
    try (ParentObserver observer = observer(c, clock);
        RegistrarDsUpdater updater = updater(c, observer, clock)) {
      ParentDsChannel channel = RegistrarDsUpdaters.parentChannel(updater, observer);
      KeyManager keys = KeyManager.builder().store(store).policy(c.policy).parent(channel).build();
      keys.register(zone);
      return keys.tick(c.zone, clock);
    }
  }

  private static ZonePublisher publisher(ZoneConfig c, Clock clock) {
    if (c.publish instanceof ZoneConfig.MasterFile m) {
      return ZonePublishers.masterFile(m.file(), m.reloadCommand(), m.addCommand());
    }
    ZoneConfig.Rfc2136 r = (ZoneConfig.Rfc2136) c.publish;
    Rfc2136Updater.Builder b =
        Rfc2136Updater.builder().server(r.server()).timeout(Duration.ofSeconds(10)).clock(clock);
    TsigKey tsig = r.tsig();
    if (tsig != null) {
      b.tsigKey(tsig);
    }
    return ZonePublishers.rfc2136(b.build());
  }

  private static ParentObserver observer(ZoneConfig c, Clock clock) {
    int port = c.parentNsPort;
    return ParentObserver.builder()
        .resolver(new SimpleResolver(c.parentResolver))
        .port((ns, address) -> port)
        .clock(clock)
        .build();
  }

  private static RegistrarDsUpdater updater(ZoneConfig c, ParentObserver observer, Clock clock)
      throws ZoneConfigException {
    RegistrarConfig.Builder b =
        RegistrarConfig.builder(c.parent).secrets(c.parentSecrets).clock(clock);
    if ("cds".equalsIgnoreCase(c.parent.getScheme())) {
      if (!c.policy.publishCds()) {
        throw new ZoneConfigException(
            c.file, "parent", "cds: needs a policy that publishes CDS (cds = true)");
      }
      // The key manager publishes the CDS/CDNSKEY itself: the adapter only watches the parent.
      b.setting("dnsUpdater", (org.zonetrust.core.dns.DnsUpdater) update -> {});
      b.setting("observer", observer);
    }
    try {
      return RegistrarDsUpdaters.open(b.build());
    } catch (IllegalArgumentException e) {
      throw new ZoneConfigException(c.file, "parent", e.getMessage(), e);
    } catch (RegistrarException e) {
      if (e.reason() == RegistrarException.Reason.CONFIGURATION) {
        throw new ZoneConfigException(c.file, "parent", e.getMessage(), e);
      }
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  /** {@code ZONE: CHANGES; next event at INSTANT}. */
  static String line(TickResult r) {
    StringBuilder s = new StringBuilder().append(r.zone()).append(": ");
    if (r.skipped()) {
      s.append("skipped (another process holds the zone's lease)");
    } else if (r.changes().isEmpty()) {
      s.append("no change");
    } else {
      s.append(String.join("; ", r.changes()));
    }
    if (r.published()) {
      s.append("; published");
    }
    if (r.dsRequested()) {
      s.append("; DS change requested");
    }
    if (r.overdue()) {
      s.append("; ALERT: the parent has not served the requested DS in time");
    }
    return s.append("; next event at ").append(r.nextEvent()).toString();
  }
}
