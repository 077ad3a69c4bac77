package org.zonetrust.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.zonetrust.dnssec.BindKeyFiles;
import org.zonetrust.dnssec.Denial;
import org.zonetrust.dnssec.DnssecAlgorithm;
import org.zonetrust.dnssec.DnssecException;
import org.zonetrust.dnssec.KeyRole;
import org.zonetrust.dnssec.KeyTiming;
import org.zonetrust.dnssec.SerialPolicy;
import org.zonetrust.dnssec.SignatureValidity;
import org.zonetrust.dnssec.SignedZone;
import org.zonetrust.dnssec.SigningKey;
import org.zonetrust.dnssec.ZoneFile;
import org.zonetrust.dnssec.ZoneSigner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code zonetrust sign}: sign a zone file with the keys of a BIND key directory. */
@Command(
    name = "sign",
    mixinStandardHelpOptions = true,
    description = {
      "Sign a zone file with the zone's keys from a key directory (BIND key files), with NSEC or"
          + " NSEC3 (RFC 9276: no extra iterations, no salt), and write the signed zone in"
          + " canonical order (default: ZONEFILE.signed).",
      "Keys whose Activate time has come and whose Inactive time has not sign; keys that are"
          + " only published (Publish passed, not yet active, or inactive but not deleted) get"
          + " their DNSKEY published without signing.",
      "Example: zonetrust sign -o example.com. --key-dir keys --generate-keys ECDSAP256SHA256"
          + " --nsec3 example.com.zone"
    })
final class SignCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = {"-o", "--origin"},
      paramLabel = "ORIGIN",
      description = "the zone's apex (default: the owner of the file's first record, its SOA)")
  @Nullable String origin;

  @Option(
      names = {"-K", "--key-dir"},
      paramLabel = "DIR",
      defaultValue = ".",
      description = "directory with the zone's BIND key files (default: the current directory)")
  Path keyDir;

  @Option(
      names = "--generate-keys",
      paramLabel = "ALG",
      description =
          "when DIR has no key for the zone, create a KSK and a ZSK of this algorithm there"
              + " (RSASHA256, ECDSAP256SHA256, ECDSAP384SHA384, ED25519, ED448 or its number)")
  @Nullable String generateKeys;

  @Option(names = "--nsec3", description = "authenticated denial with NSEC3 instead of NSEC")
  boolean nsec3;

  @Option(
      names = "--opt-out",
      description = "NSEC3 opt-out: insecure delegations stay out of the chain (needs --nsec3)")
  boolean optOut;

  @Option(
      names = "--serial",
      paramLabel = "POLICY",
      defaultValue = "keep",
      description = "SOA serial: keep, increment, unixtime or date (YYYYMMDDnn); default keep")
  String serial;

  @Option(
      names = "--validity",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "how long fresh signatures are valid, e.g. 14d (default 14d)")
  @Nullable Duration validity;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "signing threads (default: all cores)")
  @Nullable Integer threads;

  @Option(
      names = {"-f", "--output"},
      paramLabel = "OUT",
      description = "where to write the signed zone (default: ZONEFILE.signed)")
  @Nullable Path output;

  @Parameters(index = "0", paramLabel = "ZONEFILE", description = "the zone's master file")
  Path zoneFile;

  @Override
  public Integer call() throws Exception {
    Clock clock = Clock.systemUTC();
    Name apex =
        origin != null
            ? Arguments.absoluteName(spec, "origin", origin)
            : ZoneOrigin.fromFirstSoa(spec, zoneFile);
    if (optOut && !nsec3) {
      throw new ParameterException(spec.commandLine(), "--opt-out needs --nsec3");
    }
    ZoneSigner.Builder builder =
        ZoneSigner.builder()
            .clock(clock)
            .denial(nsec3 ? (optOut ? Denial.nsec3OptOut() : Denial.nsec3()) : Denial.nsec())
            .serialPolicy(serialPolicy());
    if (validity != null) {
      builder.validity(validityWindow(validity));
    }
    if (threads != null) {
      if (threads < 1) {
        throw new ParameterException(spec.commandLine(), "--threads must be at least 1");
      }
      builder.threads(threads);
    }
    List<Record> records = new ArrayList<>(ZoneFile.read(zoneFile, apex));
    List<SigningKey> active = new ArrayList<>();
    for (SigningKey key : keys(apex, clock)) {
      KeyTiming t = key.timing();
      Instant now = clock.instant();
      boolean activated = t.activate().map(a -> !a.isAfter(now)).orElse(true);
      boolean retired = t.inactive().map(i -> !i.isAfter(now)).orElse(false);
      boolean published = t.publish().map(p -> !p.isAfter(now)).orElse(true);
      boolean deleted = t.delete().map(d -> !d.isAfter(now)).orElse(false);
      if (activated && !retired) {
        active.add(key);
      } else if ((published || activated) && !deleted) {
        records.add(key.dnskey());
      }
    }
    if (active.isEmpty()) {
      throw new DnssecException(
          "no key of " + apex + " in " + keyDir + " is active now (see their Activate times)");
    }
    long started = System.nanoTime();
    SignedZone signed = builder.keys(active).build().sign(apex, records);
    Path out = output != null ? output : Path.of(zoneFile + ".signed");
    signed.writeMasterFile(out);
    long millis = (System.nanoTime() - started) / 1_000_000;
    PrintWriter err = spec.commandLine().getErr();
    err.println(
        "zonetrust: "
            + apex
            + " signed with "
            + active.size()
            + " key(s) ("
            + active.get(0).providerName()
            + "), "
            + (nsec3 ? (optOut ? "NSEC3 opt-out" : "NSEC3") : "NSEC")
            + ", "
            + signed.records().size()
            + " records in "
            + millis
            + " ms");
    spec.commandLine().getOut().println(out);
    return ExitCodes.OK;
  }

  private List<SigningKey> keys(Name apex, Clock clock) throws DnssecException {
    List<SigningKey> keys = BindKeyFiles.readDirectory(keyDir, apex);
    if (!keys.isEmpty()) {
      return keys;
    }
    if (generateKeys == null) {
      throw new ParameterException(
          spec.commandLine(),
          "no key for "
              + apex
              + " in "
              + keyDir
              + ": create them with 'zonetrust keygen' or pass --generate-keys ALG");
    }
    DnssecAlgorithm alg = KeygenCommand.algorithm(spec, generateKeys);
    List<SigningKey> made = new ArrayList<>();
    for (KeyRole role : List.of(KeyRole.KSK, KeyRole.ZSK)) {
      SigningKey key =
          SigningKey.generate(apex, alg, role).withTiming(KeyTiming.createdAt(clock.instant()));
      Path file = BindKeyFiles.write(key, keyDir, clock);
      spec.commandLine().getErr().println("zonetrust: generated " + role + " " + file);
      made.add(key);
    }
    return made;
  }

  private SerialPolicy serialPolicy() {
    return switch (serial.toLowerCase(Locale.ROOT)) {
      case "keep" -> SerialPolicy.KEEP;
      case "increment" -> SerialPolicy.INCREMENT;
      case "unixtime" -> SerialPolicy.UNIX_TIME;
      case "date" -> SerialPolicy.DATE_COUNTER;
      default ->
          throw new ParameterException(
              spec.commandLine(),
              "--serial must be keep, increment, unixtime or date, not " + serial);
    };
  }

  private SignatureValidity validityWindow(Duration value) {
    try {
      return SignatureValidity.of(
          value, Duration.ofHours(1), value.dividedBy(8), value.dividedBy(4));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--validity: " + e.getMessage());
    }
  }
}
