package org.zonetrust.dnssec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.xbill.DNS.Name;

/**
 * Every file in {@code bad-zones/} starts with {@code ; expect LINE: TEXT}: reading it must fail at
 * that line (0: the whole file) with a message containing TEXT ({file} stands for the file's path).
 */
class BadZoneFilesTest {
  private static final Name ORIGIN = Name.fromConstantString("example.test.");
  private static final Pattern EXPECT = Pattern.compile("; expect (\\d+): (.*)");

  static Stream<Path> badZones() throws IOException, URISyntaxException {
    Path dir = Path.of(BadZoneFilesTest.class.getResource("/bad-zones").toURI());
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.toString().endsWith(".zone")).sorted().toList();
    }
    return files.stream();
  }

  @Test
  void theCorpusIsThere() throws Exception {
    assertThat(badZones()).hasSizeGreaterThanOrEqualTo(19);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badZones")
  void failsAtTheExpectedLine(Path file) throws IOException {
    String first = Files.readAllLines(file, StandardCharsets.UTF_8).get(0);
    Matcher m = EXPECT.matcher(first);
    assertThat(m.matches()).as("first line of %s: %s", file, first).isTrue();
    int line = Integer.parseInt(m.group(1));
    String text = m.group(2).replace("{file}", file.toString());
    String prefix = line > 0 ? file + ":" + line + ": " : file + ": ";
    assertThatThrownBy(() -> ZoneFile.read(file, ORIGIN))
        .isInstanceOfSatisfying(
            ZoneFileException.class,
            e -> {
              assertThat(e.source()).isEqualTo(file.toString());
              assertThat(e.line()).as(e.getMessage()).isEqualTo(line);
              assertThat(e.getMessage()).startsWith(prefix).contains(text);
              assertThat(e.getMessage()).isEqualTo(prefix + e.detail());
            });
  }
}
