package org.zonetrust.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Resolver;
import org.zonetrust.acme.AcmeAccount;
import org.zonetrust.acme.AcmeCa;
import org.zonetrust.acme.AcmeDns01Client;
import org.zonetrust.acme.CertificateKeyType;
import org.zonetrust.acme.CertificateRequest;
import org.zonetrust.acme.IssuedCertificate;
import org.zonetrust.acme.PemFileSink;
import org.zonetrust.core.dns.PropagationChecker;
import org.zonetrust.core.dns.Rfc2136Updater;
import org.zonetrust.core.dns.TsigKey;
import org.zonetrust.core.state.FileStateStore;
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
      description = "state directory: account key, order journal (created 0700)")
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
    CertificateKeyType type = keyType(keyType);
    URI dir = directoryUri();
    Rfc2136Updater.Builder updater =
        Rfc2136Updater.builder().server(Arguments.endpoint(spec, "--server", server));
    TsigKey key = tsig.key(parent.environment()).orElse(null);
    if (key != null) {
      updater.tsigKey(key);
    }
    PropagationChecker.Builder checker =
        PropagationChecker.builder().port(nameServers.ports()).timeout(timeout);
    Resolver r = nameServers.resolver(resolver);
    if (r != null) {
      checker.resolver(r);
    }
    KeyStore trust = caCert == null ? null : trustStore(caCert);
    AcmeAccount.Builder account = AcmeAccount.builder().agreeToTermsOfService(agreeTos);
    try {
      contacts.forEach(account::contact);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    Clock clock = Clock.systemUTC();
    try (PropagationChecker propagation = checker.build()) {
      AcmeDns01Client.Builder builder =
          AcmeDns01Client.builder()
              .ca(AcmeCa.of(dir, trust))
              .account(account.build())
              .stateStore(FileStateStore.open(state, clock))
              .dnsUpdater(updater.build())
              .propagationChecker(propagation);
      if (r != null) {
        builder.resolver(r);
      }
      AcmeDns01Client client =
          builder
              .sink(new PemFileSink(outDir))
              .keyType(type)
              .orderTimeout(timeout)
              .clock(clock)
              .build();
      int cleaned = client.recover();
      if (cleaned > 0) {
        out.printf("cleaned up %d order(s) left by an earlier run%n", cleaned);
      }
      IssuedCertificate cert = client.issue(request);
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

  private URI directoryUri() {
    try {
      URI uri = new URI(directory);
      if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
        throw new ParameterException(spec.commandLine(), "--directory must be an https URL");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new ParameterException(spec.commandLine(), "--directory: " + e.getMessage());
    }
  }

  private CertificateKeyType keyType(String text) {
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "ec-p256" -> CertificateKeyType.EC_P256;
      case "ec-p384" -> CertificateKeyType.EC_P384;
      case "rsa-2048" -> CertificateKeyType.RSA_2048;
      case "rsa-3072" -> CertificateKeyType.RSA_3072;
      case "rsa-4096" -> CertificateKeyType.RSA_4096;
      default -> throw new ParameterException(spec.commandLine(), "unknown --key-type " + text);
    };
  }

  private KeyStore trustStore(Path pem) throws IOException {
    try (InputStream in = Files.newInputStream(pem)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      int i = 0;
      for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        store.setCertificateEntry("ca-" + i++, c);
      }
      if (i == 0) {
        throw new ParameterException(
            spec.commandLine(), "--ca-cert " + pem + " holds no certificate");
      }
      return store;
    } catch (GeneralSecurityException e) {
      throw new ParameterException(spec.commandLine(), "--ca-cert " + pem + ": " + e.getMessage());
    }
  }
}
