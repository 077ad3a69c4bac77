package org.zonetrust.core.state;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;

/**
 * Child process of {@link CrashSafetyTest}: writes values of a self-checking format to one key as
 * fast as it can and prints each sequence number after its write returned, until killed.
 *
 * <p>Arguments: store directory, key, seed.
 */
public final class CrashWriterMain {

  private CrashWriterMain() {}

  /** Value size for a sequence number: 16 bytes to about 1 MiB, varying with the seed. */
  static int sizeFor(long seed, long seq) {
    return 16 + (int) Math.floorMod(seed * 31 + seq * 7919, 1024L) * 1024 + (int) (seq % 1000);
  }

  /** 8 bytes seq, 4 bytes size, then every byte equal to {@code (byte) seq}. */
  static byte[] valueFor(long seed, long seq) {
    int size = sizeFor(seed, seq);
    byte[] v = new byte[size];
    Arrays.fill(v, (byte) seq);
    ByteBuffer.wrap(v).putLong(seq).putInt(size);
    return v;
  }

  /**
   * Checks a value read back.
   *
   * @return its sequence number
   * @throws AssertionError if the value is not exactly one written by {@link #valueFor}
   */
  static long check(long seed, byte[] v) {
    if (v.length < 12) {
      throw new AssertionError("value too short: " + v.length);
    }
    ByteBuffer b = ByteBuffer.wrap(v);
    long seq = b.getLong();
    int size = b.getInt();
    if (size != v.length || size != sizeFor(seed, seq)) {
      throw new AssertionError("value of seq " + seq + " has " + v.length + " bytes");
    }
    for (int i = 12; i < v.length; i++) {
      if (v[i] != (byte) seq) {
        throw new AssertionError("value of seq " + seq + " differs at byte " + i);
      }
    }
    return seq;
  }

  public static void main(String[] args) throws Exception {
    FileStateStore store = FileStateStore.open(Path.of(args[0]), Clock.systemUTC());
    String key = args[1];
    long seed = Long.parseLong(args[2]);
    long seq = store.get(key).map(v -> check(seed, v.value())).orElse(0L);
    while (true) {
      seq++;
      store.put(key, valueFor(seed, seq));
      System.out.println(seq);
      System.out.flush();
    }
  }
}
