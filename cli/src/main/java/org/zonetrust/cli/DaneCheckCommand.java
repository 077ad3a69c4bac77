package org.zonetrust.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.zonetrust.dane.AddressCheck;
import org.zonetrust.dane.DaneException;
import org.zonetrust.dane.DaneReport;
import org.zonetrust.dane.DaneVerifier;
import org.zonetrust.dane.StartTls;
import org.zonetrust.dane.ValidatedResolver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code zonetrust dane-check}: does a mail domain or a TLS service validate with DANE? */
@Command(
    name = "dane-check",
    mixinStandardHelpOptions = true,
    description = {
      "Look up TLSA records through a validated DNS path, connect to every address and match the",
      "certificate chain (RFC 6698, 7671, 7672). Prints one line per address. Exit 0 only when",
      "every address of every host matched; 1 otherwise (mismatch, no TLSA, insecure, bogus,",
      "unreachable). No mail is sent: SMTP stops after STARTTLS and the handshake.",
      "Examples:",
      "  zonetrust dane-check --smtp example.com --resolver 127.0.0.1",
      "  zonetrust dane-check --host imap.example.com --port 143 --starttls imap \\",
      "      --trust-anchor /usr/share/dns/root.ds --upstream 9.9.9.9"
    })
final class DaneCheckCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--smtp",
      paramLabel = "DOMAIN",
      description = "mail domain: MX hosts, every address, port 25 with STARTTLS")
  @Nullable String smtp;

  @Option(names = "--host", paramLabel = "HOST", description = "one service: its host name")
  @Nullable String host;

  @Option(names = "--port", paramLabel = "PORT", description = "one service: its TCP port")
  @Nullable Integer port;

  @Option(
      names = "--starttls",
      paramLabel = "PROTO",
      description = "with --host: smtp (also submission), imap or pop3; default: direct TLS")
  @Nullable String starttls;

  @Option(
      names = "--resolver",
      paramLabel = "HOST[:PORT]",
      description = "validating resolver on a trusted link: its AD bit is trusted")
  @Nullable String resolver;

  @Option(
      names = "--trust-anchor",
      paramLabel = "FILE",
      description = "validate in process from these DS/DNSKEY records (needs --upstream)")
  @Nullable Path trustAnchor;

  @Option(
      names = "--upstream",
      paramLabel = "HOST[:PORT]",
      description = "recursive resolver asked for records when validating in process")
  @Nullable String upstream;

  @Option(
      names = "--timeout",
      defaultValue = "PT10S",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "DNS query timeout, connect timeout and every read (default 10s)")
  Duration timeout;

  @Option(
      names = "--smtp-port",
      defaultValue = "25",
      hidden = true,
      description = "port used with --smtp (for test setups)")
  int smtpPort;

  @Override
  public Integer call() throws DaneException, CheckFailedException {
    ValidatedResolver dns = resolver();
    DaneVerifier verifier =
        DaneVerifier.builder()
            .resolver(dns)
            .clock(Clock.systemUTC())
            .timeout(timeout)
            .smtpPort(checkPort("--smtp-port", smtpPort))
            .build();
    DaneReport report;
    if (smtp != null) {
      if (host != null || port != null || starttls != null) {
        throw usage("--smtp cannot be combined with --host, --port or --starttls");
      }
      report = verifier.checkMailDomain(Arguments.absoluteName(spec, "--smtp", smtp));
    } else {
      if (host == null || port == null) {
        throw usage("give --smtp DOMAIN, or --host HOST and --port PORT");
      }
      report =
          verifier.check(
              Arguments.absoluteName(spec, "--host", host),
              checkPort("--port", port),
              mode(starttls));
    }
    var out = spec.commandLine().getOut();
    for (AddressCheck c : report.checks()) {
      out.println(c.toLine());
    }
    if (!report.validated()) {
      throw new CheckFailedException(report.name() + ": DANE does not validate");
    }
    out.println(report.name() + ": DANE validates");
    return ExitCodes.OK;
  }

  private ValidatedResolver resolver() throws DaneException {
    if (resolver != null) {
      if (trustAnchor != null || upstream != null) {
        throw usage("--resolver cannot be combined with --trust-anchor or --upstream");
      }
      return ValidatedResolver.trustingAd(
          Arguments.endpoint(spec, "--resolver", resolver), timeout);
    }
    if (trustAnchor == null || upstream == null) {
      throw usage("give --resolver HOST[:PORT], or --trust-anchor FILE and --upstream HOST[:PORT]");
    }
    return ValidatedResolver.validating(
        Arguments.endpoint(spec, "--upstream", upstream), trustAnchor, timeout, Clock.systemUTC());
  }

  private StartTls mode(@Nullable String text) {
    if (text == null) {
      return StartTls.NONE;
    }
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "smtp" -> StartTls.SMTP;
      case "imap" -> StartTls.IMAP;
      case "pop3" -> StartTls.POP3;
      default -> throw usage("--starttls must be smtp, imap or pop3, not " + text);
    };
  }

  private int checkPort(String option, int p) {
    if (p < 1 || p > 65535) {
      throw usage(option + ": port must be 1..65535, got " + p);
    }
    return p;
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
