package org.zonetrust.core.internal.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
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
    return keysOf("abcXYZ019._-", 260);
  }

  /** Mixed-case keys, mostly capitals, with long segments: many escapes around chunk borders. */
  @Provide
  Arbitrary<String> mixedCaseKeys() {
    return Arbitraries.oneOf(
        keysOf("ABCDEFGHIJKLMNOPQRSTUVWXYZabc.", 512),
        keysOf("AaZz.", 512),
        keysOf("Aa.", 215),
        // one segment of exactly n characters (escapes land on every parity at the chunk border)
        Arbitraries.strings().withChars("AZa.").ofMinLength(195).ofMaxLength(512));
  }

  private static Arbitrary<String> keysOf(String chars, int maxSegment) {
    Arbitrary<String> segment =
        Arbitraries.strings()
            .withChars(chars)
            .ofMinLength(1)
            .ofMaxLength(maxSegment)
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
    assertMapsToSafeLowerCaseFileAndBack(key);
  }

  @Property(tries = 500)
  void everyMixedCaseKeyMapsToItsOwnSafeFileAndBack(@ForAll("mixedCaseKeys") String key) {
    assertMapsToSafeLowerCaseFileAndBack(key);
  }

  @Property(tries = 500)
  void distinctKeysMapToFilesDistinctAlsoIgnoringCase(
      @ForAll("mixedCaseKeys") String a, @ForAll("mixedCaseKeys") String b) {
    assertDistinctIgnoringCase(a, b);
    // and the same key with its case changed, the hard case for a case-insensitive file system
    assertDistinctIgnoringCase(a, a.toLowerCase(Locale.ROOT));
    assertDistinctIgnoringCase(a, a.toUpperCase(Locale.ROOT));
  }

  private static void assertDistinctIgnoringCase(String a, String b) {
    if (a.equals(b)) {
      return;
    }
    String fa = KeyLayout.fileFor(AREA, a).toString().toLowerCase(Locale.ROOT);
    String fb = KeyLayout.fileFor(AREA, b).toString().toLowerCase(Locale.ROOT);
    assertThat(fa).as("%s vs %s", a, b).isNotEqualTo(fb);
  }

  private static void assertMapsToSafeLowerCaseFileAndBack(String key) {
    KeyLayout.requireValid("key", key);
    Path file = KeyLayout.fileFor(AREA, key);
    assertThat(file.startsWith(AREA)).isTrue();
    assertThat(file.normalize()).isEqualTo(file);
    for (Path name : AREA.relativize(file)) {
      String n = name.toString();
      assertThat(n.length()).isLessThanOrEqualTo(KeyLayout.MAX_CHUNK + 2);
      assertThat(n).matches("[a-z0-9._^-]+(,v|,\\+)?").isNotIn(".", "..");
      // an escape is always followed by its letter within the same name
      assertThat(n).doesNotContainPattern("\\^([^a-z]|$)");
    }
    assertThat(KeyLayout.isTemp(file)).isFalse();
    assertThat(KeyLayout.keyOf(AREA, file)).isEqualTo(key);
  }

  @Test
  void upperCaseLettersAreEscaped() {
    assertThat(KeyLayout.fileFor(AREA, "Key")).isEqualTo(AREA.resolve("^key,v"));
    assertThat(KeyLayout.fileFor(AREA, "key")).isEqualTo(AREA.resolve("key,v"));
    assertThat(KeyLayout.fileFor(AREA, "acme/Orders/X1"))
        .isEqualTo(AREA.resolve("acme/^orders/^x1,v"));
    assertThat(KeyLayout.keyOf(AREA, AREA.resolve("acme/^orders/^x1,v")))
        .isEqualTo("acme/Orders/X1");
  }

  @Test
  void keysDifferingOnlyByCaseMapToFilesDifferingInMoreThanCase() {
    for (String[] pair :
        new String[][] {
          {"Key", "key"},
          {"A", "a"},
          {"a/B", "a/b"},
          {"KEY/x", "key/x"},
          {"A".repeat(512), "a".repeat(512)}
        }) {
      Path upper = KeyLayout.fileFor(AREA, pair[0]);
      Path lower = KeyLayout.fileFor(AREA, pair[1]);
      assertThat(upper).isNotEqualTo(lower);
      assertThat(upper.toString().toLowerCase(Locale.ROOT))
          .isNotEqualTo(lower.toString().toLowerCase(Locale.ROOT));
      assertThat(upper.toString()).isEqualTo(upper.toString().toLowerCase(Locale.ROOT));
    }
  }

  @Test
  void chunksAreCutByEncodedLengthNeverInsideAnEscape() {
    // 199 plain characters, then a capital: its escape pair would straddle the cut at 200
    String key = "a".repeat(199) + "B" + "c".repeat(10);
    Path file = KeyLayout.fileFor(AREA, key);
    assertThat(file)
        .isEqualTo(AREA.resolve("a".repeat(199) + ",+").resolve("^b" + "c".repeat(10) + ",v"));
    assertThat(KeyLayout.keyOf(AREA, file)).isEqualTo(key);
    // 150 capitals are 300 encoded characters: two chunks, although the key is short
    String capitals = "X".repeat(150);
    assertThat(KeyLayout.chunks(KeyLayout.encode(capitals)))
        .containsExactly("^x".repeat(100), "^x".repeat(50));
    // the longest key, all capitals: 1024 encoded characters
    String longest = "Q".repeat(KeyLayout.MAX_KEY_LENGTH);
    assertThat(KeyLayout.chunks(KeyLayout.encode(longest)))
        .hasSize(6)
        .allSatisfy(c -> assertThat(c.length()).isBetween(3, KeyLayout.MAX_CHUNK));
    assertThat(KeyLayout.keyOf(AREA, KeyLayout.fileFor(AREA, longest))).isEqualTo(longest);
  }

  @Test
  void aLastChunkIsNeverDotOrDotDot() {
    // without the minimum last chunk, "a"*200 + ".." would become the directories a..a,+ and ..
    for (String segment :
        List.of("a".repeat(200) + "..", "a".repeat(200) + ".", "B".repeat(100) + "..")) {
      String key = segment + "/b";
      Path file = KeyLayout.fileFor(AREA, key);
      assertThat(file.normalize()).isEqualTo(file);
      assertThat(file).isNotEqualTo(KeyLayout.fileFor(AREA, "b"));
      assertThat(KeyLayout.keyOf(AREA, file)).isEqualTo(key);
    }
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
    // names that are not the canonical encoding of a key
    assertThat(KeyLayout.keyOf(AREA, AREA.resolve("Key,v"))).isNull(); // upper case on disk
    assertThat(KeyLayout.keyOf(AREA, AREA.resolve("^^k,v"))).isNull();
    assertThat(KeyLayout.keyOf(AREA, AREA.resolve("k^,v"))).isNull();
    assertThat(KeyLayout.keyOf(AREA, AREA.resolve("^1,v"))).isNull();
    assertThat(KeyLayout.keyOf(AREA, AREA.resolve("^K,v"))).isNull();
    // an escape pair split over two chunks
    assertThat(KeyLayout.keyOf(AREA, AREA.resolve("a".repeat(199) + "^,+/b,v"))).isNull();
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
