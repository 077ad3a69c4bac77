package org.zonetrust.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Resolver;
import org.zonetrust.acme.AcmeAccount;
import org.zonetrust.acme.AcmeCa;
import org.zonetrust.acme.AcmeDns01Client;
import org.zonetrust.acme.CertificateKeyPolicy;
import org.zonetrust.acme.CertificateKeyType;
import org.zonetrust.acme.CertificateManager;
import org.zonetrust.acme.PemFileSink;
import org.zonetrust.acme.RateLimitLedger;
import org.zonetrust.core.dns.PropagationChecker;
import org.zonetrust.core.dns.Rfc2136Updater;
import org.zonetrust.core.dns.TsigKey;
import org.zonetrust.core.state.FileStateStore;
import org.zonetrust.core.state.StateStore;
import org.zonetrust.core.state.StateStoreException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * The ACME client, key policy, ledger and {@link CertificateManager} of a state directory, built
 * from its {@link StateSettings}: the same wiring for {@code zonetrust issue} and {@code zonetrust
 * renew}, so that what one issues the other can renew.
 */
final class AcmeSetup implements AutoCloseable {
  final AcmeDns01Client client;
  final CertificateManager manager;
  final StateStore store;
  final Path out;
  private final PropagationChecker propagation;

  private AcmeSetup(
      AcmeDns01Client client,
      CertificateManager manager,
      StateStore store,
      Path out,
      PropagationChecker propagation) {
    this.client = client;
    this.manager = manager;
    this.store = store;
    this.out = out;
    this.propagation = propagation;
  }

  /** What can be checked without touching the network or the state directory. */
  record Checked(
      URI directory,
      @Nullable KeyStore trust,
      CertificateKeyType keyType,
      Rfc2136Updater updater,
      PropagationChecker.Builder checker,
      @Nullable Resolver resolver,
      AcmeAccount account,
      Duration timeout,
      Path out) {}

