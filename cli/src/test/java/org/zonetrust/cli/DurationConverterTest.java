package org.zonetrust.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {
  private final DurationConverter c = new DurationConverter();

  @Test
  void shortForms() {
    assertThat(c.convert("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(c.convert("10s")).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.convert("5m")).isEqualTo(Duration.ofMinutes(5));
    assertThat(c.convert("2h")).isEqualTo(Duration.ofHours(2));
    assertThat(c.convert("PT3S")).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void garbageSaysWhatIsAccepted() {
    assertThatThrownBy(() -> c.convert("soon"))
        .isInstanceOf(TypeConversionException.class)
        .hasMessageContaining("10s");
  }
}
