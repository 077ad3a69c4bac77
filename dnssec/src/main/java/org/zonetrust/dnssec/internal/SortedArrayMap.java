package org.zonetrust.dnssec.internal;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NavigableMap;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Name;

/**
 * A read-only view of values already sorted by name, only so that {@link
 * TreeMap#TreeMap(SortedMap)} builds its tree in linear time instead of comparing names again for
 * every insertion; and a fast sort in canonical name order.
 */
@SuppressWarnings("JdkObsolete") // TreeMap's linear-time constructor takes a SortedMap
final class SortedArrayMap<V> extends AbstractMap<Name, V> implements SortedMap<Name, V> {
  private final List<V> sorted;
  private final Function<V, Name> key;

  private SortedArrayMap(List<V> sorted, Function<V, Name> key) {
    this.sorted = sorted;
    this.key = key;
  }

  /** Returns a tree map of the values, which must be sorted by their names without duplicates. */
  static <V> NavigableMap<Name, V> treeOf(List<V> sorted, Function<V, Name> key) {
    return new TreeMap<>(view(sorted, key));
  }

  /** Returns the values, which must be sorted by their names without duplicates, as a map. */
  static <V> SortedMap<Name, V> view(List<V> sorted, Function<V, Name> key) {
    return new SortedArrayMap<>(sorted, key);
  }

  /**
   * Sorts values in canonical name order (RFC 4034 section 6.1), as {@link Name#compareTo} would,
   * but comparing precomputed byte keys: the labels from the right, lower-cased, each followed by
   * {@code 00 00}, with a zero octet inside a label written {@code 00 FF}.
   */
  static <V> void sortCanonical(V[] values, Function<V, Name> key) {
    Keyed[] keyed = new Keyed[values.length];
    for (int i = 0; i < values.length; i++) {
      keyed[i] = new Keyed(sortKey(key.apply(values[i])), values[i]);
    }
    Arrays.sort(keyed, (a, b) -> Arrays.compareUnsigned(a.key, b.key));
    for (int i = 0; i < values.length; i++) {
      @SuppressWarnings("unchecked")
      V v = (V) keyed[i].value;
      values[i] = v;
    }
  }

  static byte[] sortKey(Name name) {
    byte[] wire = name.toWireCanonical();
    int labels = name.labels();
    int[] starts = new int[labels];
    int pos = 0;
    int size = 0;
    for (int i = 0; i < labels; i++) {
      starts[i] = pos;
      int len = wire[pos] & 0xff;
      size += len + 2;
      for (int j = 1; j <= len; j++) {
        if (wire[pos + j] == 0) {
          size++;
        }
      }
      pos += len + 1;
    }
    byte[] out = new byte[size];
    int o = 0;
    for (int i = labels - 1; i >= 0; i--) {
      int len = wire[starts[i]] & 0xff;
      for (int j = 1; j <= len; j++) {
        byte b = wire[starts[i] + j];
        out[o++] = b;
        if (b == 0) {
          out[o++] = (byte) 0xff;
        }
      }
      out[o++] = 0;
      out[o++] = 0;
    }
    return out;
  }

  private static final class Keyed {
    final byte[] key;
    final Object value;

    Keyed(byte[] key, Object value) {
      this.key = key;
      this.value = value;
    }
  }

  @Override
  public @Nullable Comparator<? super Name> comparator() {
    return null;
  }

  @Override
  public Set<Entry<Name, V>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public Iterator<Entry<Name, V>> iterator() {
        return new Iterator<>() {
          private int i;

          @Override
          public boolean hasNext() {
            return i < sorted.size();
          }

          @Override
          public Entry<Name, V> next() {
            if (i >= sorted.size()) {
              throw new NoSuchElementException();
            }
            V v = sorted.get(i++);
            return new SimpleImmutableEntry<>(key.apply(v), v);
          }
        };
      }

      @Override
      public int size() {
        return sorted.size();
      }
    };
  }

  @Override
  public SortedMap<Name, V> subMap(Name fromKey, Name toKey) {
    throw new UnsupportedOperationException();
  }

  @Override
  public SortedMap<Name, V> headMap(Name toKey) {
    throw new UnsupportedOperationException();
  }

  @Override
  public SortedMap<Name, V> tailMap(Name fromKey) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Name firstKey() {
    return key.apply(sorted.get(0));
  }

  @Override
  public Name lastKey() {
    return key.apply(sorted.get(sorted.size() - 1));
  }
}
