package org.zonetrust.cli;

import java.io.IOException;
import java.io.Reader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;
import org.zonetrust.core.dns.TsigAlgorithm;
import org.zonetrust.core.dns.TsigKey;
import org.zonetrust.dnssec.KeyRolloverPolicy;
import org.zonetrust.registrar.SecretSource;

/**
 * One zone of {@code zonetrust manage}: a file {@code DIR/zones/NAME.properties}. Holds no secret
 * itself: TSIG and adapter secrets come from the files it names or from the environment. Relative
 * paths are taken relative to the directory of the file.
 */
final class ZoneConfig {
  static final String SECRET_FILE_PREFIX = "parent-secret-file.";
  private static final Set<String> KEYS =
      Set.of(
          "zone",
          "records",
          "publish",
          "master-file",
          "reload-command",
          "add-command",
          "server",
          "tsig-name",
          "tsig-algorithm",
          "tsig-secret-file",
          "parent",
          "parent-resolver",
          "parent-ns-port",
          "policy");

  /** How the signed zone reaches its servers. */
  sealed interface Publish permits MasterFile, Rfc2136 {}

  /** Write a master file, then run a command (no shell), or the add command if that fails. */
  record MasterFile(Path file, List<String> reloadCommand, List<String> addCommand)
      implements Publish {}

  /** Send the signed changes by RFC 2136 to a server that accepts signed data. */
  record Rfc2136(InetSocketAddress server, @Nullable TsigKey tsig) implements Publish {}

  final Path file;
  final Name zone;
  final @Nullable Path records;
  final Publish publish;
  final URI parent;
  final SecretSource parentSecrets;
  final InetSocketAddress parentResolver;
  final int parentNsPort;
  final KeyRolloverPolicy policy;

  private final Properties p;
  private final Map<String, String> env;

  private ZoneConfig(Path file, Properties p, Map<String, String> env) throws ZoneConfigException {
    this.file = file;
    this.p = p;
    this.env = env;
    checkKeys();
    this.zone = name(required("zone"));
    String rec = p.getProperty("records");
    this.records = rec == null ? null : path(rec);
    this.publish = publish();
    this.parent = parentUri();
    this.parentSecrets = secrets();
    this.parentResolver = endpoint("parent-resolver", required("parent-resolver"));
    this.parentNsPort = port();
    this.policy = policy();
  }

