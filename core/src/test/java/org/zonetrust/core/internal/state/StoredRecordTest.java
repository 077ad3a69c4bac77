package org.zonetrust.core.internal.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class StoredRecordTest {

  @Property(tries = 200)
  void roundTripsAndDetectsAnyFlippedBitOrTruncation(
      @ForAll @Size(max = 64) byte[] value,
      @ForAll boolean tombstone,
      @ForAll @IntRange(min = 1, max = 1_000_000) int version,
      @ForAll @IntRange(min = 0, max = 10_000) int position,
      @ForAll @IntRange(min = 0, max = 7) int bit) {
    StoredRecord r = new StoredRecord("a/b", version, tombstone, value);
    byte[] bytes = r.encode();
    assertThat(StoredRecord.decode("a/b", bytes)).isEqualTo(r);

    byte[] flipped = bytes.clone();
    flipped[position % flipped.length] ^= (byte) (1 << bit);
    assertThatThrownBy(() -> StoredRecord.decode("a/b", flipped))
        .isInstanceOf(IllegalArgumentException.class);
    byte[] truncated = Arrays.copyOf(bytes, position % bytes.length);
    assertThatThrownBy(() -> StoredRecord.decode("a/b", truncated))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> StoredRecord.decode("a/c", bytes))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a/b");
  }
}
