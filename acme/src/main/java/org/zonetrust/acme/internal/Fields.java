package org.zonetrust.acme.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.zonetrust.acme.AcmeException;

/**
 * The small text format of the acme module's state values: a first line {@code format=NAME} and
 * then {@code name=value} lines (UTF-8). Values hold no line breaks; lists are comma-separated.
 * Parsing is strict: an unknown format, a malformed line or a missing field is an {@link
 * AcmeException} naming the key and the line number, never the value (it may be a private key).
 */
public final class Fields {
  private static final int MAX_VALUE = 64 * 1024;
  private final Map<String, String> values = new LinkedHashMap<>();
  private final String key;

  private Fields(String key) {
    this.key = key;
  }

  /**
   * Starts an empty value of the given format.
   *
   * @param format the format name, e.g. {@code certificate-keys/1}
   * @return the fields
   */
  public static Fields create(String format) {
    Fields f = new Fields("(new)");
    f.values.put("format", format);
    return f;
  }

  /**
   * Parses a stored value.
   *
   * @param key the state key it was read from (for error messages)
   * @param bytes the value
   * @param format the expected format name
   * @return the fields
   * @throws AcmeException if the value is not of that format or malformed
   */
  public static Fields parse(String key, byte[] bytes, String format) throws AcmeException {
    Fields f = new Fields(key);
    String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.isEmpty() && i == lines.length - 1) {
        break;
      }
      int eq = line.indexOf('=');
      if (eq <= 0) {
        throw new AcmeException("malformed state value at key " + key + ", line " + (i + 1));
      }
      f.values.put(line.substring(0, eq), line.substring(eq + 1));
    }
    if (!format.equals(f.values.get("format"))) {
      throw new AcmeException(
          "state value at key " + key + " is not of format " + format + " (line 1)");
    }
    return f;
  }

  /**
   * Sets a field; a null value leaves it out.
   *
   * @param name the field name
   * @param value the value, without line breaks
   * @return this
   */
  public Fields put(String name, @Nullable Object value) {
    if (value != null) {
      String s = value.toString();
      if (s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0 || s.length() > MAX_VALUE) {
        throw new IllegalArgumentException("field " + name + " holds a line break or is too long");
      }
      values.put(name, s);
    }
    return this;
  }

  /**
   * Sets a binary field (base64).
   *
   * @param name the field name
   * @param value the bytes, or null to leave it out
   * @return this
   */
  public Fields putBytes(String name, byte @Nullable [] value) {
    return put(name, value == null ? null : Base64.getEncoder().encodeToString(value));
  }

  /**
   * Sets a list field.
   *
   * @param name the field name
   * @param items the items, none containing a comma
   * @return this
   */
  public Fields putList(String name, List<String> items) {
    for (String item : items) {
      if (item.indexOf(',') >= 0) {
        throw new IllegalArgumentException("list field " + name + " item holds a comma");
      }
    }
    return put(name, String.join(",", items));
  }

  /**
   * A field that may be absent.
   *
   * @param name the field name
   * @return the value or null
   */
  public @Nullable String optional(String name) {
    return values.get(name);
  }

  /**
   * A required field.
   *
   * @param name the field name
   * @return the value
   * @throws AcmeException if absent
   */
  public String required(String name) throws AcmeException {
    String v = values.get(name);
    if (v == null) {
      throw new AcmeException("state value at key " + key + " lacks field " + name);
    }
    return v;
  }

  /**
   * A required binary field.
   *
   * @param name the field name
   * @return the bytes
   * @throws AcmeException if absent or not base64
   */
  public byte[] bytes(String name) throws AcmeException {
    try {
      return Base64.getDecoder().decode(required(name));
    } catch (IllegalArgumentException e) {
      throw new AcmeException("state value at key " + key + ": field " + name + " is not base64");
    }
  }

  /**
   * An optional instant field.
   *
   * @param name the field name
   * @return the instant or null
   * @throws AcmeException if present but malformed
   */
  public @Nullable Instant instant(String name) throws AcmeException {
    String v = values.get(name);
    if (v == null) {
      return null;
    }
    try {
      return Instant.parse(v);
    } catch (DateTimeParseException e) {
      throw new AcmeException("state value at key " + key + ": field " + name + " is no instant");
    }
  }

  /**
   * A required instant field.
   *
   * @param name the field name
   * @return the instant
   * @throws AcmeException if absent or malformed
   */
  public Instant requiredInstant(String name) throws AcmeException {
    Instant i = instant(name);
    if (i == null) {
      throw new AcmeException("state value at key " + key + " lacks field " + name);
    }
    return i;
  }

  /**
   * A list field; absent or empty gives an empty list.
   *
   * @param name the field name
   * @return the items
   */
  public List<String> list(String name) {
    String v = values.get(name);
    return v == null || v.isEmpty() ? List.of() : new ArrayList<>(Arrays.asList(v.split(",", -1)));
  }

  /**
   * An integer field; absent gives {@code otherwise}.
   *
   * @param name the field name
   * @param otherwise the default
   * @return the value
   * @throws AcmeException if present but not an integer
   */
  public int integer(String name, int otherwise) throws AcmeException {
    String v = values.get(name);
    if (v == null) {
      return otherwise;
    }
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new AcmeException("state value at key " + key + ": field " + name + " is no integer");
    }
  }

  /**
   * The encoded value.
   *
   * @return UTF-8 bytes
   */
  public byte[] toBytes() {
    StringBuilder sb = new StringBuilder();
    values.forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Names the fields only: values may be secret. */
  @Override
  public String toString() {
    return "Fields" + values.keySet();
  }
}
