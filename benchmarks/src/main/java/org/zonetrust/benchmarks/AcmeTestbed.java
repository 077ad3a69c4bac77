package org.zonetrust.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.zonetrust.testbed.Testbed;

/**
 * Starts the testbed (BIND, Knot, Unbound, Pebble) for {@code benchmarks/compare-acme}, writes its
 * environment as shell variables, and keeps it running until standard input closes or the JVM is
 * signalled; the testbed's shutdown hook then stops every server.
 *
 * <p>Usage: {@code AcmeTestbed --env FILE [--zones N] [--label LABEL]}. Creates {@code N} child
 * zones of {@code test.} (default 4, named {@code LABEL.test.}, {@code LABEL-2.test.}, ...), served
 * by BIND with Knot as secondary, writes {@code FILE} (mode 0600: it holds the testbed's TSIG
 * secret) and then prints {@code READY FILE} on standard output. The variables: {@code
 * ACME_DIRECTORY}, {@code ACME_CA_PEM} (the CA of Pebble's HTTPS certificate), {@code BIND_PORT},
 * {@code KNOT_PORT}, {@code UNBOUND_PORT}, {@code NS_PRIMARY} and {@code NS_SECONDARY} (the NS
 * names of BIND and Knot), {@code TSIG_NAME}, {@code TSIG_ALGORITHM}, {@code TSIG_SECRET}, {@code
 * ZONES} (space-separated, without the final dot), {@code TESTBED_DIR}, {@code STARTUP_MS}.
 */
public final class AcmeTestbed {
  private AcmeTestbed() {}

  /**
   * Runs the testbed until standard input reaches end of file.
   *
   * @param args the options described on the class
   * @throws IOException if the environment file cannot be written or standard input fails
   */
  public static void main(String[] args) throws IOException {
    Options options = Options.parse(args);
    String envOption = options.get("env");
    if (envOption == null) {
      throw new IllegalArgumentException("missing --env FILE");
    }
    Path env = Path.of(envOption).toAbsolutePath();
    int count = options.getInt("zones", 4);
    String label = options.get("label", "acmebench");

    Testbed testbed = Testbed.shared();
    List<String> zones = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String zone = testbed.createZone(label);
      zones.add(zone.endsWith(".") ? zone.substring(0, zone.length() - 1) : zone);
    }
    StringBuilder text = new StringBuilder();
    line(text, "ACME_DIRECTORY", testbed.acmeDirectory().toString());
    line(text, "ACME_CA_PEM", testbed.acmeServerCaPem().toString());
    line(text, "BIND_PORT", Integer.toString(testbed.bindPort()));
    line(text, "KNOT_PORT", Integer.toString(testbed.knotPort()));
    line(text, "UNBOUND_PORT", Integer.toString(testbed.unboundPort()));
    line(text, "NS_PRIMARY", testbed.primaryNameServer());
    line(text, "NS_SECONDARY", testbed.secondaryNameServer());
    line(text, "TSIG_NAME", testbed.tsigKeyName());
    line(text, "TSIG_ALGORITHM", testbed.tsigAlgorithm());
    line(text, "TSIG_SECRET", testbed.tsigSecret());
    line(text, "ZONES", String.join(" ", zones));
    line(text, "TESTBED_DIR", testbed.directory().toString());
    line(text, "STARTUP_MS", Long.toString(testbed.startupTime().toMillis()));
    writePrivate(env, text.toString());
    System.out.println("READY " + env);
    System.out.flush();

    InputStream in = System.in;
    byte[] buffer = new byte[256];
    while (in.read(buffer) >= 0) {
      // nothing to read: the script keeps standard input open while it needs the testbed
    }
    System.exit(0);
  }

  private static void line(StringBuilder text, String name, String value) {
    if (value.indexOf('\'') >= 0) {
      throw new IllegalArgumentException(name + " contains a quote");
    }
    text.append(name).append("='").append(value).append("'\n");
  }

  private static void writePrivate(Path file, String text) throws IOException {
    Path dir = file.getParent();
    Files.createDirectories(dir);
    Path tmp =
        Files.createTempFile(
            dir,
            ".env",
            ".tmp",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(tmp, text, StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    System.err.printf(Locale.ROOT, "testbed up, environment in %s%n", file);
  }
}
