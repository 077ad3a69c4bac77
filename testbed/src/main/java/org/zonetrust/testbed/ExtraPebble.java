package org.zonetrust.testbed;

import java.net.URI;
import java.nio.file.Path;

/**
 * A Pebble started on demand by {@link Testbed#startPebble} (for example with nonce rejection), in
 * addition to the shared one. Trusted through {@link Testbed#acmeTrustStore()}. Closing stops it.
 */
public final class ExtraPebble implements AutoCloseable {
  private final PebbleServer server;
  private final Runnable onClose;

  ExtraPebble(PebbleServer server, Runnable onClose) {
    this.server = server;
    this.onClose = onClose;
  }

  /**
   * The ACME directory.
   *
   * @return {@code https://127.0.0.1:PORT/dir}
   */
  public URI directory() {
    return server.directory();
  }

  /**
   * The management interface.
   *
   * @return {@code https://127.0.0.1:PORT/}
   */
  public URI management() {
    return server.management();
  }

  /**
   * Its log file (stdout and stderr).
   *
   * @return {@code logs/pebble-N.log} in the testbed directory
   */
  public Path logFile() {
    return server.process().log();
  }

  /** Stops the process (SIGTERM, then SIGKILL). Idempotent. */
  @Override
  public void close() {
    server.process().stop();
    onClose.run();
  }

  @Override
  public String toString() {
    return "ExtraPebble[" + directory() + "]";
  }
}
