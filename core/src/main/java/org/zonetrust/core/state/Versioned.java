package org.zonetrust.core.state;

import java.util.Arrays;
import java.util.Objects;

/**
 * A value read from a {@link StateStore} together with its version.
 *
 * @param key the key it was stored under
 * @param version the version, at least 1; increases with every write of the key
 * @param value the stored bytes (defensively copied in and out)
 */
@SuppressWarnings("ArrayRecordComponent") // copied in and out; equals/hashCode compare contents
public record Versioned(String key, long version, byte[] value) {

  /** The expected version meaning "the key must not exist". */
  public static final long ABSENT = 0;

  /**
   * Validates and copies.
   *
   * @param key see the record component
   * @param version see the record component
   * @param value see the record component
   */
  public Versioned {
    Objects.requireNonNull(key, "key");
    if (version < 1) {
      throw new IllegalArgumentException("version must be >= 1, got " + version);
    }
    value = value.clone();
  }

  /**
   * Returns a copy of the stored bytes.
   *
   * @return the value
   */
  @Override
  public byte[] value() {
    return value.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Versioned v
        && key.equals(v.key)
        && version == v.version
        && Arrays.equals(value, v.value);
  }

  @Override
  public int hashCode() {
    return Objects.hash(key, version, Arrays.hashCode(value));
  }

  /** Never prints the value: it may be a secret. */
  @Override
  public String toString() {
    return "Versioned[key=" + key + ", version=" + version + ", " + value.length + " bytes]";
  }
}
