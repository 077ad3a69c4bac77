package org.zonetrust.registrar.internal.http;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict, bounded JSON (RFC 8259) reader and writer. Values are {@code Map<String, Object>}
 * (insertion order), {@code List<Object>}, {@code String}, {@code BigDecimal}, {@code Boolean} and
 * {@link #NULL}. Duplicate keys, trailing content, leading zeros, raw control characters and
 * nesting deeper than the limit are errors.
 */
final class Json {
  /** The JSON {@code null}. */
  static final Object NULL =
      new Object() {
        @Override
        public String toString() {
          return "null";
        }
      };

  private static final int MAX_NUMBER_LENGTH = 64;

  private final String text;
  private final int maxDepth;
  private int pos;

  private Json(String text, int maxDepth) {
    this.text = text;
    this.maxDepth = maxDepth;
  }

  /**
   * Parses one JSON document.
   *
   * @param text the document
   * @param maxLength the largest accepted document, in characters
   * @param maxDepth the deepest accepted nesting of arrays and objects
   * @return the value
   * @throws JsonException if the text is not one well-formed JSON value within the limits
   */
  static Object parse(String text, int maxLength, int maxDepth) throws JsonException {
    if (text.length() > maxLength) {
      throw new JsonException("document larger than " + maxLength + " characters");
    }
    Json reader = new Json(text, maxDepth);
    reader.skipSpace();
    Object value = reader.value(0);
    reader.skipSpace();
    if (reader.pos != text.length()) {
      throw new JsonException("unexpected content after the value", reader.pos);
    }
    return value;
  }

  private Object value(int depth) throws JsonException {
    if (pos >= text.length()) {
      throw new JsonException("unexpected end of input", pos);
    }
    char c = text.charAt(pos);
    return switch (c) {
      case '{' -> object(depth + 1);
      case '[' -> array(depth + 1);
      case '"' -> string();
      case 't' -> literal("true", true);
      case 'f' -> literal("false", false);
      case 'n' -> literal("null", NULL);
      default -> {
        if (c == '-' || (c >= '0' && c <= '9')) {
          yield number();
        }
        throw new JsonException("unexpected character", pos);
      }
    };
  }

  private Map<String, Object> object(int depth) throws JsonException {
    checkDepth(depth);
    pos++;
    Map<String, Object> map = new LinkedHashMap<>();
    skipSpace();
    if (peek() == '}') {
      pos++;
      return Collections.unmodifiableMap(map);
    }
    while (true) {
      skipSpace();
      if (peek() != '"') {
        throw new JsonException("expected a member name", pos);
      }
      int keyAt = pos;
      String key = string();
      skipSpace();
      expect(':');
      skipSpace();
      Object v = value(depth);
      if (map.put(key, v) != null) {
        throw new JsonException("duplicate member name", keyAt);
      }
      skipSpace();
      char c = peek();
      pos++;
      if (c == '}') {
        return Collections.unmodifiableMap(map);
      }
      if (c != ',') {
        throw new JsonException("expected ',' or '}'", pos - 1);
      }
    }
  }

  private List<Object> array(int depth) throws JsonException {
    checkDepth(depth);
    pos++;
    List<Object> list = new ArrayList<>();
    skipSpace();
    if (peek() == ']') {
      pos++;
      return Collections.unmodifiableList(list);
    }
    while (true) {
      skipSpace();
      list.add(value(depth));
      skipSpace();
      char c = peek();
      pos++;
      if (c == ']') {
        return Collections.unmodifiableList(list);
      }
      if (c != ',') {
        throw new JsonException("expected ',' or ']'", pos - 1);
      }
    }
  }

  private String string() throws JsonException {
    pos++;
    StringBuilder sb = new StringBuilder();
    while (true) {
      if (pos >= text.length()) {
        throw new JsonException("unterminated string", pos);
      }
      char c = text.charAt(pos++);
      if (c == '"') {
        return sb.toString();
      }
      if (c < 0x20) {
        throw new JsonException("control character in string", pos - 1);
      }
      if (c != '\\') {
        sb.append(c);
        continue;
      }
      if (pos >= text.length()) {
        throw new JsonException("unterminated escape", pos);
      }
      char e = text.charAt(pos++);
      switch (e) {
        case '"', '\\', '/' -> sb.append(e);
        case 'b' -> sb.append('\b');
        case 'f' -> sb.append('\f');
        case 'n' -> sb.append('\n');
        case 'r' -> sb.append('\r');
        case 't' -> sb.append('\t');
        case 'u' -> sb.append(unicodeEscape());
        default -> throw new JsonException("invalid escape", pos - 1);
      }
    }
  }

  private char unicodeEscape() throws JsonException {
    if (pos + 4 > text.length()) {
      throw new JsonException("truncated \\u escape", pos);
    }
    int v = 0;
    for (int i = 0; i < 4; i++) {
      int d = Character.digit(text.charAt(pos + i), 16);
      if (d < 0) {
        throw new JsonException("invalid \\u escape", pos + i);
      }
      v = v * 16 + d;
    }
    pos += 4;
    return (char) v;
  }

  private BigDecimal number() throws JsonException {
    int start = pos;
    if (peek() == '-') {
      pos++;
    }
    if (peek() == '0') {
      pos++;
    } else if (isDigit(peek()) && peek() != '0') {
      digits();
    } else {
      throw new JsonException("invalid number", start);
    }
    if (peek() == '.') {
      pos++;
      if (!isDigit(peek())) {
        throw new JsonException("digit expected after '.'", pos);
      }
      digits();
    }
    if (peek() == 'e' || peek() == 'E') {
      pos++;
      if (peek() == '+' || peek() == '-') {
        pos++;
      }
      if (!isDigit(peek())) {
        throw new JsonException("digit expected in exponent", pos);
      }
      digits();
    }
    if (pos - start > MAX_NUMBER_LENGTH) {
      throw new JsonException("number longer than " + MAX_NUMBER_LENGTH + " characters", start);
    }
    return new BigDecimal(text.substring(start, pos));
  }

  private void digits() {
    while (isDigit(peek())) {
      pos++;
    }
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private Object literal(String word, Object value) throws JsonException {
    if (!text.startsWith(word, pos)) {
      throw new JsonException("unexpected literal", pos);
    }
    pos += word.length();
    return value;
  }

  private void checkDepth(int depth) throws JsonException {
    if (depth > maxDepth) {
      throw new JsonException("nested deeper than " + maxDepth, pos);
    }
  }

  private void expect(char c) throws JsonException {
    if (peek() != c) {
      throw new JsonException("expected '" + c + "'", pos);
    }
    pos++;
  }

  /** The current character, or NUL at the end (NUL is never valid outside strings). */
  private char peek() {
    return pos < text.length() ? text.charAt(pos) : '\0';
  }

  private void skipSpace() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return;
      }
      pos++;
    }
  }

  /**
   * Writes a value built from maps with string keys, lists, strings, numbers, booleans and {@link
   * #NULL}.
   *
   * @param value the value
   * @return compact JSON text
   */
  static String write(Object value) {
    StringBuilder sb = new StringBuilder();
    write(value, sb);
    return sb.toString();
  }

  private static void write(Object value, StringBuilder sb) {
    if (value instanceof Map<?, ?> map) {
      sb.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (!first) {
          sb.append(',');
        }
        first = false;
        quote(String.valueOf(e.getKey()), sb);
        sb.append(':');
        write(e.getValue(), sb);
      }
      sb.append('}');
    } else if (value instanceof List<?> list) {
      sb.append('[');
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        write(list.get(i), sb);
      }
      sb.append(']');
    } else if (value instanceof String s) {
      quote(s, sb);
    } else if (value instanceof BigDecimal d) {
      sb.append(d.toString());
    } else if (value instanceof Integer || value instanceof Long || value instanceof Boolean) {
      sb.append(value);
    } else if (value == NULL) {
      sb.append("null");
    } else {
      throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
    }
  }

  private static void quote(String s, StringBuilder sb) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }
}
