package org.zonetrust.core.internal.state;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.zip.CRC32C;

/**
 * One record file: a key's value and version, or a tombstone that keeps the version of a deleted
 * key so that a re-created key continues from it.
 *
 * <p>Binary format, big-endian:
 *
 * <pre>
 * magic     4 bytes  "ZTS1"
 * kind      1 byte   0 = value, 1 = tombstone
 * version   8 bytes  &gt;= 1
 * keyLength 2 bytes  then the key, ASCII
 * valLength 4 bytes  then the value (0 for a tombstone)
 * crc32c    4 bytes  CRC-32C of every byte before it
 * </pre>
 *
 * <p>The key is stored so that a file copied or renamed to the wrong place is detected.
 *
 * @param key the key
 * @param version the version, at least 1
 * @param tombstone whether the key is deleted
 * @param value the value bytes (not copied: internal use only)
 */
@SuppressWarnings("ArrayRecordComponent") // internal; equals/hashCode compare contents
public record StoredRecord(String key, long version, boolean tombstone, byte[] value) {

  /** Largest value the file store accepts, in bytes. */
  public static final int MAX_VALUE_BYTES = 64 * 1024 * 1024;

  private static final byte[] MAGIC = {'Z', 'T', 'S', '1'};
  private static final int FIXED = 4 + 1 + 8 + 2 + 4 + 4;

  /**
   * Validates.
   *
   * @param key the key
   * @param version the version, at least 1
   * @param tombstone whether the key is deleted
   * @param value the value bytes
   */
  public StoredRecord {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    if (version < 1) {
      throw new IllegalArgumentException("version must be >= 1, got " + version);
    }
  }

  /**
   * Encodes the record.
   *
   * @return the file contents
   */
  public byte[] encode() {
    byte[] k = key.getBytes(StandardCharsets.US_ASCII);
    ByteBuffer b = ByteBuffer.allocate(FIXED + k.length + value.length);
    b.put(MAGIC).put((byte) (tombstone ? 1 : 0)).putLong(version);
    b.putShort((short) k.length).put(k).putInt(value.length).put(value);
    CRC32C crc = new CRC32C();
    crc.update(b.array(), 0, b.position());
    b.putInt((int) crc.getValue());
    return b.array();
  }

  /**
   * Decodes and checks a record file.
   *
   * @param expectedKey the key the file should hold
   * @param bytes the file contents
   * @return the record
   * @throws IllegalArgumentException if the contents are torn, corrupted or for another key; the
   *     message says what is wrong and never includes value bytes
   */
  public static StoredRecord decode(String expectedKey, byte[] bytes) {
    if (bytes.length < FIXED) {
      throw new IllegalArgumentException("file is truncated (" + bytes.length + " bytes)");
    }
    ByteBuffer b = ByteBuffer.wrap(bytes);
    byte[] magic = new byte[4];
    b.get(magic);
    if (!Arrays.equals(magic, MAGIC)) {
      throw new IllegalArgumentException("not a ZoneTrust state file (bad magic)");
    }
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, bytes.length - 4);
    int stored = ByteBuffer.wrap(bytes, bytes.length - 4, 4).getInt();
    if (stored != (int) crc.getValue()) {
      throw new IllegalArgumentException("checksum mismatch (torn or corrupted file)");
    }
    byte kind = b.get();
    long version = b.getLong();
    int keyLength = Short.toUnsignedInt(b.getShort());
    if (kind > 1 || version < 1 || keyLength > bytes.length - FIXED) {
      throw new IllegalArgumentException("invalid header");
    }
    byte[] k = new byte[keyLength];
    b.get(k);
    int valueLength = b.getInt();
    if (valueLength < 0 || valueLength != bytes.length - FIXED - keyLength) {
      throw new IllegalArgumentException("length mismatch (torn or corrupted file)");
    }
    String key = new String(k, StandardCharsets.US_ASCII);
    if (!key.equals(expectedKey)) {
      throw new IllegalArgumentException("file belongs to key '" + key + "' (moved or copied?)");
    }
    byte[] value = new byte[valueLength];
    b.get(value);
    return new StoredRecord(key, version, kind == 1, value);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StoredRecord r
        && key.equals(r.key)
        && version == r.version
        && tombstone == r.tombstone
        && Arrays.equals(value, r.value);
  }

  @Override
  public int hashCode() {
    return Objects.hash(key, version, tombstone, Arrays.hashCode(value));
  }

  /** Never prints the value. */
  @Override
  public String toString() {
    return "StoredRecord[key=" + key + ", version=" + version + ", tombstone=" + tombstone + "]";
  }
}