  /**
   * Checks the settings: every problem is a {@link ParameterException} of {@code spec} whose
   * message names the setting; reads the TSIG secret the way {@link TsigOptions} does.
   */
  static Checked check(CommandSpec spec, StateSettings s, Map<String, String> env) {
    URI dir = directoryUri(spec, need(spec, s, StateSettings.DIRECTORY));
    String caCert = s.get(StateSettings.CA_CERT);
    KeyStore trust = caCert == null ? null : trustStore(spec, Path.of(caCert));
    CertificateKeyType type = keyType(spec, s.get(StateSettings.KEY_TYPE));
    Rfc2136Updater.Builder updater =
        Rfc2136Updater.builder()
            .server(Arguments.endpoint(spec, "--server", need(spec, s, StateSettings.SERVER)));
    TsigOptions tsig = new TsigOptions();
    tsig.spec = spec;
    tsig.name = s.get(StateSettings.TSIG_NAME);
    String alg = s.get(StateSettings.TSIG_ALGORITHM);
    tsig.algorithm = alg == null ? "hmac-sha256" : alg;
    String secretFile = s.get(StateSettings.TSIG_SECRET_FILE);
    tsig.secretFile = secretFile == null ? null : Path.of(secretFile);
    TsigKey key = tsig.key(env).orElse(null);
    if (key != null) {
      updater.tsigKey(key);
    }
    ResolverOptions ns = new ResolverOptions();
    ns.spec = spec;
    String nsPort = s.get(StateSettings.NS_PORT);
    ns.nsPort = nsPort == null ? 53 : parseInt(spec, StateSettings.NS_PORT, nsPort);
    Map<String, Integer> nsPorts = new LinkedHashMap<>();
    for (String entry : s.list(StateSettings.NS_PORT_FOR)) {
      int eq = entry.lastIndexOf('=');
      if (eq <= 0) {
        throw new ParameterException(
            spec.commandLine(), "--ns-port-for: not NSNAME=PORT: " + entry);
      }
      nsPorts.put(entry.substring(0, eq), parseInt(spec, "--ns-port-for", entry.substring(eq + 1)));
    }
    ns.nsPorts = nsPorts;
    Duration timeout = timeout(spec, s.get(StateSettings.TIMEOUT));
    PropagationChecker.Builder checker =
        PropagationChecker.builder().port(ns.ports()).timeout(timeout);
    Resolver r = ns.resolver(s.get(StateSettings.RESOLVER));
    if (r != null) {
      checker.resolver(r);
    }
    AcmeAccount.Builder account =
        AcmeAccount.builder()
            .agreeToTermsOfService(Boolean.parseBoolean(s.get(StateSettings.AGREE_TOS)));
    try {
      s.list(StateSettings.CONTACT).forEach(account::contact);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    return new Checked(
        dir,
        trust,
        type,
        updater.build(),
        checker,
        r,
        account.build(),
        timeout,
        Path.of(need(spec, s, StateSettings.OUT)));
  }

  /**
   * Opens the state directory (created 0700) and builds everything.
   *
   * @throws StateStoreException if the state directory cannot be opened
   */
  static AcmeSetup open(Checked c, Path stateDir, Clock clock) throws StateStoreException {
    StateStore store = FileStateStore.open(stateDir, clock);
    PropagationChecker propagation = c.checker().build();
    AcmeDns01Client.Builder builder =
        AcmeDns01Client.builder()
            .ca(AcmeCa.of(c.directory(), c.trust()))
            .account(c.account())
            .stateStore(store)
            .dnsUpdater(c.updater())
            .propagationChecker(propagation);
    Resolver r = c.resolver();
    if (r != null) {
      builder.resolver(r);
    }
    AcmeDns01Client client =
        builder
            .sink(new PemFileSink(c.out()))
            .keyType(c.keyType())
            .orderTimeout(c.timeout())
            .clock(clock)
            .build();
    CertificateKeyPolicy keys =
        CertificateKeyPolicy.builder()
            .stateStore(store)
            .clock(clock)
            .keyGenerator(generator(c.keyType()))
            .build();
    RateLimitLedger ledger =
        RateLimitLedger.builder()
            .stateStore(store)
            .clock(clock)
            .account(c.directory().toString())
            .build();
    CertificateManager manager =
        CertificateManager.builder()
            .client(client)
            .keyPolicy(keys)
            .ledger(ledger)
            .stateStore(store)
            .clock(clock)
            .build();
    return new AcmeSetup(client, manager, store, c.out(), propagation);
  }

  @Override
  public void close() {
    propagation.close();
  }

  static URI directoryUri(CommandSpec spec, String directory) {
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

  static CertificateKeyType keyType(CommandSpec spec, @Nullable String text) {
    String t = text == null ? "ec-p256" : text;
    return switch (t.toLowerCase(Locale.ROOT)) {
      case "ec-p256" -> CertificateKeyType.EC_P256;
      case "ec-p384" -> CertificateKeyType.EC_P384;
      case "rsa-2048" -> CertificateKeyType.RSA_2048;
      case "rsa-3072" -> CertificateKeyType.RSA_3072;
      case "rsa-4096" -> CertificateKeyType.RSA_4096;
      default -> throw new ParameterException(spec.commandLine(), "unknown --key-type " + t);
    };
  }

  private static Supplier<KeyPair> generator(CertificateKeyType type) {
    return () -> {
      try {
        if (type.isRsa()) {
          KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
          g.initialize(type.bits());
          return g.generateKeyPair();
        }
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(
            new ECGenParameterSpec(type == CertificateKeyType.EC_P384 ? "secp384r1" : "secp256r1"));
        return g.generateKeyPair();
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("cannot generate a " + type + " key", e);
      }
    };
  }

  private static KeyStore trustStore(CommandSpec spec, Path pem) {
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
    } catch (GeneralSecurityException | IOException e) {
      throw new ParameterException(spec.commandLine(), "--ca-cert " + pem + ": " + e.getMessage());
    }
  }

  private static Duration timeout(CommandSpec spec, @Nullable String text) {
    if (text == null) {
      return Duration.ofMinutes(5);
    }
    try {
      return Duration.parse(text);
    } catch (DateTimeParseException e) {
      throw new ParameterException(spec.commandLine(), "--timeout: not a duration: " + text);
    }
  }

  private static int parseInt(CommandSpec spec, String what, String text) {
    try {
      return Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      throw new ParameterException(spec.commandLine(), what + ": not a number: " + text);
    }
  }

  private static String need(CommandSpec spec, StateSettings s, String key) {
    String v = s.get(key);
    if (v == null || v.isBlank()) {
      throw new ParameterException(spec.commandLine(), "missing setting " + key);
    }
    return v;
  }
}
