package org.zonetrust.core.internal.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class KeyLayoutTest {

  static final Path AREA = Path.of("/store/keys");

  @Provide
  Arbitrary<String> keys() {
    Arbitrary<String> segment =
        Arbitraries.strings()
            .withChars("abcXYZ019._-")
            .ofMinLength(1)
            .ofMaxLength(260)
            .filter(s -> !s.equals(".") && !s.equals(".."));
    return segment
        .list()
        .ofMinSize(1)
        .ofMaxSize(4)
        .map(l -> String.join("/", l))
        .filter(k -> k.length() <= KeyLayout.MAX_KEY_LENGTH);
  }

  @Property(tries = 300)
  void everyKeyMapsToItsOwnSafeFileAndBack(@ForAll("keys") String key) {
    KeyLayout.requireValid("key", key);
    Path file = KeyLayout.fileFor(AREA, key);
    assertThat(file.startsWith(AREA)).isTrue();
    assertThat(file.normalize()).isEqualTo(file);
    for (Path name : AREA.relativize(file)) {
      assertThat(name.toString().length()).isLessThanOrEqualTo(KeyLayout.MAX_CHUNK + 2);
    }
    assertThat(KeyLayout.isTemp(file)).isFalse();
    assertThat(KeyLayout.keyOf(AREA, file)).isEqualTo(key);
  }

  @Test
  void prefixKeysAndLongSegmentsDoNotCollide() {
    String a200 = "a".repeat(200);
    assertThat(KeyLayout.fileFor(AREA, a200 + "b"))
        .isNotEqualTo(KeyLayout.fileFor(AREA, a200 + "/b"));
    assertThat(KeyLayout.fileFor(AREA, "x")).isEqualTo(AREA.resolve("x,v"));
    assertThat(KeyLayout.fileFor(AREA, "x/y")).isEqualTo(AREA.resolve("x/y,v"));
  }

  @Test
  void strayFilesAreNotKeys() {
    assertThat(KeyLayout.keyOf(AREA, AREA.resolve("x"))).isNull();
    assertThat(KeyLayout.keyOf(AREA, AREA.resolve(",tmp-1-2"))).isNull();
    assertThat(KeyLayout.keyOf(AREA, AREA.resolve("a,+/b,v"))).isNull(); // short chunk
    assertThat(KeyLayout.isTemp(AREA.resolve(",tmp-1-2"))).isTrue();
  }

  @Test
  void rejectionMessagesSayWhatIsWrong() {
    assertThatThrownBy(() -> KeyLayout.requireValid("key", "a//b"))
        .hasMessageContaining("empty segment");
    assertThatThrownBy(() -> KeyLayout.requireValid("key", "a/../b")).hasMessageContaining("'..'");
    assertThatThrownBy(() -> KeyLayout.requireValid("key", "a\nb"))
        .hasMessageContaining("may only contain");
  }
}
