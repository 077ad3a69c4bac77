package org.zonetrust.dnssec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.zonetrust.core.dns.DnsUpdater;
import org.zonetrust.dnssec.internal.MasterFilePublisher;
import org.zonetrust.dnssec.internal.SignedUpdatePublisher;

/** The built-in {@link ZonePublisher}s. */
public final class ZonePublishers {
  /** How long {@link #masterFile(Path, List)} lets the reload command run. */
  public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofMinutes(1);

  private ZonePublishers() {}

  /**
   * Publishes by writing the signed zone as a master file, atomically (a temporary file in the same
   * directory, flushed, renamed over {@code file}), then running {@code reloadCommand}, e.g. {@code
   * rndc -c rndc.conf reload example.com} or {@code knotc zone-reload example.com}. The command
   * runs without a shell, gets no input, and must exit with 0 within {@link
   * #DEFAULT_COMMAND_TIMEOUT}; otherwise it is killed and the exception carries its exit code and
   * output. An empty command only writes the file (for servers that watch it). The command's
   * success means the server took the reload request; BIND's {@code rndc reload ZONE} queues the
   * load, so the new serial may be served a moment later.
   *
   * @param file the zone file the server loads
   * @param reloadCommand the program and its arguments
   * @return the publisher
   */
  public static ZonePublisher masterFile(Path file, List<String> reloadCommand) {
    return masterFile(file, reloadCommand, DEFAULT_COMMAND_TIMEOUT);
  }

  /**
   * Like {@link #masterFile(Path, List)} with another command timeout.
   *
   * @param file the zone file the server loads
   * @param reloadCommand the program and its arguments
   * @param timeout how long the command may run
   * @return the publisher
   * @throws IllegalArgumentException if the timeout is not positive
   */
  public static ZonePublisher masterFile(Path file, List<String> reloadCommand, Duration timeout) {
    return masterFile(file, reloadCommand, List.of(), timeout);
  }

  /**
   * Like {@link #masterFile(Path, List)} for a server that may not know the zone yet: when the
   * reload command fails, {@code addCommand} runs instead, e.g. {@code rndc addzone example.com '{
   * type primary; file "/var/lib/bind/example.com.signed"; };'} (BIND needs {@code allow-new-zones
   * yes;}). If both fail, the exception carries both exit codes and outputs. A server that knows
   * the zone reloads it, so the add command runs only for a new zone (or after a reload failed for
   * another reason, when it fails too and says so).
   *
   * @param file the zone file the server loads
   * @param reloadCommand the program and its arguments that reload a known zone
   * @param addCommand the program and its arguments that add the zone
   * @return the publisher
   */
  public static ZonePublisher masterFile(
      Path file, List<String> reloadCommand, List<String> addCommand) {
    return masterFile(file, reloadCommand, addCommand, DEFAULT_COMMAND_TIMEOUT);
  }

  /**
   * Like {@link #masterFile(Path, List, List)} with another command timeout.
   *
   * @param file the zone file the server loads
   * @param reloadCommand the program and its arguments that reload a known zone
   * @param addCommand the program and its arguments that add the zone (empty: none)
   * @param timeout how long each command may run
   * @return the publisher
   * @throws IllegalArgumentException if the timeout is not positive, or an add command is given
   *     without a reload command
   */
  public static ZonePublisher masterFile(
      Path file, List<String> reloadCommand, List<String> addCommand, Duration timeout) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, not " + timeout);
    }
    if (reloadCommand.isEmpty() && !addCommand.isEmpty()) {
      throw new IllegalArgumentException("an add command needs a reload command to fall back from");
    }
    return new MasterFilePublisher(
        file, List.copyOf(reloadCommand), List.copyOf(addCommand), timeout);
  }

  /**
   * Publishes by sending the signed difference between what was published last and the new zone
   * (RRSIG, NSEC and NSEC3 records included) as one RFC 2136 update through {@code server}, for
   * primaries that accept signed data and do not sign themselves (Knot with {@code dnssec-signing:
   * off}; BIND refuses RRSIG records in updates). Deleted records go as single-record deletes, then
   * new records as adds; the SOA is replaced by adding the new one. When nothing was published
   * before (first publication or a restart), every RRset of the new zone is replaced; names that
   * only the server still has are then not removed. The whole difference must fit in one DNS
   * message ({@code DnsUpdateException.Reason.TOO_LARGE} otherwise).
   *
   * @param server the updater of the primary, e.g. an {@code Rfc2136Updater} with a TSIG key
   * @return the publisher
   */
  public static ZonePublisher rfc2136(DnsUpdater server) {
    return new SignedUpdatePublisher(Objects.requireNonNull(server, "server"));
  }
}
