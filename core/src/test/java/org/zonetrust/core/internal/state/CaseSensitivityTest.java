package org.zonetrust.core.internal.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zonetrust.core.state.StateStoreException;

class CaseSensitivityTest {

  @TempDir Path dir;

  @Test
  void probeFindsTheTestFileSystemCaseSensitiveAndLeavesNothingBehind() throws Exception {
    assertThat(AtomicFiles.isCaseInsensitive(dir)).isFalse();
    assertThat(entries(dir)).isZero();
  }

  @Test
  void probeDetectsAnUpperCasedNameDenotingTheProbe() throws Exception {
    // On a case-sensitive file system, a link from the upper-cased name to the probe's name makes
    // both names denote one file, as a case-insensitive file system would.
    Files.createSymbolicLink(dir.resolve(",TMP-PROBE-X"), Path.of(",tmp-probe-x"));
    assertThat(AtomicFiles.isCaseInsensitive(dir, ",tmp-probe-x")).isTrue();
    assertThat(dir.resolve(",tmp-probe-x")).doesNotExist();
    assertThatThrownBy(() -> AtomicFiles.isCaseInsensitive(dir, ",TMP-1"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void openRefusesACaseInsensitiveFileSystem() {
    Path state = dir.resolve("state");
    assertThatThrownBy(() -> FileStoreEngine.open(state, Clock.systemUTC(), d -> true))
        .isInstanceOf(StateStoreException.class)
        .hasMessageContaining(state.toString())
        .hasMessageContaining("case-insensitive file system");
  }

  @Test
  void openProbesTheKeyAndLeaseDirectories() throws Exception {
    Path state = dir.resolve("state");
    List<Path> probed = new ArrayList<>();
    FileStoreEngine.open(
        state,
        Clock.systemUTC(),
        d -> {
          probed.add(d);
          return AtomicFiles.isCaseInsensitive(d);
        });
    assertThat(probed).containsExactly(state.resolve("keys"), state.resolve("leases"));
    assertThat(entries(state.resolve("keys"))).isZero();
    assertThat(entries(state.resolve("leases"))).isZero();
  }

  private static long entries(Path d) throws Exception {
    try (Stream<Path> s = Files.list(d)) {
      return s.count();
    }
  }
}
