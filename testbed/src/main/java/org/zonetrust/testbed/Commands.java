package org.zonetrust.testbed;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs short command-line tools (rndc, knotc, openssl, ss) and returns their output. */
final class Commands {
  private static final long TIMEOUT_SECONDS = 30;

  private Commands() {}

  /**
   * Runs {@code binary args...} in {@code workDir}, returns stdout.
   *
   * @throws TestbedException when the binary is missing, fails, or times out
   */
  static String run(Path workDir, String binary, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(Binaries.find(binary).toString());
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
    builder.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    try {
      Process process = builder.start();
      // Tools here print little; read stderr on a helper thread to avoid pipe stalls.
      StreamReader err = new StreamReader(process.getErrorStream());
      err.start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new TestbedException(binary + " timed out: " + command);
      }
      err.join(TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
      if (process.exitValue() != 0) {
        throw new TestbedException(
            binary
                + " failed (exit "
                + process.exitValue()
                + "): "
                + command
                + "\n"
                + out
                + err.text());
      }
      return out;
    } catch (IOException e) {
      throw new TestbedException("cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TestbedException("interrupted running " + command, e);
    }
  }

  /** Drains a stream into a string on its own thread. */
  private static final class StreamReader extends Thread {
    private final java.io.InputStream in;
    private volatile String text = "";

    StreamReader(java.io.InputStream in) {
      super("testbed-stderr");
      setDaemon(true);
      this.in = in;
    }

    @Override
    public void run() {
      try {
        text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        text = "(stderr unreadable: " + e + ")";
      }
    }

    String text() {
      return text;
    }
  }
}
