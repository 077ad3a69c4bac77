package org.zonetrust.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.zonetrust.acme.CertificateRequest;
import org.zonetrust.acme.IssuedCertificate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code zonetrust issue}: one certificate by ACME DNS-01, written as PEM files. */
@Command(
    name = "issue",
    mixinStandardHelpOptions = true,
    description = {
      "Order one certificate for all --name values (apex and wildcard together) by ACME DNS-01:"
          + " the TXT values go to the zone's primary by RFC 2136 with TSIG, the challenges are"
          + " triggered once every authoritative server serves them, and the values are removed"
          + " afterwards. Writes OUT/ID/{cert,chain,fullchain,privkey}.pem (privkey 0600).",
      "The account key is generated on first use and kept in --state (a secret: keep it 0700).",
      "The certificate is tracked in --state for `zonetrust renew --state DIR`, which renews it"
          + " with the settings of this command, kept in DIR/cli.properties (no secrets; one set"
          + " of settings per state directory).",
      "Example: zonetrust issue --directory https://acme-v02.api.letsencrypt.org/directory"
          + " --name example.com --name '*.example.com' --server 192.0.2.1"
          + " --tsig-name update-key. --tsig-secret-file key.b64 --agree-tos"
          + " --contact mailto:ops@example.com --state /var/lib/zonetrust --out /etc/ssl/zonetrust"
    })
final class IssueCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @ParentCommand ZoneTrustCli parent;

  @Mixin TsigOptions tsig;

  @Mixin ResolverOptions nameServers;

  @Option(
      names = "--directory",
      required = true,
      paramLabel = "URL",
      description = "the ACME directory URL of the CA")
  String directory;

  @Option(
      names = "--ca-cert",
      paramLabel = "FILE",
      description = "PEM CA certificate to trust for the ACME server's HTTPS (default: the JDK's)")
  @Nullable Path caCert;

  @Option(
      names = "--name",
      required = true,
      paramLabel = "NAME",
      description = "a DNS name of the certificate, e.g. example.com or *.example.com (repeatable)")
  List<String> names = new ArrayList<>();

  @Option(
      names = "--id",
      paramLabel = "ID",
      description = "the certificate's directory name below --out (default: the first name)")
  @Nullable String id;

  @Option(
      names = "--server",
      required = true,
      paramLabel = "HOST[:PORT]",
      description = "the primary server that takes the RFC 2136 updates (port 53 if omitted)")
  String server;

  @Option(
      names = "--resolver",
      paramLabel = "HOST[:PORT]",
      description =
          "resolver used to find each zone, its servers and _acme-challenge CNAMEs"
              + " (default: system)")
  @Nullable String resolver;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "PEM output directory")
  Path outDir;

  @Option(
      names = "--state",
      required = true,
      paramLabel = "DIR",
      description =
          "state directory (created 0700): account key, order journal, the certificate's renewal"
              + " record and key, and cli.properties, the settings `zonetrust renew` uses")
  Path state;

  @Option(
      names = "--contact",
      paramLabel = "URI",
      description = "account contact, e.g. mailto:ops@example.com (repeatable)")
  List<String> contacts = new ArrayList<>();

  @Option(names = "--agree-tos", description = "agree to the CA's terms of service")
  boolean agreeTos;

  @Option(
      names = "--key-type",
      defaultValue = "ec-p256",
      paramLabel = "TYPE",
      description = "certificate key: ec-p256 (default), ec-p384, rsa-2048, rsa-3072, rsa-4096")
  String keyType;

  @Option(
      names = "--timeout",
      defaultValue = "PT5M",
      converter = DurationConverter.class,
      paramLabel = "DURATION",
      description = "give up on the order after this long (default 5m)")
  Duration timeout;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    CertificateRequest request;
    try {
      CertificateRequest.Builder b = CertificateRequest.builder().names(names);
      if (id != null) {
        b.id(id);
      }
      request = b.build();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    StateSettings settings = settings();
    AcmeSetup.Checked checked = AcmeSetup.check(spec, settings, parent.environment());
    StateSettings stored = StateSettings.read(state).orElse(null);
    if (stored != null && !stored.equals(settings)) {
      throw new ParameterException(
          spec.commandLine(),
          "--state "
              + state
              + " was set up with other settings ("
              + String.join(", ", stored.differences(settings))
              + " differ from "
              + StateSettings.file(state)
              + "): use another --state directory, or edit that file");
    }
    Clock clock = Clock.systemUTC();
    try (AcmeSetup setup = AcmeSetup.open(checked, state, clock)) {
      int cleaned = setup.client.recover();
      if (cleaned > 0) {
        out.printf("cleaned up %d order(s) left by an earlier run%n", cleaned);
      }
      IssuedCertificate cert = setup.manager.issue(request);
      if (stored == null) {
        settings.write(state);
      }
      out.printf(
          "issued %s: %s, valid %s to %s, serial %s%n",
          request.id(),
          String.join(" ", cert.names()),
          cert.notBefore(),
          cert.notAfter(),
          cert.serial().toString(16));
      out.println(outDir.resolve(request.id()).resolve("fullchain.pem"));
    }
    return ExitCodes.OK;
  }

  /** The options as the state directory keeps them for {@code zonetrust renew}. */
  private StateSettings settings() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(StateSettings.DIRECTORY, directory);
    if (caCert != null) {
      m.put(StateSettings.CA_CERT, caCert.toAbsolutePath().normalize().toString());
    }
    m.put(StateSettings.SERVER, server);
    String tsigName = tsig.name;
    if (tsigName != null) {
      m.put(StateSettings.TSIG_NAME, tsigName);
      m.put(StateSettings.TSIG_ALGORITHM, tsig.algorithm);
      Path secretFile = tsig.secretFile;
      if (secretFile != null) {
        m.put(StateSettings.TSIG_SECRET_FILE, secretFile.toAbsolutePath().normalize().toString());
      }
    } else if (tsig.secretFile != null) {
      throw new ParameterException(spec.commandLine(), "--tsig-secret-file needs --tsig-name");
    }
    if (resolver != null) {
      m.put(StateSettings.RESOLVER, resolver);
    }
    m.put(StateSettings.NS_PORT, Integer.toString(nameServers.nsPort));
    List<String> ports = new ArrayList<>();
    nameServers.nsPorts.forEach((ns, port) -> ports.add(ns + "=" + port));
    if (!ports.isEmpty()) {
      m.put(StateSettings.NS_PORT_FOR, String.join(",", ports));
    }
    m.put(StateSettings.OUT, outDir.toAbsolutePath().normalize().toString());
    m.put(StateSettings.KEY_TYPE, keyType.toLowerCase(Locale.ROOT));
    for (String c : contacts) {
      if (c.indexOf(',') >= 0) {
        throw new ParameterException(spec.commandLine(), "--contact must not contain ',': " + c);
      }
    }
    if (!contacts.isEmpty()) {
      m.put(StateSettings.CONTACT, String.join(",", contacts));
    }
    m.put(StateSettings.AGREE_TOS, Boolean.toString(agreeTos));
    m.put(StateSettings.TIMEOUT, timeout.toString());
    return new StateSettings(m);
  }
}
