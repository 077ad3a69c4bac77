package org.zonetrust.dnssec.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Record;
import org.zonetrust.dnssec.SignedZone;
import org.zonetrust.dnssec.ZonePublishException;
import org.zonetrust.dnssec.ZonePublisher;

/**
 * Writes the zone file atomically, then runs the server's reload command; if that fails and an add
 * command is set (the server does not know the zone yet), runs the add command instead.
 */
public final class MasterFilePublisher implements ZonePublisher {
  private static final int MAX_OUTPUT_CHARS = 4000;

  private final Path file;
  private final List<String> command;
  private final List<String> addCommand;
  private final Duration timeout;

  /**
   * Creates the publisher.
   *
   * @param file the zone file
   * @param command the reload command (may be empty)
   * @param addCommand the command that adds the zone to the server when reloading fails (may be
   *     empty)
   * @param timeout how long each command may run
   */
  public MasterFilePublisher(
      Path file, List<String> command, List<String> addCommand, Duration timeout) {
    this.file = file;
    this.command = command;
    this.addCommand = addCommand;
    this.timeout = timeout;
  }

  @Override
  public void publish(SignedZone zone, List<Record> previous) throws ZonePublishException {
    String name = zone.origin().toString();
    try {
      zone.writeMasterFile(file);
    } catch (IOException e) {
      throw new ZonePublishException("zone " + name + ": cannot write " + file + ": " + e, e);
    }
    if (command.isEmpty()) {
      return;
    }
    try {
      run(name, command);
    } catch (ZonePublishException reload) {
      if (addCommand.isEmpty() || Thread.currentThread().isInterrupted()) {
        throw reload;
      }
      try {
        run(name, addCommand);
      } catch (ZonePublishException add) {
        add.addSuppressed(reload);
        throw new ZonePublishException(
            reload.getMessage() + "; then adding it failed too: " + add.getMessage(), add);
      }
    }
  }

  private void run(String zone, List<String> command) throws ZonePublishException {
    @Nullable Path output = null;
    @Nullable Process process = null;
    try {
      output = Files.createTempFile(file.toAbsolutePath().getParent(), ".reload-", ".out");
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
              .start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new ZonePublishException(
            "zone "
                + zone
                + ": "
                + command
                + " did not finish within "
                + timeout
                + outputOf(output));
      }
      if (process.exitValue() != 0) {
        throw new ZonePublishException(
            "zone "
                + zone
                + ": "
                + command
                + " exited with "
                + process.exitValue()
                + outputOf(output));
      }
    } catch (IOException e) {
      throw new ZonePublishException("zone " + zone + ": cannot run " + command + ": " + e, e);
    } catch (InterruptedException e) {
      if (process != null) {
        process.destroyForcibly();
      }
      Thread.currentThread().interrupt();
      throw new ZonePublishException(
          "zone " + zone + ": interrupted while running " + command + "; the file is written", e);
    } finally {
      if (output != null) {
        try {
          Files.deleteIfExists(output);
        } catch (IOException e) {
          // a leftover output file is harmless; the next run makes its own
        }
      }
    }
  }

  private static String outputOf(Path output) {
    try {
      String text = Files.readString(output, StandardCharsets.UTF_8).strip();
      if (text.length() > MAX_OUTPUT_CHARS) {
        text = text.substring(0, MAX_OUTPUT_CHARS) + "...";
      }
      return text.isEmpty() ? " (no output)" : ": " + text;
    } catch (IOException e) {
      return " (output unreadable: " + e + ")";
    }
  }

  @Override
  public String toString() {
    return "ZonePublishers.masterFile["
        + file
        + ", "
        + command
        + (addCommand.isEmpty() ? "" : ", else " + addCommand)
        + "]";
  }
}
