package org.zonetrust.core.internal.state;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zonetrust.core.state.Lease;

/**
 * Keys and lease names that differ only by case are distinct. The on-disk names are all lower case
 * (upper-case letters escaped with {@code ^}), so this holds on a case-insensitive file system too,
 * where no two of the names below may differ only by case.
 */
class CaseCoexistenceTest {

  @TempDir Path dir;

  @Test
  void keysDifferingOnlyByCaseCoexistAndAreAllListed() throws Exception {
    FileStoreEngine store = FileStoreEngine.open(dir.resolve("state"), Clock.systemUTC());
    List<String> keys = List.of("A", "a", "Zone/Key", "zone/key", "zone/KEY", "ZONE/key");
    for (String k : keys) {
      store.put(k, k.getBytes(UTF_8));
    }
    for (String k : keys) {
      assertThat(store.get(k).orElseThrow().value()).asString(UTF_8).isEqualTo(k);
      assertThat(store.get(k).orElseThrow().version()).isEqualTo(1);
    }
    assertThat(store.list(""))
        .containsExactly("A", "ZONE/key", "Zone/Key", "a", "zone/KEY", "zone/key");
    assertThat(store.list("zone/")).containsExactly("zone/KEY", "zone/key");
    assertThat(store.list("Z")).containsExactly("ZONE/key", "Zone/Key");

    assertThat(store.delete("a", 1)).isTrue();
    assertThat(store.get("A")).isPresent();
    assertThat(store.list("")).containsExactly("A", "ZONE/key", "Zone/Key", "zone/KEY", "zone/key");

    // a case-insensitive file system could hold all of these: no two names differ only by case
    List<String> names = relativeNames(dir.resolve("state/keys"));
    assertThat(names).allSatisfy(n -> assertThat(n).isEqualTo(n.toLowerCase(Locale.ROOT)));
    assertThat(names.stream().map(n -> n.toLowerCase(Locale.ROOT)).distinct()).hasSameSizeAs(names);
  }

  @Test
  void leasesDifferingOnlyByCaseAreIndependent() throws Exception {
    FileStoreEngine store = FileStoreEngine.open(dir.resolve("state"), Clock.systemUTC());
    Duration ttl = Duration.ofMinutes(1);
    try (Lease upper = store.tryAcquire("Zone", "h1", ttl).orElseThrow();
        Lease lower = store.tryAcquire("zone", "h2", ttl).orElseThrow()) {
      assertThat(upper.fencingToken()).isEqualTo(1);
      assertThat(lower.fencingToken()).isEqualTo(1);
      assertThat(store.tryAcquire("Zone", "h3", ttl)).isEmpty();
      assertThat(store.tryAcquire("zone", "h3", ttl)).isEmpty();
    }
    assertThat(relativeNames(dir.resolve("state/leases")))
        .allSatisfy(n -> assertThat(n).isEqualTo(n.toLowerCase(Locale.ROOT)));
  }

  private static List<String> relativeNames(Path area) throws Exception {
    try (Stream<Path> files = Files.walk(area)) {
      return files.filter(p -> !p.equals(area)).map(p -> area.relativize(p).toString()).toList();
    }
  }
}
