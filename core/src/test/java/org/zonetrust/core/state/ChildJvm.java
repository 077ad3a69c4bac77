package org.zonetrust.core.state;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts a test main class in a fresh JVM with the test class path. */
final class ChildJvm {

  private ChildJvm() {}

  static ProcessBuilder builder(Class<?> main, Path stderr, String... args) {
    String java =
        ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    List<String> cmd = new ArrayList<>();
    cmd.add(java);
    // small and quick to start: these children only do file I/O
    cmd.add("-Xmx96m");
    cmd.add("-XX:+UseSerialGC");
    cmd.add("-XX:TieredStopAtLevel=1");
    cmd.add("-Xshare:auto");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(main.getName());
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd).redirectError(stderr.toFile());
  }

  static Process start(Class<?> main, Path stdout, Path stderr, String... args) throws IOException {
    return builder(main, stderr, args).redirectOutput(stdout.toFile()).start();
  }
}
