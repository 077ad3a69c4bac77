package org.zonetrust.dnssec;

import java.nio.file.Path;
import java.util.Objects;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * A key file that cannot be read or written: missing, truncated, malformed, for an unsupported
 * algorithm, a private key that does not match its public key, unsafe permissions, or an existing
 * file that would be overwritten.
 *
 * <p>The message names the file and, where there is one, the line. It never contains private key
 * material, not even a fragment of a malformed value.
 */
public class KeyFileException extends DnssecException {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final int line;

  /**
   * Creates an exception for a problem at one line of a file.
   *
   * @param file the key file
   * @param line the line number, counted from 1
   * @param problem what is wrong, without private key material
   */
  public KeyFileException(Path file, int line, String problem) {
    super(file + ":" + line + ": " + problem);
    this.file = file.toString();
    this.line = line;
  }

  /**
   * Creates an exception for a problem with a whole file.
   *
   * @param file the key file
   * @param problem what is wrong, without private key material
   */
  public KeyFileException(Path file, String problem) {
    this(file, problem, null);
  }

  /**
   * Creates an exception for a problem with a whole file, caused by another failure.
   *
   * @param file the key file
   * @param problem what is wrong, without private key material
   * @param cause the underlying failure (an I/O error), or {@code null}
   */
  public KeyFileException(Path file, String problem, @Nullable Throwable cause) {
    super(file + ": " + problem, cause);
    this.file = file.toString();
    this.line = 0;
  }

  /**
   * Returns the file the problem is in.
   *
   * @return the path as given
   */
  public Path file() {
    return Path.of(Objects.requireNonNull(file));
  }

  /**
   * Returns the line the problem is at.
   *
   * @return the line number counted from 1, or empty when the problem concerns the whole file
   */
  public OptionalInt line() {
    return line > 0 ? OptionalInt.of(line) : OptionalInt.empty();
  }
}
