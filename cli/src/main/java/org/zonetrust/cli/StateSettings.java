package org.zonetrust.cli;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * What {@code zonetrust renew} needs to rebuild the ACME client without a terminal: the settings
 * {@code zonetrust issue --state DIR} used, kept in {@code DIR/cli.properties} (mode 0600, written
 * atomically). Holds no secret: the TSIG secret stays in the file it was read from ({@code
 * tsig-secret-file}) or comes from the environment at each run; the account key is in the state
 * store. One set of settings per state directory: every certificate tracked there is renewed with
 * the same CA, DNS server and TSIG key.
 */
final class StateSettings {
  static final String FILE = "cli.properties";

  static final String DIRECTORY = "directory";
  static final String CA_CERT = "ca-cert";
  static final String SERVER = "server";
  static final String TSIG_NAME = "tsig-name";
  static final String TSIG_ALGORITHM = "tsig-algorithm";
  static final String TSIG_SECRET_FILE = "tsig-secret-file";
  static final String RESOLVER = "resolver";
  static final String NS_PORT = "ns-port";
  static final String NS_PORT_FOR = "ns-port-for";
  static final String OUT = "out";
  static final String KEY_TYPE = "key-type";
  static final String CONTACT = "contact";
  static final String AGREE_TOS = "agree-tos";
  static final String TIMEOUT = "timeout";

  private final Map<String, String> values;

  StateSettings(Map<String, String> values) {
    this.values = new TreeMap<>(values);
  }

  /** The settings file of a state directory. */
  static Path file(Path stateDir) {
    return stateDir.resolve(FILE);
  }

  /**
   * Reads the settings of a state directory.
   *
   * @return the settings, or empty if the directory has no settings file
   * @throws IOException if the file cannot be read
   */
  static Optional<StateSettings> read(Path stateDir) throws IOException {
    String text;
    try {
      text = Files.readString(file(stateDir), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    Properties p = new Properties();
    try (Reader r = new StringReader(text)) {
      p.load(r);
    }
    Map<String, String> m = new LinkedHashMap<>();
    for (String k : p.stringPropertyNames()) {
      m.put(k, p.getProperty(k));
    }
    return Optional.of(new StateSettings(m));
  }

  /**
   * Writes the settings to {@code stateDir/cli.properties}: a temporary file created 0600 in the
   * same directory, fsynced, renamed over the old file, then the directory fsynced.
   */
  void write(Path stateDir) throws IOException {
    Properties p = new Properties();
    p.putAll(values);
    StringWriter w = new StringWriter();
    p.store(w, "zonetrust issue/renew settings of this state directory (no secrets)");
    byte[] bytes = w.toString().getBytes(StandardCharsets.UTF_8);
    // a temp file is created 0600, so the settings stay owner-only
    CliFiles.writeAtomically(file(stateDir), bytes);
  }

  /** A setting, or null if it is not set. */
  @Nullable String get(String key) {
    return values.get(key);
  }

  /** A comma-separated list setting (empty if not set). */
  List<String> list(String key) {
    String v = values.get(key);
    List<String> out = new ArrayList<>();
    if (v != null) {
      for (String part : v.split(",", -1)) {
        if (!part.isBlank()) {
          out.add(part.strip());
        }
      }
    }
    return out;
  }

  /**
   * The keys whose values differ between these settings and others.
   *
   * @return the differing keys, sorted; empty if the settings are the same
   */
  List<String> differences(StateSettings other) {
    TreeMap<String, String> all = new TreeMap<>(values);
    all.putAll(other.values);
    List<String> diff = new ArrayList<>();
    for (String k : all.keySet()) {
      if (!Objects.equals(values.get(k), other.values.get(k))) {
        diff.add(k);
      }
    }
    return diff;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof StateSettings s && s.values.equals(values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  @Override
  public String toString() {
    return values.toString();
  }
}
