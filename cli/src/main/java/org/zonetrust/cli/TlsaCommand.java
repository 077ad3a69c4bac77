package org.zonetrust.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Name;
import org.xbill.DNS.TLSARecord;
import org.xbill.DNS.TextParseException;
import org.zonetrust.dane.CertificateUsage;
import org.zonetrust.dane.DaneException;
import org.zonetrust.dane.MatchingType;
import org.zonetrust.dane.Selector;
import org.zonetrust.dane.TlsaEndpoint;
import org.zonetrust.dane.TlsaGenerator;
import org.zonetrust.dane.TlsaParameters;
import org.zonetrust.dane.TlsaPemInput;
import org.zonetrust.dane.TlsaResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code zonetrust tlsa}: the TLSA records of a certificate, chain, key or CSR for one endpoint, in
 * master-file form; with {@code --next}, the rollover publish set (current + next key).
 */
@Command(
    name = "tlsa",
    mixinStandardHelpOptions = true,
    description = {
      "Print the TLSA records of a certificate, chain, key or CSR (PEM) for _PORT._PROTO.HOST.",
      "Default: 3 1 1 (DANE-EE, SPKI, SHA-256). --preset smtp adds 2 1 1 for each CA the chain"
          + " holds after the leaf (RFC 7672); --usage/--selector/--matching give one record as"
          + " asked.",
      "With --next, also the next key's records: publish both before a key change (RFC 7671"
          + " section 8.1).",
      "Private keys are read only to derive their public key; nothing private is printed.",
      "Example: zonetrust tlsa --port 25 --host mx1.example.com --cert fullchain.pem"
          + " --preset smtp --next next-key.csr"
    })
final class TlsaCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--port", required = true, paramLabel = "PORT", description = "e.g. 25, 443")
  int port;

  @Option(names = "--host", required = true, paramLabel = "HOST", description = "e.g. mx1.example")
  String host = "";

  @Option(
      names = "--proto",
      paramLabel = "PROTO",
      defaultValue = "tcp",
      description = "tcp (default), udp or sctp")
  String protocol = "tcp";

  @Option(
      names = "--cert",
      required = true,
      paramLabel = "FILE",
      description = "PEM: certificate chain (leaf first), public key, private key or CSR")
  Path cert = Path.of("");

  @Option(
      names = "--next",
      paramLabel = "FILE",
      description = "PEM of the next key (certificate, public key, private key or CSR)")
  @Nullable Path next;

  @Option(names = "--preset", paramLabel = "PRESET", description = "smtp or web")
  @Nullable String preset;

  @Option(names = "--usage", paramLabel = "U", description = "0-3 (with --selector, --matching)")
  @Nullable Integer usage;

  @Option(names = "--selector", paramLabel = "S", description = "0 (certificate) or 1 (SPKI)")
  @Nullable Integer selector;

  @Option(
      names = "--matching",
      paramLabel = "M",
      description = "0 (full), 1 (SHA-256), 2 (SHA-512)")
  @Nullable Integer matching;

  @Option(
      names = "--ttl",
      paramLabel = "DURATION",
      defaultValue = "1h",
      converter = DurationConverter.class,
      description = "TTL of the records (default 1h), e.g. 300s, 5m, 1h")
  Duration ttl = Duration.ofHours(1);

  @Override
  public Integer call() throws DaneException, IOException {
    TlsaParameters custom = customParameters();
    boolean smtp = preset();
    TlsaEndpoint endpoint = endpoint();
    TlsaGenerator gen;
    try {
      gen = TlsaGenerator.withTtl(ttl);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    TlsaPemInput current = read(cert);
    List<TlsaResult> results = new ArrayList<>();
    results.add(records(gen, endpoint, current, custom, smtp));
    if (next != null) {
      TlsaPemInput following = read(next);
      if (following.source().sameKey(current.source())) {
        throw new DaneException(
            next + " has the same key as " + cert + ": the next key must be a new key pair");
      }
      results.add(records(gen, endpoint, following, custom, smtp));
    }
    Map<String, TLSARecord> unique = new LinkedHashMap<>();
    PrintWriter err = spec.commandLine().getErr();
    for (TlsaResult r : results) {
      r.records().forEach(rec -> unique.putIfAbsent(rec.rdataToString(), rec));
      r.warnings().forEach(w -> err.println("zonetrust: warning: " + w));
    }
    PrintWriter out = spec.commandLine().getOut();
    unique.values().forEach(out::println);
    return ExitCodes.OK;
  }

  private TlsaResult records(
      TlsaGenerator gen,
      TlsaEndpoint endpoint,
      TlsaPemInput input,
      @Nullable TlsaParameters custom,
      boolean smtp)
      throws DaneException {
    if (custom != null) {
      return gen.generate(List.of(endpoint), List.of(custom.request(input.source())));
    }
    if (smtp && input.chain().size() > 1) {
      return gen.mail(input.chain(), List.of(endpoint.host()), List.of(endpoint.port()), false);
    }
    return gen.generate(
        List.of(endpoint), List.of(TlsaParameters.DANE_EE_SPKI_SHA256.request(input.source())));
  }

  private @Nullable TlsaParameters customParameters() {
    Integer u = usage;
    Integer s = selector;
    Integer m = matching;
    if (u == null && s == null && m == null) {
      return null;
    }
    if (u == null || s == null || m == null || preset != null) {
      throw new ParameterException(
          spec.commandLine(),
          "give --usage, --selector and --matching together, and not with --preset");
    }
    try {
      return new TlsaParameters(
          CertificateUsage.fromCode(u), Selector.fromCode(s), MatchingType.fromCode(m));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  private boolean preset() {
    if (preset == null) {
      return false;
    }
    return switch (preset.toLowerCase(Locale.ROOT)) {
      case "smtp" -> {
        if (!TlsaGenerator.MAIL_PORTS.contains(port)) {
          throw new ParameterException(
              spec.commandLine(),
              "--preset smtp needs a mail port " + TlsaGenerator.MAIL_PORTS + ", not " + port);
        }
        yield true;
      }
      case "web" -> false;
      default ->
          throw new ParameterException(
              spec.commandLine(), "unknown preset " + preset + ": use smtp or web");
    };
  }

  private TlsaEndpoint endpoint() {
    try {
      Name h = Name.fromString(host.endsWith(".") ? host : host + ".");
      return new TlsaEndpoint(port, protocol, h);
    } catch (TextParseException | IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  private static TlsaPemInput read(Path file) throws DaneException, IOException {
    String text;
    try {
      if (Files.size(file) > TlsaPemInput.MAX_CHARS) {
        throw new DaneException(file + " is larger than " + TlsaPemInput.MAX_CHARS + " bytes");
      }
      text = Files.readString(file, StandardCharsets.US_ASCII);
    } catch (NoSuchFileException e) {
      throw new IOException(file + ": no such file", e);
    }
    return TlsaPemInput.parse(text, file.toString());
  }
}
