package org.zonetrust.testbed;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/** One long-running server process, its log file, and how to stop it by PID. */
final class ServerProcess {
  private static final int TAIL_LINES = 40;
  private static final Pattern ADDRESS_IN_USE =
      Pattern.compile("address (already )?in use", Pattern.CASE_INSENSITIVE);

  /** Every server still running, stopped by one JVM shutdown hook if nobody else did. */
  private static final Set<ServerProcess> LIVE = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(() -> List.copyOf(LIVE).forEach(ServerProcess::stop), "testbed-shutdown"));
  }

  private final String name;
  private final Process process;
  private final Path log;

  private ServerProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /**
   * Starts {@code binary args...} with stdout and stderr appended to {@code logs/<name>.log}.
   *
   * @throws TestbedException when the binary is missing or cannot be started
   */
  static ServerProcess start(
      String name,
      String binary,
      List<String> args,
      Path workDir,
      Path logDir,
      Map<String, String> env) {
    List<String> command = new ArrayList<>();
    command.add(Binaries.find(binary).toString());
    command.addAll(args);
    Path log = logDir.resolve(name + ".log");
    ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
    builder.environment().putAll(env);
    builder.redirectErrorStream(true);
    builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    try {
      Files.createDirectories(logDir);
      Files.writeString(
          log,
          "=== testbed: " + String.join(" ", command) + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
      ServerProcess server = new ServerProcess(name, builder.start(), log);
      LIVE.add(server);
      return server;
    } catch (IOException e) {
      throw new TestbedException("cannot start " + name + ": " + command, e);
    }
  }

  String name() {
    return name;
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  Path log() {
    return log;
  }

  /**
   * Fails with the tail of the log if the process has exited.
   *
   * @throws TestbedException when the process is gone
   */
  void checkAlive() {
    if (!process.isAlive()) {
      String tail = tail();
      if (ADDRESS_IN_USE.matcher(tail).find()) {
        throw new PortOwnership.PortCollisionException(
            name + " could not bind its ports:\n" + tail);
      }
      throw new TestbedException(
          name
              + " (pid "
              + pid()
              + ") exited with status "
              + process.exitValue()
              + "; last lines of "
              + log
              + ":\n"
              + tail);
    }
  }

  /** The last lines of the log. */
  String tail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
    } catch (IOException e) {
      return "(log unreadable: " + e + ")";
    }
  }

  /** SIGTERM, then SIGKILL if it has not exited after a few seconds. */
  void stop() {
    LIVE.remove(this);
    ProcessHandle handle = process.toHandle();
    if (!handle.isAlive()) {
      return;
    }
    handle.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        handle.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      handle.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return name + " (pid " + pid() + ")";
  }
}
