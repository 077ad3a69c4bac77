package org.zonetrust.dnssec.internal;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Comparator;
import java.util.Iterator;
import java.util.NavigableMap;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Name;

/**
 * A read-only view of nodes already sorted by name, only so that {@link TreeMap#TreeMap(SortedMap)}
 * builds its tree in linear time instead of comparing names again for every insertion.
 */
@SuppressWarnings("JdkObsolete") // TreeMap's linear-time constructor takes a SortedMap
final class SortedNodes extends AbstractMap<Name, Node> implements SortedMap<Name, Node> {
  private final Node[] sorted;

  private SortedNodes(Node[] sorted) {
    this.sorted = sorted;
  }

  /** Returns a tree map of the nodes, which must be sorted by name without duplicates. */
  static NavigableMap<Name, Node> treeOf(Node[] sorted) {
    return new TreeMap<>(new SortedNodes(sorted));
  }

  @Override
  public @Nullable Comparator<? super Name> comparator() {
    return null;
  }

  @Override
  public Set<Entry<Name, Node>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public Iterator<Entry<Name, Node>> iterator() {
        return new Iterator<>() {
          private int i;

          @Override
          public boolean hasNext() {
            return i < sorted.length;
          }

          @Override
          public Entry<Name, Node> next() {
            if (i >= sorted.length) {
              throw new NoSuchElementException();
            }
            Node n = sorted[i++];
            return new SimpleImmutableEntry<>(n.name(), n);
          }
        };
      }

      @Override
      public int size() {
        return sorted.length;
      }
    };
  }

  @Override
  public SortedMap<Name, Node> subMap(Name fromKey, Name toKey) {
    throw new UnsupportedOperationException();
  }

  @Override
  public SortedMap<Name, Node> headMap(Name toKey) {
    throw new UnsupportedOperationException();
  }

  @Override
  public SortedMap<Name, Node> tailMap(Name fromKey) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Name firstKey() {
    return sorted[0].name();
  }

  @Override
  public Name lastKey() {
    return sorted[sorted.length - 1].name();
  }
}
