package org.zonetrust.registrar.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonTest {
  private static Object parse(String s) throws JsonException {
    return Json.parse(s, 10_000, 8);
  }

  @Test
  @SuppressWarnings("unchecked")
  void parsesEveryKindOfValue() throws Exception {
    Object v =
        parse(
            " {\"a\": [1, -2.5e3, true, false, null], \"b\": \"x\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\","
                + " \"c\": {}} ");

    assertThat(v).isInstanceOf(Map.class);
    Map<?, ?> m = (Map<?, ?>) v;
    assertThat((List<Object>) m.get("a"))
        .containsExactly(new BigDecimal("1"), new BigDecimal("-2.5e3"), true, false, Json.NULL);
    assertThat(m.get("b")).isEqualTo("x\"\\/\b\f\n\r\t\u00e9");
    assertThat(m.get("c")).isEqualTo(Map.of());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"a\":1,}|7",
        "[1 2]|3",
        "01|1",
        "-|0",
        "1.|2",
        "\"abc|4",
        "\"\\x\"|2",
        "\"\\u12g4\"|5",
        "{\"a\":1,\"a\":2}|7",
        "[1] x|4",
        "tru|0",
        "{1:2}|1",
        "''|0"
      })
  void rejectsMalformedInputNamingTheOffset(String text, int offset) {
    assertThatThrownBy(() -> parse(text.equals("''") ? "" : text))
        .isInstanceOf(JsonException.class)
        .hasMessageContaining("offset " + offset);
  }

  @Test
  void rejectsRawControlCharactersInStrings() {
    assertThatThrownBy(() -> parse("\"a\nb\"")).hasMessageContaining("control character");
  }

  @Test
  void enforcesSizeAndDepthLimits() throws Exception {
    assertThat(parse("[[[[[[[[1]]]]]]]]")).isInstanceOf(List.class);
    assertThatThrownBy(() -> parse("[[[[[[[[[1]]]]]]]]]")).hasMessageContaining("deeper than 8");
    assertThatThrownBy(() -> Json.parse("[1,2,3]", 5, 8)).hasMessageContaining("larger than 5");
    assertThatThrownBy(() -> parse("1" + "0".repeat(100))).hasMessageContaining("number longer");
  }

  @Test
  void writesCompactJson() {
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("s", "q\"\\\n\u0001");
    m.put("n", 5);
    m.put("l", List.of(true, Json.NULL, new BigDecimal("1.5")));
    assertThat(Json.write(m))
        .isEqualTo("{\"s\":\"q\\\"\\\\\\n\\u0001\",\"n\":5,\"l\":[true,null,1.5]}");
  }

  @Property(tries = 200)
  void stringsRoundTrip(@ForAll String s) throws Exception {
    assertThat(parse(Json.write(List.of(s)))).isEqualTo(List.of(s));
  }
}
