package org.zonetrust.core.state;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class FileStateStoreTest {

  @TempDir Path dir;
  MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  FileStateStore store;

  @BeforeEach
  void open() throws Exception {
    store = FileStateStore.open(dir.resolve("state"), clock);
  }

  static byte[] b(String s) {
    return s.getBytes(UTF_8);
  }

  @Test
  void putThenGetReturnsValueAndIncreasingVersions() throws Exception {
    assertThat(store.get("a/b")).isEmpty();
    Versioned v1 = store.put("a/b", b("one"));
    Versioned v2 = store.put("a/b", b("two"));
    assertThat(v1.version()).isEqualTo(1);
    assertThat(v2.version()).isEqualTo(2);
    assertThat(store.get("a/b")).contains(new Versioned("a/b", 2, b("two")));
  }

  @Test
  void valuesAreCopied() throws Exception {
    byte[] value = b("abc");
    store.put("k", value);
    value[0] = 'X';
    assertThat(store.get("k").orElseThrow().value()).isEqualTo(b("abc"));
  }

  @Test
  void compareAndSetWritesOnlyOnMatchingVersion() throws Exception {
    assertThat(store.compareAndSet("k", Versioned.ABSENT, b("1"))).isPresent();
    assertThat(store.compareAndSet("k", Versioned.ABSENT, b("x"))).isEmpty();
    assertThat(store.compareAndSet("k", 7, b("x"))).isEmpty();
    assertThat(store.compareAndSet("k", 1, b("2")).orElseThrow().version()).isEqualTo(2);
    assertThat(store.get("k").orElseThrow().value()).isEqualTo(b("2"));
  }

  @Test
  void deleteNeedsTheCurrentVersionAndVersionsContinueAfterRecreation() throws Exception {
    store.put("k", b("1"));
    store.put("k", b("2"));
    assertThat(store.delete("k", 1)).isFalse();
    assertThat(store.delete("k", 2)).isTrue();
    assertThat(store.delete("k", 2)).isFalse();
    assertThat(store.get("k")).isEmpty();
    assertThat(store.list("")).isEmpty();
    assertThat(store.compareAndSet("k", 2, b("x"))).isEmpty();
    Versioned again = store.compareAndSet("k", Versioned.ABSENT, b("3")).orElseThrow();
    assertThat(again.version()).isEqualTo(3);
    // the version counter survives reopening
    store.delete("k", 3);
    assertThat(FileStateStore.open(dir.resolve("state"), clock).put("k", b("4")).version())
        .isEqualTo(4);
  }

  @Test
  void listIsLexicographicAndFiltersByPrefix() throws Exception {
    for (String k : List.of("b", "a/z", "a/b/c", "a", "a.b", "ab", "a/b", "c/d")) {
      store.put(k, b(k));
    }
    assertThat(store.list("")).containsExactly("a", "a.b", "a/b", "a/b/c", "a/z", "ab", "b", "c/d");
    assertThat(store.list("a/")).containsExactly("a/b", "a/b/c", "a/z");
    assertThat(store.list("a/b")).containsExactly("a/b", "a/b/c");
    assertThat(store.list("a/b/")).containsExactly("a/b/c");
    assertThat(store.list("zz/")).isEmpty();
  }

  @Test
  void longKeysAndKeysThatArePrefixesOfOthersCoexist() throws Exception {
    String longSegment = "x".repeat(450);
    String k1 = longSegment + "/y";
    String k2 = "a/" + "y".repeat(509);
    store.put(k1, b("1"));
    store.put(k2, b("2"));
    store.put(longSegment, b("3"));
    store.put("a", b("4"));
    assertThat(store.get(k1).orElseThrow().value()).isEqualTo(b("1"));
    assertThat(store.get(k2).orElseThrow().value()).isEqualTo(b("2"));
    assertThat(store.list("")).containsExactly("a", k2, longSegment, k1);
  }

  @Test
  void rejectsKeysOutsideTheSyntax() {
    for (String bad :
        List.of("", "/a", "a/", "a//b", ".", "..", "a/../b", "a/./b", "a b", "ä", "a\\b", "a:b")) {
      assertThatThrownBy(() -> store.put(bad, b("x")))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> store.get(bad)).isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> store.put("k".repeat(513), b("x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("512");
  }

  @Test
  void filesAre0600AndDirectories0700() throws Exception {
    store.put("a/b/c", b("secret"));
    try (Stream<Path> all = Files.walk(dir.resolve("state"))) {
      for (Path p : all.toList()) {
        String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
        assertThat(mode)
            .as(p.toString())
            .isEqualTo(Files.isDirectory(p) ? "rwx------" : "rw-------");
      }
    }
  }

  @Test
  void corruptedFileIsReportedNamingTheFileNeverUsed() throws Exception {
    store.put("acme/orders/example.com", b("value"));
    Path file = dir.resolve("state/keys/acme/orders/example.com,v");
    assertThat(file).exists();
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length - 6] ^= 1;
    Files.write(file, bytes);
    assertThatThrownBy(() -> store.get("acme/orders/example.com"))
        .isInstanceOf(StateStoreException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("acme/orders/example.com")
        .hasMessageContaining("corrupt");
    assertThatThrownBy(() -> store.put("acme/orders/example.com", b("new")))
        .isInstanceOf(StateStoreException.class)
        .hasMessageContaining(file.toString());

    Files.write(file, b("garbage"));
    assertThatThrownBy(() -> store.get("acme/orders/example.com"))
        .isInstanceOf(StateStoreException.class)
        .hasMessageContaining(file.toString());
  }

  @Test
  void truncatedFileIsReported() throws Exception {
    store.put("k", new byte[1000]);
    Path file = dir.resolve("state/keys/k,v");
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(bytes, 600));
    assertThatThrownBy(() -> store.get("k"))
        .isInstanceOf(StateStoreException.class)
        .hasMessageContaining(file.toString());
  }

  @Test
  void strayTempFilesAreIgnoredAndRemovedOnOpen() throws Exception {
    store.put("a/b", b("1"));
    Path temp1 = dir.resolve("state/keys/a/,tmp-123-abc");
    Path temp2 = dir.resolve("state/keys/,tmp-9-ff");
    Files.write(temp1, b("half a write"));
    Files.write(temp2, b(""));
    assertThat(store.list("")).containsExactly("a/b");
    FileStateStore reopened = FileStateStore.open(dir.resolve("state"), clock);
    assertThat(temp1).doesNotExist();
    assertThat(temp2).doesNotExist();
    assertThat(reopened.get("a/b").orElseThrow().value()).isEqualTo(b("1"));
  }

  @Test
  void builderValidatesAndDefaultsTheClock() throws Exception {
    assertThatThrownBy(() -> FileStateStore.builder().clock(clock).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("directory(Path)");
    FileStateStore withSystemClock = FileStateStore.builder().directory(dir.resolve("s2")).build();
    assertThat(withSystemClock.tryAcquire("l", "h", java.time.Duration.ofSeconds(1))).isPresent();
  }

  @Test
  void openFailsClearlyWhenTheDirectoryIsAFile() throws IOException {
    Path file = Files.writeString(dir.resolve("plain"), "x");
    assertThatThrownBy(() -> FileStateStore.open(file, clock))
        .isInstanceOf(StateStoreException.class)
        .hasMessageContaining(file.toString());
  }

  @Test
  void twoInstancesOnOneDirectoryShareWrites() throws Exception {
    FileStateStore other = FileStateStore.open(dir.resolve("state"), clock);
    store.put("k", b("1"));
    assertThat(other.compareAndSet("k", 1, b("2"))).isPresent();
    assertThat(store.get("k").orElseThrow().version()).isEqualTo(2);
  }

  @Test
  @Timeout(60)
  void listAndOpenDoNotFollowSymlinksAndTerminateOnALoop() throws Exception {
    store.put("a/b", b("1"));
    store.put("c", b("2"));
    Path keys = dir.resolve("state/keys");
    Files.createSymbolicLink(keys.resolve("a/loop"), Path.of(".."));
    Files.createSymbolicLink(keys.resolve("self"), Path.of("."));
    Path outside = Files.createDirectories(dir.resolve("outside"));
    Files.write(outside.resolve("x,v"), b("not a record"));
    Path outsideTemp = Files.write(outside.resolve(",tmp-1-ab"), b(""));
    Files.createSymbolicLink(keys.resolve("out"), outside);
    Files.createSymbolicLink(keys.resolve("linked,v"), outside.resolve("x,v"));

    assertThat(store.list("")).containsExactly("a/b", "c");
    assertThat(store.list("a/")).containsExactly("a/b");
    assertThat(store.list("a/loop/")).isEmpty();
    assertThat(store.list("self/")).isEmpty();
    assertThat(store.list("out/")).isEmpty();
    FileStateStore reopened = FileStateStore.open(dir.resolve("state"), clock);
    assertThat(outsideTemp).as("open removes temp files inside the store only").exists();
    assertThat(reopened.list("")).containsExactly("a/b", "c");
  }
}