  /**
   * Reads and checks one zone file.
   *
   * @throws ZoneConfigException naming the file and the key that is missing or wrong
   */
  static ZoneConfig read(Path file, Map<String, String> env) throws ZoneConfigException {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    } catch (IOException | IllegalArgumentException e) {
      throw new ZoneConfigException(file, "(file)", "cannot read: " + e, e);
    }
    return new ZoneConfig(file, p, env);
  }

  private void checkKeys() throws ZoneConfigException {
    Set<String> unknown = new TreeSet<>();
    for (String k : p.stringPropertyNames()) {
      if (!KEYS.contains(k) && !k.startsWith(SECRET_FILE_PREFIX)) {
        unknown.add(k);
      }
    }
    if (!unknown.isEmpty()) {
      throw new ZoneConfigException(
          file, unknown.iterator().next(), "unknown key; known keys: " + new TreeSet<>(KEYS));
    }
  }

  private String required(String key) throws ZoneConfigException {
    String v = p.getProperty(key);
    if (v == null || v.isBlank()) {
      throw new ZoneConfigException(file, key, "missing");
    }
    return v.strip();
  }

  private Name name(String text) throws ZoneConfigException {
    try {
      return Name.fromString(text.endsWith(".") ? text : text + ".");
    } catch (TextParseException e) {
      throw new ZoneConfigException(file, "zone", "not a domain name: " + text, e);
    }
  }

  private Path path(String text) {
    Path dir = java.util.Objects.requireNonNull(file.toAbsolutePath().getParent());
    return dir.resolve(text.strip());
  }

  private InetSocketAddress endpoint(String key, String text) throws ZoneConfigException {
    try {
      return Endpoints.parse(text, 53);
    } catch (IOException | IllegalArgumentException e) {
      throw new ZoneConfigException(file, key, "not HOST[:PORT]: " + text + ": " + e, e);
    }
  }

  private List<String> command(String key) {
    String text = p.getProperty(key, "").strip();
    return text.isEmpty() ? List.of() : List.of(text.split("\\s+"));
  }

  private Publish publish() throws ZoneConfigException {
    String how = required("publish");
    return switch (how) {
      case "master-file" -> {
        List<String> reload = command("reload-command");
        List<String> add = command("add-command");
        if (reload.isEmpty() && !add.isEmpty()) {
          throw new ZoneConfigException(
              file, "add-command", "runs only when reload-command fails: set reload-command too");
        }
        yield new MasterFile(path(required("master-file")), reload, add);
      }
      case "rfc2136" -> new Rfc2136(endpoint("server", required("server")), tsig().orElse(null));
      default ->
          throw new ZoneConfigException(
              file, "publish", "'" + how + "' is neither master-file nor rfc2136");
    };
  }

  private Optional<TsigKey> tsig() throws ZoneConfigException {
    String name = p.getProperty("tsig-name");
    if (name == null) {
      if (p.getProperty("tsig-secret-file") != null) {
        throw new ZoneConfigException(file, "tsig-name", "missing (tsig-secret-file is set)");
      }
      return Optional.empty();
    }
    String algName = p.getProperty("tsig-algorithm", "hmac-sha256").strip();
    TsigAlgorithm alg;
    try {
      alg = TsigAlgorithm.fromDnsName(algName);
    } catch (IllegalArgumentException e) {
      throw new ZoneConfigException(file, "tsig-algorithm", e.getMessage(), e);
    }
    String secretFile = p.getProperty("tsig-secret-file");
    String secret;
    if (secretFile != null) {
      secret = readSecret("tsig-secret-file", path(secretFile));
    } else if (env.containsKey(TsigOptions.SECRET_ENV)) {
      secret = env.get(TsigOptions.SECRET_ENV).strip();
    } else {
      throw new ZoneConfigException(
          file,
          "tsig-secret-file",
          "missing (or set environment variable " + TsigOptions.SECRET_ENV + ")");
    }
    try {
      return Optional.of(TsigKey.of(name.strip(), alg, secret));
    } catch (IllegalArgumentException e) {
      throw new ZoneConfigException(file, "tsig-name", e.getMessage(), e);
    }
  }

  private String readSecret(String key, Path secretFile) throws ZoneConfigException {
    try {
      return CliSecrets.readFile(secretFile);
    } catch (IOException e) {
      throw new ZoneConfigException(file, key, "cannot read " + secretFile + ": " + e, e);
    }
  }

  private URI parentUri() throws ZoneConfigException {
    String text = required("parent");
    try {
      URI uri = URI.create(text.equalsIgnoreCase("cds:") ? "cds:?" : text);
      if (uri.getScheme() == null) {
        throw new ZoneConfigException(file, "parent", "'" + text + "' has no scheme");
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw new ZoneConfigException(file, "parent", "not a URI: " + e.getMessage(), e);
    }
  }

  /** Adapter secrets: {@code parent-secret-file.NAME}, else env {@code ZONETRUST_SECRET_NAME}. */
  private SecretSource secrets() throws ZoneConfigException {
    Map<String, String> values = new LinkedHashMap<>();
    for (String k : p.stringPropertyNames()) {
      if (k.startsWith(SECRET_FILE_PREFIX)) {
        values.put(k.substring(SECRET_FILE_PREFIX.length()), readSecret(k, path(p.getProperty(k))));
      }
    }
    Map<String, String> environment = Map.copyOf(env);
    Map<String, String> fromFiles = Map.copyOf(values);
    return name -> {
      String v = fromFiles.get(name);
      if (v == null) {
        v = CliSecrets.fromEnvironment(environment, name);
      }
      return Optional.ofNullable(v).map(String::toCharArray);
    };
  }

  private int port() throws ZoneConfigException {
    String v = p.getProperty("parent-ns-port");
    if (v == null) {
      return 53;
    }
    try {
      int port = Integer.parseInt(v.strip());
      if (port >= 1 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ZoneConfigException(file, "parent-ns-port", "'" + v + "' is not a port 1..65535");
  }

  private KeyRolloverPolicy policy() throws ZoneConfigException {
    String v = p.getProperty("policy");
    if (v == null) {
      return KeyRolloverPolicy.defaults();
    }
    try {
      return PolicyFile.read(path(v));
    } catch (IllegalArgumentException e) {
      throw new ZoneConfigException(file, "policy", e.getMessage(), e);
    }
  }
}
