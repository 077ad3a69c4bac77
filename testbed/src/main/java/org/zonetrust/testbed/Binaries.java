package org.zonetrust.testbed;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Finds the server binaries on PATH and names the Debian package that provides each one. */
final class Binaries {
  /** Where the install script puts things; searched after PATH (non-root PATHs lack sbin). */
  static final String SBIN_FALLBACK = "/usr/sbin" + File.pathSeparator + "/sbin";

  private static final Map<String, String> PACKAGES =
      Map.ofEntries(
          Map.entry("named", "bind9"),
          Map.entry("rndc", "bind9-utils"),
          Map.entry("named-checkconf", "bind9-utils"),
          Map.entry("knotd", "knot"),
          Map.entry("knotc", "knot"),
          Map.entry("unbound", "unbound"),
          Map.entry("unbound-control", "unbound"),
          Map.entry("pebble", "pebble"),
          Map.entry("openssl", "openssl"),
          Map.entry("ss", "iproute2"),
          Map.entry("dnssec-verify", "bind9-utils"),
          Map.entry("dnssec-signzone", "bind9-utils"),
          Map.entry("dnssec-keygen", "bind9-utils"),
          Map.entry("dnssec-dsfromkey", "bind9-utils"),
          Map.entry("named-checkzone", "bind9-utils"),
          Map.entry("ldns-verify-zone", "ldnsutils"),
          Map.entry("ldns-signzone", "ldnsutils"),
          Map.entry("ldns-keygen", "ldnsutils"),
          Map.entry("kzonecheck", "knot-dnssecutils"),
          Map.entry("kzonesign", "knot-dnssecutils"),
          Map.entry("keymgr", "knot"),
          Map.entry("tlsa", "hash-slinger"),
          Map.entry("postfix", "postfix"),
          Map.entry("postqueue", "postfix"),
          Map.entry("postconf", "postfix"),
          Map.entry("postlog", "postfix"),
          Map.entry("sendmail", "postfix"),
          Map.entry("unshare", "util-linux"),
          Map.entry("mount", "mount"));

  private Binaries() {}

  /** The Debian package that ships {@code name}. */
  static String packageOf(String name) {
    return PACKAGES.getOrDefault(name, name);
  }

  /** Finds {@code name} on this process's PATH (then /usr/sbin, /sbin). */
  static Path find(String name) {
    String path = System.getenv("PATH");
    return find(name, (path == null ? "" : path) + File.pathSeparator + SBIN_FALLBACK);
  }

  /**
   * Finds {@code name} on the given search path.
   *
   * @throws TestbedException naming the Debian package when it is not there
   */
  static Path find(String name, String searchPath) {
    List<String> dirs = new ArrayList<>(List.of(searchPath.split(File.pathSeparator)));
    for (String dir : dirs) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, name);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    throw new TestbedException(missingMessage(name));
  }

  /** The message for a missing binary. */
  static String missingMessage(String name) {
    return name
        + " not found on PATH: install Debian package "
        + packageOf(name)
        + " (scripts/install-testbed)";
  }
}
