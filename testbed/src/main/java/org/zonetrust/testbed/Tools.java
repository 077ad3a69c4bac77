package org.zonetrust.testbed;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the command-line peers that tests compare against ({@code dnssec-verify}, {@code
 * ldns-verify-zone}, {@code kzonecheck}, {@code dnssec-keygen}, {@code openssl}, ...).
 *
 * <p>A missing binary fails with a {@link TestbedException} that names the Debian package to
 * install; it never skips. A non-zero exit is returned, not thrown, because a verifier rejecting a
 * zone is a result the test asserts on.
 */
public final class Tools {
  private Tools() {}

  /**
   * The outcome of one tool run.
   *
   * @param command the command line that ran
   * @param exitCode the process exit code
   * @param output standard output followed by standard error
   */
  public record Result(List<String> command, int exitCode, String output) {
    /**
     * Copies the command.
     *
     * @param command the command line that ran
     * @param exitCode the process exit code
     * @param output standard output followed by standard error
     */
    public Result {
      command = List.copyOf(command);
    }

    /**
     * Tells whether the tool exited with 0.
     *
     * @return true on exit code 0
     */
    public boolean ok() {
      return exitCode == 0;
    }

    /**
     * Returns this result if the tool exited with 0.
     *
     * @return this result
     * @throws TestbedException with the command and its output otherwise
     */
    public Result requireOk() {
      if (!ok()) {
        throw new TestbedException(
            String.join(" ", command) + " failed (exit " + exitCode + "):\n" + output);
      }
      return this;
    }
  }

  /**
   * Runs {@code binary args...} in {@code workDir} with standard input from /dev/null.
   *
   * @param workDir the working directory
   * @param timeout how long the tool may run before it is killed and the call fails
   * @param binary the tool's name, found on PATH (then /usr/sbin, /sbin)
   * @param args its arguments
   * @return the exit code and output
   * @throws TestbedException if the binary is missing (naming its Debian package), cannot start, or
   *     runs past the timeout
   */
  public static Result run(Path workDir, Duration timeout, String binary, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(Binaries.find(binary).toString());
    command.addAll(args);
    Path out = null;
    try {
      out = Files.createTempFile("zonetrust-tool-", ".out");
      Process process =
          new ProcessBuilder(command)
              .directory(workDir.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
              .redirectErrorStream(true)
              .redirectOutput(out.toFile())
              .start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new TestbedException(binary + " ran past " + timeout + ": " + command);
      }
      return new Result(
          command, process.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new TestbedException("cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TestbedException("interrupted running " + command, e);
    } finally {
      if (out != null) {
        try {
          Files.deleteIfExists(out);
        } catch (IOException e) {
          // a leftover temp file is harmless
        }
      }
    }
  }

  /**
   * Runs a tool with a two-minute timeout.
   *
   * @param workDir the working directory
   * @param binary the tool's name
   * @param args its arguments
   * @return the exit code and output
   * @throws TestbedException if the binary is missing, cannot start, or runs too long
   */
  public static Result run(Path workDir, String binary, String... args) {
    return run(workDir, Duration.ofMinutes(2), binary, List.of(args));
  }

  /**
   * Makes a self-signed ECDSA P-256 certificate with {@code openssl req -x509}: {@code key.pem}
   * (unencrypted) and {@code cert.pem} in {@code dir}.
   *
   * @param dir where the two files go
   * @param commonName the subject's CN
   * @param days how long the certificate is valid
   * @throws TestbedException if openssl is missing or fails
   */
  public static void selfSignedEcCertificate(Path dir, String commonName, int days) {
    run(
            dir,
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:P-256",
            "-nodes",
            "-keyout",
            "key.pem",
            "-out",
            "cert.pem",
            "-subj",
            "/CN=" + commonName,
            "-days",
            Integer.toString(days))
        .requireOk();
  }
}
