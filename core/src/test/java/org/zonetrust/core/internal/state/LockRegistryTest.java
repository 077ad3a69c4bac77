package org.zonetrust.core.internal.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.ref.Reference;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LockRegistryTest {

  @TempDir Path dir;

  @Test
  void registryEntryIsDroppedOnceNoStoreUsesTheDirectory() throws Exception {
    Path a = dir.resolve("a");
    Path b = dir.resolve("b");
    openAndForget(a);
    FileStoreEngine live = FileStoreEngine.open(b, Clock.systemUTC());
    Path realA = a.toRealPath();
    Path realB = b.toRealPath();
    assertThat(StripedFileLocks.isRegistered(realA)).isTrue();

    for (int i = 0; i < 200 && StripedFileLocks.isRegistered(realA); i++) {
      System.gc();
      Thread.sleep(10);
    }
    assertThat(StripedFileLocks.isRegistered(realA)).as("entry of an unused directory").isFalse();
    assertThat(StripedFileLocks.isRegistered(realB)).as("entry of a store in use").isTrue();
    live.put("k", new byte[] {1});
    Reference.reachabilityFence(live);
  }

  @Test
  void storesOnOneDirectoryShareTheirLocks() throws Exception {
    Path a = dir.resolve("a");
    FileStoreEngine first = FileStoreEngine.open(a, Clock.systemUTC());
    openAndForget(a);
    for (int i = 0; i < 5; i++) {
      System.gc();
    }
    FileStoreEngine second = FileStoreEngine.open(a, Clock.systemUTC());
    assertThat(first.sharesLocksWith(second)).isTrue();
  }

  private static void openAndForget(Path dir) throws Exception {
    FileStoreEngine.open(dir, Clock.systemUTC()).put("k", new byte[] {1});
  }
}
